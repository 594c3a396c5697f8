// Users, as admins (through the API) and operators (through `debrief user`) manage them. A
// password is hashed here and never kept or logged as given; an e-mail address is compared in
// its normalised form everywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/authorization.h"
#include "core/result.h"
#include "core/user.h"
#include "store/store.h"

namespace debrief::app {

struct NewUser {
  std::string email;
  std::string name;  // Empty: the e-mail address.
  core::Role role = core::Role::kMember;
  std::string password;
};

// Adds the user. `actor_id` is who adds them (none for the command line, which acts with the
// database's own authority); the audit entry names the address, name and role, never the
// password.
core::Result<core::User> AddUser(store::Store& store, std::optional<int64_t> actor_id,
                                 const NewUser& user);

// What a change sets; what is left out stays.
struct UserChanges {
  std::optional<std::string> name;
  std::optional<core::Role> role;
  std::optional<bool> disabled;
  std::optional<std::string> password;
  // The version the change was made against (If-Match); without it the current one is taken, as
  // for an operator at the command line.
  std::optional<int64_t> version;
};

// Changes the user. An admin cannot take away their own admin rights (nor disable themselves):
// someone must be left to manage the others. The audit entry shows a changed password as
// "(changed)". A new password or role, or disabling, ends all the user's sessions; disabling
// revokes their API tokens for good (enabling the user again revives none).
core::Result<core::User> ChangeUser(store::Store& store, const core::Principal& caller,
                                    int64_t user_id, const UserChanges& changes);

// The refusal of a change made against `given`, a version of the user other than `current`'s.
core::Error StaleUserVersion(const core::User& current, int64_t given);

// Whether `user` is the last active admin: taking their admin role or disabling them would leave
// nobody to manage debrief.
core::Result<bool> IsLastActiveAdmin(store::Store& store, const core::User& user);

}  // namespace debrief::app
