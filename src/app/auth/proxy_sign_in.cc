#include "app/auth/proxy_sign_in.h"

#include <boost/json.hpp>

#include "core/utf8.h"
#include "ingest/plain_text.h"

namespace debrief::app::auth {
namespace {

namespace bj = boost::json;

bool LooksLikeAnAddress(std::string_view email) {
  size_t at = email.find('@');
  if (email.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == email.size() ||
      email.find('@', at + 1) != std::string_view::npos || !core::IsValidUtf8(email)) {
    return false;
  }
  for (char c : email) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == ',' || c == '<' || c == '>') {
      return false;
    }
  }
  return true;
}

core::Error NoRole() {
  return core::Error::PermissionDenied(
      "none of your groups gives a role in this debrief; ask an admin to add one of them");
}

bj::object Audited(const core::User& user) {
  return {{"name", user.name}, {"role", core::ToString(user.role)}};
}

}  // namespace

std::vector<std::string> SplitGroups(std::string_view header) {
  std::vector<std::string> groups;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string group(ingest::TrimSpace(header.substr(0, comma)));
    if (!group.empty()) groups.push_back(std::move(group));
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return groups;
}

core::Result<core::User> SignInFromProxy(store::Store& store, const ProxyIdentity& identity,
                                         const IdentityPolicy& policy) {
  std::string email = core::NormalizeEmail(identity.email);
  if (!LooksLikeAnAddress(email)) {
    return core::Error::Unauthenticated("the sign-in proxy sent no usable email address");
  }
  DEBRIEF_RETURN_IF_ERROR(CheckAllowedDomain(email, policy));
  std::optional<core::Role> role =
      RoleForGroups(identity.groups.value_or(std::vector<std::string>{}), policy);
  std::optional<std::string> name;
  if (identity.name) {
    std::string trimmed(ingest::TrimSpace(*identity.name));
    if (!trimmed.empty() && trimmed.size() <= 200 && core::IsValidUtf8(trimmed)) name = trimmed;
  }
  auto found = store.FindUserByEmail(email);
  if (found) {
    core::User user = std::move(*found);
    if (user.disabled) return core::Error::PermissionDenied("this user is disabled");
    // Without a groups header the role is debrief's own, as an admin set it.
    if (identity.groups && !role) return NoRole();
    core::Role wanted = identity.groups ? *role : user.role;
    std::string wanted_name = name.value_or(user.name);
    if (user.role == wanted && user.name == wanted_name) return user;
    bj::object before = Audited(user);
    user.role = wanted;
    user.name = wanted_name;
    // Changed by the proxy's word, not by a person here: no actor.
    return store.UpdateUser(
        user, {std::nullopt,
               bj::serialize(bj::object{
                   {"before", before}, {"after", Audited(user)}, {"via", "sign-in proxy"}})});
  }
  if (found.error().code() != core::ErrorCode::kNotFound) return found.error();
  if (!role) return NoRole();
  core::User user;
  user.email = email;
  user.name = name.value_or(email.substr(0, email.find('@')));
  user.role = *role;
  user.password_hash = "";  // The proxy vouches for this person; no password here.
  bj::object audit{{"email", user.email},
                   {"name", user.name},
                   {"role", core::ToString(user.role)},
                   {"via", "sign-in proxy"}};
  auto created = store.CreateUser(user, {std::nullopt, bj::serialize(audit)});
  if (!created && created.error().code() == core::ErrorCode::kAlreadyExists) {
    // Another request of the same person's first page created them a moment ago.
    return store.FindUserByEmail(email);
  }
  return created;
}

}  // namespace debrief::app::auth
