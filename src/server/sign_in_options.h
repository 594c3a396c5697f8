// How people sign in to `debrief serve`: with a password, through the organisation's OpenID
// provider, or both. The provider's settings come from flags, the environment (DEBRIEF_OIDC_*)
// or serve's --config file; the client secret only from a file or the environment, never a flag
// (ps would show it to everyone on the machine).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "app/auth/single_sign_on.h"
#include "app/provisioning.h"
#include "core/clock.h"
#include "core/result.h"
#include "http/authenticator.h"

namespace debrief::server {

struct SignInOptions {
  std::string password_sign_in = "on";
  std::string issuer;
  std::string client_id;
  std::string client_secret_file;  // Else DEBRIEF_OIDC_CLIENT_SECRET.
  std::string redirect_url;        // Default: <public URL>/api/v1/auth/oidc/callback.
  std::vector<std::string> scopes = {"openid", "email", "profile"};
  std::string groups_claim = "groups";
  std::string role_map = "*=viewer";
  std::vector<std::string> allowed_domains;
  std::string name = "single sign-on";
  int clock_skew_seconds = 60;
  bool trust_email = false;  // The provider's addresses count as verified (Entra ID).

  // An authenticating reverse proxy in front, as an alternative or beside.
  std::string proxy_email_header;  // E.g. X-Forwarded-Email; empty: no proxy vouches.
  std::vector<std::string> proxy_addresses;
  std::string proxy_name_header;
  std::string proxy_groups_header;
  std::string proxy_role_map = "*=viewer";
  std::vector<std::string> proxy_allowed_domains;
  std::string proxy_sign_out_url;

  // SCIM provisioning by the identity provider.
  std::string scim_token_file;  // Else DEBRIEF_SCIM_TOKEN; neither: no provisioning.
  std::string scim_role = "viewer";
  std::string scim_role_map;  // Group to role; empty: groups give no role.
};

void AddSignInOptions(CLI::App& command, SignInOptions& options);

// The provider sign-in as configured, or null when no issuer is set. `public_url` is where
// people reach debrief (the redirect URL's default). kInvalidArgument naming the flag for a
// setting that cannot work, and when nobody could sign in at all.
core::Result<std::unique_ptr<app::auth::SingleSignOn>> ConfigureSingleSignOn(
    const SignInOptions& options, const std::string& public_url, const core::Clock& clock);

// The authenticating proxy as configured, or nullopt when no header is set. kInvalidArgument
// naming the flag: a header without the proxy's addresses (anyone could then name anyone), an
// address that is not one, a role map that does not read.
core::Result<std::optional<http::ProxySignIn>> ConfigureProxySignIn(const SignInOptions& options);

// The hash of the SCIM provisioning token, from its file or the environment ("" when neither
// is given). kInvalidArgument for a token too short to be secret.
core::Result<std::string> ProvisioningTokenHash(const SignInOptions& options);

// The roles the identity provider gives over SCIM (--scim-role, --scim-role-map).
core::Result<app::ProvisioningPolicy> ConfigureProvisioning(const SignInOptions& options);

}  // namespace debrief::server
