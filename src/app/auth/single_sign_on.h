// Signing in through the organisation's OpenID provider, as configured for this server: the
// provider (its discovery, keys and token endpoint), who may sign in and with which role, and the
// name the sign-in page shows ("Sign in with <name>"). The HTTP edge drives it
// (http/handlers/single_sign_on.cc) through the steps of app/auth/oidc_sign_in.h.
#pragma once

#include <memory>
#include <string>

#include "app/auth/identity_sign_in.h"
#include "app/auth/oidc_provider.h"

namespace debrief::app::auth {

struct SingleSignOn {
  std::string name;  // The provider as people know it: "Okta", "Google", "Company login".
  std::unique_ptr<OidcProvider> provider;  // Thread-safe; its calls block (never on the loop).
  IdentityPolicy policy;
};

}  // namespace debrief::app::auth
