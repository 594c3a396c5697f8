#include "app/users.h"

#include <boost/json.hpp>

#include <vector>

#include "app/erasure.h"
#include "core/user.h"
#include "formats/json/record_json.h"
#include "security/password.h"

namespace debrief::app {

core::Result<core::User> AddUser(store::Store& store, std::optional<int64_t> actor_id,
                                 const NewUser& given) {
  core::User user;
  user.email = core::NormalizeEmail(given.email);
  if (user.email.find('@') == std::string::npos) {
    return core::Error::InvalidArgument("email must be an email address", "email");
  }
  user.name = given.name.empty() ? user.email : given.name;
  user.role = given.role;
  DEBRIEF_ASSIGN_OR_RETURN(user.password_hash, security::HashPassword(given.password));
  boost::json::object audit{
      {"email", user.email}, {"name", user.name}, {"role", core::ToString(user.role)}};
  return store.CreateUser(user, {actor_id, boost::json::serialize(audit)});
}

core::Result<core::User> ChangeUser(store::Store& store, const core::Principal& caller,
                                    int64_t user_id, const UserChanges& changes) {
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(user_id));
  // A stand-in given a password or enabled again would sign in as everyone's label, with the
  // erased person's places in incidents.
  if (IsErased(user)) {
    return core::Error::Conflict("user " + std::to_string(user_id) +
                                 " is an erased person's stand-in; nothing about them changes");
  }
  if (changes.version && *changes.version != user.version) {
    // Refused before a password is hashed; the store checks again as it writes.
    return StaleUserVersion(user, *changes.version);
  }
  const core::User was = user;
  boost::json::object before = formats::json::Encode(user);
  if (changes.name) user.name = *changes.name;
  if (changes.role) user.role = *changes.role;
  if (changes.disabled) user.disabled = *changes.disabled;
  if (changes.password) {
    DEBRIEF_ASSIGN_OR_RETURN(user.password_hash, security::HashPassword(*changes.password));
  }
  if (user.id == caller.user_id && (user.role != core::Role::kAdmin || user.disabled)) {
    return core::Error::Conflict("you cannot remove your own admin rights");
  }
  boost::json::object after = formats::json::Encode(user);
  if (changes.password) after["password"] = "(changed)";
  std::optional<int64_t> actor =
      caller.user_id != 0 ? std::optional<int64_t>(caller.user_id) : std::nullopt;
  // A new password, a new role or a disabled account ends every session at once: whoever held
  // one (a stolen cookie, a shared machine) signs in again under the new terms. Disabling also
  // revokes the user's API tokens, so enabling them again later revives none of them.
  bool disabling = user.disabled && !was.disabled;
  bool ends_sessions = changes.password || user.role != was.role || disabling;
  core::User stored;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored,
                             store.UpdateUser(user, {actor, formats::json::Diff(before, after)}));
    if (ends_sessions) DEBRIEF_RETURN_IF_ERROR(store.DeleteSessionsOf(user.id));
    if (!disabling) return core::Ok();
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ApiToken> tokens, store.ListApiTokens());
    for (const core::ApiToken& token : tokens) {
      if (token.user_id != user.id || token.revoked_at) continue;
      DEBRIEF_RETURN_IF_ERROR(
          store.RevokeApiToken(token.id, {actor, R"({"reason":"user disabled"})"}));
    }
    return core::Ok();
  }));
  return stored;
}

core::Error StaleUserVersion(const core::User& current, int64_t given) {
  return core::Error::FailedPrecondition(
      "user " + std::to_string(current.id) + " is at version " + std::to_string(current.version) +
      ", not " + std::to_string(given) +
      ": someone changed them since you read it; reload and try again");
}

core::Result<bool> IsLastActiveAdmin(store::Store& store, const core::User& user) {
  if (user.role != core::Role::kAdmin || user.disabled) return false;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
  for (const core::User& other : users) {
    if (other.id != user.id && other.role == core::Role::kAdmin && !other.disabled) return false;
  }
  return true;
}

}  // namespace debrief::app
