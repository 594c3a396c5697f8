// Who a request is when an authenticating reverse proxy in front of debrief (oauth2-proxy, an
// HAProxy or nginx with the organisation's sign-in) vouches for it in a header: the user with
// that address, created on their first request, their role from the groups the proxy names (at
// every request, so a change of group there is a change of role here). Only requests from the
// proxy's own addresses are believed (http::Authenticator decides that); this decides who the
// vouched-for person is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/identity_sign_in.h"
#include "core/result.h"
#include "core/user.h"
#include "store/store.h"

namespace debrief::app::auth {

struct ProxyIdentity {
  std::string email;
  std::optional<std::string> name;  // When the proxy sends a name header.
  // When a groups header is configured: the groups it names, none when the proxy leaves it out
  // (oauth2-proxy does for people in no group), so a person taken out of every group keeps no
  // role their groups gave them.
  std::optional<std::vector<std::string>> groups;
};

// The groups of a header: comma-separated (oauth2-proxy's X-Forwarded-Groups), trimmed.
std::vector<std::string> SplitGroups(std::string_view header);

// The user `identity` is, created (with the role "*" or their groups give) or brought up to date
// (role from the groups, when sent; name, when sent). kUnauthenticated for an address that is not
// one; kPermissionDenied, saying why, for a domain not allowed, groups giving no role, or a
// disabled user.
core::Result<core::User> SignInFromProxy(store::Store& store, const ProxyIdentity& identity,
                                         const IdentityPolicy& policy);

}  // namespace debrief::app::auth
