#include "app/auth/identity_sign_in.h"

#include <algorithm>
#include <boost/json.hpp>

#include "app/provisioning.h"
#include "ingest/plain_text.h"

namespace debrief::app::auth {
namespace {

std::string Trim(std::string_view text) { return std::string(ingest::TrimSpace(text)); }

int Rank(core::Role role) {
  switch (role) {
    case core::Role::kViewer:
      return 0;
    case core::Role::kMember:
      return 1;
    case core::Role::kAdmin:
      return 2;
  }
  return 0;
}

bool Verified(const formats::oidc::IdTokenClaims& claims, const IdentityPolicy& policy) {
  return claims.email_verified || policy.trust_provider_email;
}

core::Result<void> CheckDomain(const formats::oidc::IdTokenClaims& claims, const std::string& email,
                               const IdentityPolicy& policy) {
  if (policy.allowed_email_domains.empty()) return core::Ok();
  DEBRIEF_RETURN_IF_ERROR(CheckAllowedDomain(email, policy));
  if (!Verified(claims, policy)) {
    return core::Error::PermissionDenied(
        "the identity provider has not verified your email address, and this debrief only "
        "lets in verified addresses of its domains");
  }
  return core::Ok();
}

// The user the organisation's provider provisioned over SCIM with this verified address, who has
// no password and has never signed in through a provider: the person the claims are, linked to
// them now. Anyone else holding the address (a password user, someone with an identity of a
// provider) is not taken over.
core::Result<std::optional<core::User>> ProvisionedFor(store::Store& store,
                                                       const formats::oidc::IdTokenClaims& claims,
                                                       const std::string& email,
                                                       const IdentityPolicy& policy) {
  if (!Verified(claims, policy)) return std::optional<core::User>();
  auto user = store.FindUserByEmail(email);
  if (!user) {
    if (user.error().code() == core::ErrorCode::kNotFound) return std::optional<core::User>();
    return user.error();
  }
  if (!user->password_hash.empty()) return std::optional<core::User>();
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::UserIdentity> identities, store.ListUserIdentities());
  bool provisioned = false;
  for (const core::UserIdentity& identity : identities) {
    if (identity.user_id != user->id) continue;
    // Signed in through a provider before: that identity is who they are, not this one.
    if (identity.issuer != kScimIssuer) return std::optional<core::User>();
    provisioned = true;
  }
  if (!provisioned) return std::optional<core::User>();
  DEBRIEF_RETURN_IF_ERROR(store.LinkUserIdentity(
      core::UserIdentity{user->id, claims.issuer, claims.subject, claims.issued_at}));
  return std::optional<core::User>(std::move(*user));
}

}  // namespace

core::Result<void> CheckAllowedDomain(const std::string& email, const IdentityPolicy& policy) {
  if (policy.allowed_email_domains.empty()) return core::Ok();
  std::string domain = email.substr(email.rfind('@') + 1);
  if (std::find(policy.allowed_email_domains.begin(), policy.allowed_email_domains.end(), domain) ==
      policy.allowed_email_domains.end()) {
    return core::Error::PermissionDenied("addresses at " + domain +
                                         " may not sign in to this debrief");
  }
  return core::Ok();
}

core::Result<std::vector<std::pair<std::string, core::Role>>> ParseGroupRoles(
    std::string_view text) {
  std::vector<std::pair<std::string, core::Role>> mapping;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string entry = Trim(text.substr(start, end - start));
    start = end + 1;
    if (entry.empty()) continue;
    size_t equals = entry.rfind('=');
    std::string group = equals == std::string::npos ? "" : Trim(entry.substr(0, equals));
    auto role = equals == std::string::npos
                    ? std::nullopt
                    : core::ParseEnum<core::Role>(Trim(entry.substr(equals + 1)));
    if (group.empty() || !role) {
      return core::Error::InvalidArgument(
          "\"" + entry + "\" is not group=role (roles: " + core::AllowedValues<core::Role>() + ")",
          "oidc-role-map");
    }
    mapping.emplace_back(std::move(group), *role);
  }
  return mapping;
}

std::optional<core::Role> RoleForGroups(const std::vector<std::string>& groups,
                                        const IdentityPolicy& policy) {
  std::optional<core::Role> best;
  for (const auto& [group, role] : policy.group_roles) {
    bool member = group == "*" || std::find(groups.begin(), groups.end(), group) != groups.end();
    if (member && (!best || Rank(role) > Rank(*best))) best = role;
  }
  return best;
}

core::Result<core::User> SignInWithIdentity(store::Store& store,
                                            const formats::oidc::IdTokenClaims& claims,
                                            const IdentityPolicy& policy) {
  std::string email = core::NormalizeEmail(claims.email.value_or(""));
  if (email.find('@') == std::string::npos) {
    return core::Error::InvalidArgument(
        "the identity provider sent no email address; debrief asks for the \"email\" scope");
  }
  DEBRIEF_RETURN_IF_ERROR(CheckDomain(claims, email, policy));
  std::optional<core::Role> role = RoleForGroups(claims.groups, policy);
  if (!role) {
    return core::Error::PermissionDenied(
        "none of your groups at the identity provider gives a role in this debrief; ask an "
        "admin to add one of them");
  }
  std::string name = claims.name.value_or(claims.preferred_username.value_or(email));
  auto found = store.FindUserByIdentity(claims.issuer, claims.subject);
  if (!found && found.error().code() == core::ErrorCode::kNotFound) {
    // Provisioned ahead of their first sign-in (SCIM), by the organisation: linked now.
    auto provisioned = ProvisionedFor(store, claims, email, policy);
    if (!provisioned) return provisioned.error();
    if (*provisioned) found = std::move(**provisioned);
  }
  if (found) {
    core::User user = std::move(*found);
    if (user.disabled) return core::Error::PermissionDenied("this user is disabled");
    if (user.role == *role && user.name == name) return user;
    boost::json::object before{{"name", user.name}, {"role", core::ToString(user.role)}};
    user.name = name;
    user.role = *role;
    boost::json::object after{{"name", user.name}, {"role", core::ToString(user.role)}};
    // Changed by the provider, not by a person here: no actor.
    return store.UpdateUser(
        user,
        {std::nullopt, boost::json::serialize(boost::json::object{
                           {"before", before}, {"after", after}, {"via", "identity provider"}})});
  }
  if (found.error().code() != core::ErrorCode::kNotFound) return found.error();
  // An address the provider has not verified could be anyone's (providers that let people type
  // their own): it does not become a user's address here.
  if (!Verified(claims, policy)) {
    return core::Error::PermissionDenied(
        "the identity provider has not verified your email address; verify it there, then sign "
        "in again");
  }
  core::User user;
  user.email = email;
  user.name = name;
  user.role = *role;
  // No password: this person signs in through the provider only.
  user.password_hash = "";
  core::UserIdentity identity{0, claims.issuer, claims.subject, {}};
  boost::json::object audit{{"email", user.email},
                            {"name", user.name},
                            {"role", core::ToString(user.role)},
                            {"via", "identity provider"}};
  auto created =
      store.CreateUserWithIdentity(user, identity, {std::nullopt, boost::json::serialize(audit)});
  if (!created && created.error().code() == core::ErrorCode::kAlreadyExists &&
      created.error().field() == "email") {
    auto holder = store.FindUserByEmail(email);
    if (holder && holder->password_hash.empty()) {
      return core::Error::PermissionDenied(
          "the address " + email +
          " belongs to a user who signs in with another identity; ask an admin to look into it");
    }
    return core::Error::PermissionDenied(
        "a user with the address " + email +
        " already signs in with a password: sign in with it, or ask an admin to remove that "
        "account so this identity can take the address");
  }
  return created;
}

}  // namespace debrief::app::auth
