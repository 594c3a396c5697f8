// Who a person signing in through an OpenID provider is in debrief, from the ID token's verified
// claims: the user linked to the provider's issuer and subject (never found by email alone: an
// address can be reused), created on their first sign-in. Their role comes from their groups at
// the provider on every sign-in, so a change of group there is a change of role here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enums.h"
#include "core/result.h"
#include "core/user.h"
#include "formats/oidc/id_token.h"
#include "store/store.h"

namespace debrief::app::auth {

struct IdentityPolicy {
  // Domains whose addresses may sign in (lower case, no "@"); empty: any. With domains set, the
  // provider must say the address is verified.
  std::vector<std::string> allowed_email_domains;
  // Group to role; "*" stands for every group (and for none). A person gets the highest role any
  // of their groups maps to; none: they may not sign in.
  std::vector<std::pair<std::string, core::Role>> group_roles;
  // The provider's addresses count as verified though its tokens do not say so (Entra ID sends
  // no email_verified; its tenant owns the domains it issues addresses in).
  bool trust_provider_email = false;
};

// "debrief-admins=admin,sre=member,*=viewer" as group_roles; kInvalidArgument saying which entry
// is wrong.
core::Result<std::vector<std::pair<std::string, core::Role>>> ParseGroupRoles(
    std::string_view text);

// kPermissionDenied, naming the domain, when `email` (normalised) is not at a domain the policy
// allows; any address when it names none.
core::Result<void> CheckAllowedDomain(const std::string& email, const IdentityPolicy& policy);

// The highest role `groups` map to, or nullopt.
std::optional<core::Role> RoleForGroups(const std::vector<std::string>& groups,
                                        const IdentityPolicy& policy);

// The user the claims are, brought up to date (name, role) or created (only with an address the
// provider verified). kPermissionDenied, saying why, for an address whose domain is not allowed
// or is unverified where domains are set or a user would be created, groups
// that map to no role, a disabled user, or an address a password user holds; kInvalidArgument
// when the provider sends no email address.
core::Result<core::User> SignInWithIdentity(store::Store& store,
                                            const formats::oidc::IdTokenClaims& claims,
                                            const IdentityPolicy& policy);

}  // namespace debrief::app::auth
