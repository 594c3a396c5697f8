#include "app/auth/oidc_provider.h"

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "formats/oidc/token_response.h"
#include "net/http_post.h"
#include "security/token.h"

namespace debrief::app::auth {
namespace {

constexpr auto kDiscoveryLifetime = std::chrono::hours(1);

// The token request's values and the client's id and secret inside HTTP Basic credentials are
// form-encoded (RFC 6749 appendix B): everything but the unreserved characters percent-encoded.
std::string FormEncoded(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

}  // namespace

OidcProvider::OidcProvider(OidcSettings settings, const core::Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {
  if (auto issuer = boost::urls::parse_absolute_uri(settings_.issuer)) {
    issuer_host_ = std::string(issuer->host());
  }
}

net::OutboundRequest OidcProvider::Request(std::string method, std::string url) const {
  net::OutboundRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.headers = {{"Accept", "application/json"}};
  request.timeout = settings_.timeout;
  // The admin configured the issuer, which often lives on the internal network; the other hosts
  // its document names must be public, so the document cannot aim debrief at internal services.
  request.may_be_internal = [host = issuer_host_](std::string_view asked) {
    return !host.empty() && asked == host;
  };
  return request;
}

core::Result<std::string> OidcProvider::Get(const std::string& url, std::string_view what) {
  net::OutboundRequest request = Request("GET", url);
  request.max_answer_bytes = 1024 * 1024;
  net::OutboundResult answer = net::Send(request);
  if (!answer.ok()) {
    return core::Error::Unavailable("the identity provider's " + std::string(what) +
                                    " could not be read: " + answer.error);
  }
  return std::move(answer.body);
}

core::Result<formats::oidc::ProviderMetadata> OidcProvider::Metadata(bool now) {
  std::optional<formats::oidc::ProviderMetadata> kept;
  if (!now) {
    std::lock_guard lock(mutex_);
    kept = metadata_;
    if (kept && clock_.Now() - metadata_fetched_ < kDiscoveryLifetime) return *kept;
  }
  std::string url = settings_.issuer;
  while (!url.empty() && url.back() == '/') url.pop_back();
  auto document = Get(url + "/.well-known/openid-configuration", "discovery document");
  auto metadata = document ? formats::oidc::ParseDiscovery(*document, settings_.issuer)
                           : core::Result<formats::oidc::ProviderMetadata>(document.error());
  if (!metadata) {
    if (kept) return *kept;  // The provider is away for now: what it said an hour ago holds.
    return core::Error::Unavailable(metadata.error().message());
  }
  std::lock_guard lock(mutex_);
  metadata_ = *metadata;
  metadata_fetched_ = clock_.Now();
  return *metadata;
}

core::Result<formats::oidc::KeySet> OidcProvider::FetchKeys() {
  DEBRIEF_ASSIGN_OR_RETURN(formats::oidc::ProviderMetadata metadata, Metadata());
  DEBRIEF_ASSIGN_OR_RETURN(std::string document, Get(metadata.jwks_uri, "signing keys"));
  auto keys = formats::oidc::KeySet::Parse(document);
  if (!keys) return core::Error::Unavailable(keys.error().message());
  std::lock_guard lock(mutex_);
  keys_ = *keys;
  keys_fetched_ = clock_.Now();
  return *keys;
}

core::Result<formats::oidc::KeySet> OidcProvider::Keys() {
  {
    std::lock_guard lock(mutex_);
    if (keys_) return *keys_;
  }
  return FetchKeys();
}

core::Result<std::optional<formats::oidc::KeySet>> OidcProvider::FetchKeysAgain() {
  {
    std::lock_guard lock(mutex_);
    if (keys_ && clock_.Now() - keys_fetched_ < settings_.key_refetch_interval) {
      return std::optional<formats::oidc::KeySet>();
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(formats::oidc::KeySet keys, FetchKeys());
  return std::optional<formats::oidc::KeySet>(std::move(keys));
}

core::Result<AuthorizationRequest> OidcProvider::Begin() {
  auto metadata = Metadata(/*now=*/true);
  if (!metadata) return metadata.error();
  return BeginAuthorization(
      *metadata, OidcClient{settings_.client_id, settings_.redirect_uri, settings_.scopes});
}

core::Result<formats::oidc::IdTokenClaims> OidcProvider::Finish(
    std::string_view code, const AuthorizationRequest& pending) {
  if (code.empty() || code.size() > 4096) {
    return core::Error::Unauthenticated("the identity provider sent back no usable code");
  }
  DEBRIEF_ASSIGN_OR_RETURN(formats::oidc::ProviderMetadata metadata, Metadata());
  net::OutboundRequest request = Request("POST", metadata.token_endpoint);
  request.content_type = "application/x-www-form-urlencoded";
  request.max_answer_bytes = 256 * 1024;
  request.body = "grant_type=authorization_code&code=" + FormEncoded(code) +
                 "&redirect_uri=" + FormEncoded(settings_.redirect_uri) +
                 "&code_verifier=" + FormEncoded(pending.code_verifier);
  if (settings_.client_secret.empty()) {
    // A public client (RFC 6749 2.1): it names itself, and PKCE proves the code is its own.
    request.body += "&client_id=" + FormEncoded(settings_.client_id);
  } else if (metadata.token_endpoint_auth_method == "client_secret_post") {
    request.body += "&client_id=" + FormEncoded(settings_.client_id) +
                    "&client_secret=" + FormEncoded(settings_.client_secret);
  } else {
    request.headers.emplace_back(
        "Authorization", "Basic " + security::Base64(FormEncoded(settings_.client_id) + ":" +
                                                     FormEncoded(settings_.client_secret)));
  }
  net::OutboundResult answer = net::Send(request);
  if (!answer.status) {
    return core::Error::Unavailable(
        "the identity provider's token endpoint could not be reached: " + answer.error);
  }
  DEBRIEF_ASSIGN_OR_RETURN(formats::oidc::TokenResponse tokens,
                           formats::oidc::ParseTokenResponse(*answer.status, answer.body));
  DEBRIEF_ASSIGN_OR_RETURN(formats::oidc::KeySet keys, Keys());
  formats::oidc::IdTokenExpectations expected;
  expected.issuer = metadata.issuer;
  expected.client_id = settings_.client_id;
  expected.nonce = pending.nonce;
  expected.now = clock_.Now();
  expected.clock_skew = settings_.clock_skew;
  expected.groups_claim = settings_.groups_claim;
  auto verified = formats::oidc::VerifyIdToken(tokens.id_token, keys, expected);
  if (verified) return verified;
  // The provider may have rotated its keys, with new key ids or (providers without them) the
  // same: fetched once more, if the last fetch is old enough, and the token checked again.
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<formats::oidc::KeySet> fresh, FetchKeysAgain());
  if (!fresh) return verified;
  return formats::oidc::VerifyIdToken(tokens.id_token, *fresh, expected);
}

}  // namespace debrief::app::auth
