// Users as the organisation's identity provider provisions them over SCIM (formats/scim): looked
// up by their SCIM userName (kept as an identity of issuer "scim", since a provider's userName is
// often its own login name rather than the address), created without a password (they sign in
// through the provider), renamed, and deprovisioned: made inactive, which disables them and at
// once ends their sessions and revokes their API tokens (app/users.h). Nobody is deleted: what
// they wrote stays under their name, and an erasure is a separate, deliberate act.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/user.h"
#include "formats/scim/scim_user.h"
#include "store/store.h"

namespace debrief::app {

inline constexpr std::string_view kScimIssuer = "scim";

struct ProvisioningPolicy {
  core::Role role = core::Role::kViewer;  // Given to the users a provider creates.
  // Group name to role (serve --scim-role-map), names in any case; "*" stands for every group and
  // for none. Empty: groups give no role. Otherwise a user's role follows their groups: the
  // highest any of them maps to, `role` when none does.
  std::vector<std::pair<std::string, core::Role>> group_roles;
};

struct ProvisionedUser {
  core::User user;
  std::string user_name;  // As the provider named them; their address for users it did not make.
};

// The users `filter` selects (every user without one), by id. userName is matched, in any case,
// against the names providers gave, then against addresses (a user who was here before
// provisioning began).
core::Result<std::vector<ProvisionedUser>> FindProvisionedUsers(
    store::Store& store, const std::optional<formats::scim::Filter>& filter);

core::Result<ProvisionedUser> GetProvisionedUser(store::Store& store, int64_t id);

// Creates the user; kAlreadyExists (SCIM uniqueness) when the userName or address is taken,
// kInvalidArgument when neither userName nor emails give an address.
core::Result<ProvisionedUser> ProvisionUser(store::Store& store,
                                            const formats::scim::UserAttributes& user,
                                            const ProvisioningPolicy& policy);

// Applies what the provider says (PUT: the whole resource; PATCH: the attributes changed) to
// user `id`: the name, and whether they are active. The provider is the organisation's record
// of who works here, so it may deprovision anyone it finds, but never the last active admin
// (kConflict): nobody would be left to manage debrief. userName and address are who they are
// here: kInvalidArgument (SCIM mutability) for a change of either.
core::Result<ProvisionedUser> UpdateProvisionedUser(store::Store& store, int64_t id,
                                                    const formats::scim::UserAttributes& changes);

}  // namespace debrief::app
