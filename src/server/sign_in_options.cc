#include "server/sign_in_options.h"

#include <cctype>
#include <cstdio>

#include <boost/asio/ip/address.hpp>

#include "cli/text_files.h"
#include "formats/oidc/discovery.h"
#include "ingest/plain_text.h"
#include "security/token.h"

namespace debrief::server {
namespace {

core::Result<std::vector<std::string>> AllowedDomains(const std::vector<std::string>& given,
                                                      std::string_view flag) {
  std::vector<std::string> domains;
  for (const std::string& entry : given) {
    std::string_view trimmed = ingest::TrimSpace(entry);
    if (trimmed.starts_with('@')) trimmed.remove_prefix(1);  // "@example.com" as people write it
    std::string domain = ingest::AsciiLower(trimmed);
    if (domain.empty()) continue;
    if (domain.find_first_of("@/ ") != std::string::npos || domain.find('.') == std::string::npos) {
      return core::Error::InvalidArgument(std::string(flag) + ": \"" + domain +
                                          "\" is not a domain (example.com)");
    }
    domains.push_back(std::move(domain));
  }
  return domains;
}

// A header's name as requests carry it here (lower case); kInvalidArgument for what is not one.
core::Result<std::string> HeaderName(const std::string& given, std::string_view flag) {
  std::string name = ingest::AsciiLower(given);
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return core::Error::InvalidArgument(std::string(flag) + ": \"" + given +
                                          "\" is not a header name");
    }
  }
  return name;
}

}  // namespace

void AddSignInOptions(CLI::App& command, SignInOptions& options) {
  command
      .add_option("--password-sign-in", options.password_sign_in,
                  "Whether people may sign in with an email and password: on, or off (the "
                  "identity provider only; API tokens still work)")
      ->capture_default_str()
      ->envname("DEBRIEF_PASSWORD_SIGN_IN")
      ->check(CLI::IsMember({"on", "off"}));
  command
      .add_option("--oidc-issuer", options.issuer,
                  "The OpenID provider people sign in with, as it names itself (its discovery "
                  "document is at <issuer>/.well-known/openid-configuration)")
      ->envname("DEBRIEF_OIDC_ISSUER");
  command.add_option("--oidc-client-id", options.client_id, "debrief's client id at the provider")
      ->envname("DEBRIEF_OIDC_CLIENT_ID");
  command.add_option("--oidc-client-secret-file", options.client_secret_file,
                     "File holding the client secret (else env DEBRIEF_OIDC_CLIENT_SECRET; "
                     "neither: a public client, PKCE alone)");
  command
      .add_option("--oidc-redirect-url", options.redirect_url,
                  "The callback registered at the provider (default: <public URL>/api/v1/auth/"
                  "oidc/callback)")
      ->envname("DEBRIEF_OIDC_REDIRECT_URL");
  command
      .add_option("--oidc-scopes", options.scopes,
                  "Scopes asked for, comma-separated (openid is always asked for)")
      ->capture_default_str()
      ->delimiter(',')
      ->envname("DEBRIEF_OIDC_SCOPES");
  command
      .add_option("--oidc-groups-claim", options.groups_claim,
                  "The ID token claim listing the person's groups")
      ->capture_default_str()
      ->envname("DEBRIEF_OIDC_GROUPS_CLAIM");
  command
      .add_option("--oidc-role-map", options.role_map,
                  "Group to role, e.g. \"debrief-admins=admin,sre=member,*=viewer\": the highest "
                  "role any group gives; * is every group; no role: no sign-in")
      ->capture_default_str()
      ->envname("DEBRIEF_OIDC_ROLE_MAP");
  command
      .add_option("--oidc-allowed-domains", options.allowed_domains,
                  "Email domains that may sign in, comma-separated (default: any the provider "
                  "vouches for)")
      ->delimiter(',')
      ->envname("DEBRIEF_OIDC_ALLOWED_DOMAINS");
  command
      .add_option("--oidc-name", options.name,
                  "The provider as people know it, for the button \"Sign in with <name>\"")
      ->capture_default_str()
      ->envname("DEBRIEF_OIDC_NAME");
  command
      .add_option("--oidc-clock-skew", options.clock_skew_seconds,
                  "Seconds the provider's clock may differ from this one's")
      ->capture_default_str()
      ->check(CLI::Range(0, 600))
      ->envname("DEBRIEF_OIDC_CLOCK_SKEW");
  command
      .add_flag("--oidc-trust-email", options.trust_email,
                "Count the provider's email addresses as verified though its tokens carry no "
                "email_verified (Entra ID, whose tenant owns the domains it gives addresses in)")
      ->envname("DEBRIEF_OIDC_TRUST_EMAIL");

  command
      .add_option("--auth-proxy-header", options.proxy_email_header,
                  "The header an authenticating proxy in front names the person's email in (e.g. "
                  "X-Forwarded-Email); believed from --auth-proxy-addresses only")
      ->envname("DEBRIEF_AUTH_PROXY_HEADER");
  command
      .add_option("--auth-proxy-addresses", options.proxy_addresses,
                  "The proxy's addresses, comma-separated, as its connections come from")
      ->delimiter(',')
      ->envname("DEBRIEF_AUTH_PROXY_ADDRESSES");
  command
      .add_option("--auth-proxy-name-header", options.proxy_name_header,
                  "The header with the person's name (else debrief's own)")
      ->envname("DEBRIEF_AUTH_PROXY_NAME_HEADER");
  command
      .add_option("--auth-proxy-groups-header", options.proxy_groups_header,
                  "The header listing the person's groups, comma-separated (else the role is "
                  "debrief's own once created)")
      ->envname("DEBRIEF_AUTH_PROXY_GROUPS_HEADER");
  command
      .add_option("--auth-proxy-role-map", options.proxy_role_map,
                  "Group to role for people the proxy vouches for, as --oidc-role-map")
      ->capture_default_str()
      ->envname("DEBRIEF_AUTH_PROXY_ROLE_MAP");
  command
      .add_option("--auth-proxy-allowed-domains", options.proxy_allowed_domains,
                  "Email domains the proxy may vouch for, comma-separated (default: any)")
      ->delimiter(',')
      ->envname("DEBRIEF_AUTH_PROXY_ALLOWED_DOMAINS");
  command
      .add_option("--auth-proxy-sign-out-url", options.proxy_sign_out_url,
                  "Where people the proxy vouches for sign out (e.g. /oauth2/sign_out)")
      ->envname("DEBRIEF_AUTH_PROXY_SIGN_OUT_URL");

  command.add_option("--scim-token-file", options.scim_token_file,
                     "File holding the token the identity provider provisions users with over "
                     "SCIM (/scim/v2; else env DEBRIEF_SCIM_TOKEN; neither: no provisioning)");
  command
      .add_option("--scim-role", options.scim_role,
                  "Role of the users the identity provider creates over SCIM")
      ->capture_default_str()
      ->check(CLI::IsMember({"viewer", "member", "admin"}))
      ->envname("DEBRIEF_SCIM_ROLE");
  command
      .add_option("--scim-role-map", options.scim_role_map,
                  "Group to role for users the identity provider puts in groups over SCIM, as "
                  "--oidc-role-map (e.g. \"debrief-admins=admin,sre=member\"); a user in no "
                  "mapped group has --scim-role. Unset: groups give no role")
      ->envname("DEBRIEF_SCIM_ROLE_MAP");
}

core::Result<std::unique_ptr<app::auth::SingleSignOn>> ConfigureSingleSignOn(
    const SignInOptions& options, const std::string& public_url, const core::Clock& clock) {
  if (options.issuer.empty()) {
    if (options.password_sign_in == "off" && options.proxy_email_header.empty()) {
      return core::Error::InvalidArgument(
          "--password-sign-in off needs --oidc-issuer or --auth-proxy-header: otherwise nobody "
          "could sign in");
    }
    return std::unique_ptr<app::auth::SingleSignOn>();
  }
  if (!formats::oidc::IsSecureOrLoopback(options.issuer)) {
    return core::Error::InvalidArgument(
        "--oidc-issuer must be an https:// URL (http:// only on "
        "this machine): " +
        options.issuer);
  }
  if (options.client_id.empty()) {
    return core::Error::InvalidArgument("--oidc-client-id is needed with --oidc-issuer");
  }
  app::auth::OidcSettings settings;
  settings.issuer = options.issuer;
  settings.client_id = options.client_id;
  // None: a public client, the provider relying on PKCE alone.
  DEBRIEF_ASSIGN_OR_RETURN(settings.client_secret,
                           cli::ReadSecret(options.client_secret_file, "DEBRIEF_OIDC_CLIENT_SECRET",
                                           "--oidc-client-secret-file"));
  settings.redirect_uri = options.redirect_url;
  if (settings.redirect_uri.empty()) {
    std::string base = public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (base.ends_with(":0")) {
      return core::Error::InvalidArgument(
          "--oidc-redirect-url (or --public-url) is needed when listening on port 0");
    }
    settings.redirect_uri = base + "/api/v1/auth/oidc/callback";
  }
  if (!formats::oidc::IsSecureOrLoopback(settings.redirect_uri)) {
    std::fprintf(stderr,
                 "debrief: the sign-in callback %s is not HTTPS: the provider's codes cross the "
                 "network in clear\n",
                 settings.redirect_uri.c_str());
  }
  settings.scopes.clear();
  for (const std::string& scope : options.scopes) {
    if (!scope.empty()) settings.scopes.push_back(scope);
  }
  if (options.groups_claim.empty()) {
    return core::Error::InvalidArgument("--oidc-groups-claim may not be empty");
  }
  settings.groups_claim = options.groups_claim;
  settings.clock_skew = std::chrono::seconds(options.clock_skew_seconds);

  auto single_sign_on = std::make_unique<app::auth::SingleSignOn>();
  single_sign_on->name = options.name.empty() ? "single sign-on" : options.name;
  auto roles = app::auth::ParseGroupRoles(options.role_map);
  if (!roles) {
    return core::Error::InvalidArgument("--oidc-role-map: " + roles.error().message());
  }
  single_sign_on->policy.group_roles = std::move(*roles);
  single_sign_on->policy.trust_provider_email = options.trust_email;
  DEBRIEF_ASSIGN_OR_RETURN(single_sign_on->policy.allowed_email_domains,
                           AllowedDomains(options.allowed_domains, "--oidc-allowed-domains"));
  single_sign_on->provider = std::make_unique<app::auth::OidcProvider>(std::move(settings), clock);
  return single_sign_on;
}

core::Result<std::optional<http::ProxySignIn>> ConfigureProxySignIn(const SignInOptions& options) {
  if (options.proxy_email_header.empty()) return std::optional<http::ProxySignIn>();
  http::ProxySignIn proxy;
  DEBRIEF_ASSIGN_OR_RETURN(proxy.email_header,
                           HeaderName(options.proxy_email_header, "--auth-proxy-header"));
  if (!options.proxy_name_header.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(proxy.name_header,
                             HeaderName(options.proxy_name_header, "--auth-proxy-name-header"));
  }
  if (!options.proxy_groups_header.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(proxy.groups_header,
                             HeaderName(options.proxy_groups_header, "--auth-proxy-groups-header"));
  }
  for (const std::string& given : options.proxy_addresses) {
    boost::system::error_code error;
    auto address = boost::asio::ip::make_address(given, error);
    if (error) {
      return core::Error::InvalidArgument("--auth-proxy-addresses: \"" + given +
                                          "\" is not an IP address");
    }
    proxy.addresses.push_back(address.to_string());
  }
  if (proxy.addresses.empty()) {
    return core::Error::InvalidArgument(
        "--auth-proxy-header needs --auth-proxy-addresses: the header is believed only from the "
        "proxy's own addresses, or anyone could name anyone");
  }
  auto roles = app::auth::ParseGroupRoles(options.proxy_role_map);
  if (!roles) {
    return core::Error::InvalidArgument("--auth-proxy-role-map: " + roles.error().message());
  }
  proxy.policy.group_roles = std::move(*roles);
  DEBRIEF_ASSIGN_OR_RETURN(
      proxy.policy.allowed_email_domains,
      AllowedDomains(options.proxy_allowed_domains, "--auth-proxy-allowed-domains"));
  proxy.sign_out_url = options.proxy_sign_out_url;
  return std::optional<http::ProxySignIn>(std::move(proxy));
}

core::Result<std::string> ProvisioningTokenHash(const SignInOptions& options) {
  DEBRIEF_ASSIGN_OR_RETURN(
      std::string token,
      cli::ReadSecret(options.scim_token_file, "DEBRIEF_SCIM_TOKEN", "--scim-token-file"));
  if (token.empty()) return std::string();
  if (token.size() < 32) {
    return core::Error::InvalidArgument(
        "the SCIM token must be at least 32 characters (e.g. openssl rand -hex 32)");
  }
  return security::HashToken(token);
}

core::Result<app::ProvisioningPolicy> ConfigureProvisioning(const SignInOptions& options) {
  app::ProvisioningPolicy policy;
  policy.role = core::ParseEnum<core::Role>(options.scim_role).value_or(core::Role::kViewer);
  auto roles = app::auth::ParseGroupRoles(options.scim_role_map);
  if (!roles) return core::Error::InvalidArgument("--scim-role-map: " + roles.error().message());
  policy.group_roles = std::move(*roles);
  return policy;
}

}  // namespace debrief::server
