#include "formats/oidc/discovery.h"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>

namespace debrief::formats::oidc {
namespace {

namespace bj = boost::json;

core::Error Unusable(std::string why) {
  return core::Error::InvalidArgument(
      "the identity provider's discovery document " + std::move(why), "issuer");
}

std::string StringMember(const bj::object& object, std::string_view name) {
  const bj::value* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// A list member: absent is `absent`, anything but an array of strings is empty.
std::vector<std::string> ListMember(const bj::object& object, std::string_view name,
                                    std::vector<std::string> absent) {
  const bj::value* value = object.if_contains(name);
  if (value == nullptr) return absent;
  std::vector<std::string> list;
  if (!value->is_array()) return list;
  for (const bj::value& entry : value->get_array()) {
    if (entry.is_string()) list.emplace_back(entry.get_string());
  }
  return list;
}

bool Holds(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

bool IsSecureOrLoopback(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority()) return false;
  // After an authority a path is empty or begins with '/'. Boost.URL 1.81 reads
  // "127.0.0.1.nip.io" as the address 127.0.0.1 followed by the path ".nip.io": such a URL is
  // refused, not read as loopback.
  if (!parsed->encoded_path().empty() && !parsed->encoded_path().starts_with('/')) return false;
  if (parsed->scheme() == "https") return !parsed->host().empty();
  if (parsed->scheme() != "http") return false;
  // By address, not by how the name begins: "127.example.com" is anybody's.
  switch (parsed->host_type()) {
    case boost::urls::host_type::ipv4:
      return parsed->host_ipv4_address().to_bytes()[0] == 127;
    case boost::urls::host_type::ipv6:
      return parsed->host_ipv6_address().is_loopback();
    case boost::urls::host_type::name:
      return parsed->host() == "localhost";
    default:
      return false;
  }
}

core::Result<ProviderMetadata> ParseDiscovery(std::string_view json,
                                              std::string_view expected_issuer) {
  boost::system::error_code error;
  bj::value document = bj::parse(json, error);
  if (error || !document.is_object()) return Unusable("is not a JSON object");
  const bj::object& fields = document.get_object();
  ProviderMetadata metadata;
  metadata.issuer = StringMember(fields, "issuer");
  if (metadata.issuer != expected_issuer) {
    return Unusable("names another issuer than the one configured (\"" +
                    std::string(expected_issuer) +
                    "\"); they must be identical, trailing slash and all");
  }
  // An HTTPS issuer's endpoints are HTTPS too: plain HTTP to this machine is for a provider
  // that is itself on it, not one a remote document could point at local services.
  bool issuer_is_https = expected_issuer.starts_with("https://");
  metadata.authorization_endpoint = StringMember(fields, "authorization_endpoint");
  metadata.token_endpoint = StringMember(fields, "token_endpoint");
  metadata.jwks_uri = StringMember(fields, "jwks_uri");
  metadata.userinfo_endpoint = StringMember(fields, "userinfo_endpoint");
  metadata.end_session_endpoint = StringMember(fields, "end_session_endpoint");
  struct Endpoint {
    const char* name;
    const std::string& url;
    bool required;
  };
  for (const Endpoint& endpoint :
       {Endpoint{"authorization_endpoint", metadata.authorization_endpoint, true},
        Endpoint{"token_endpoint", metadata.token_endpoint, true},
        Endpoint{"jwks_uri", metadata.jwks_uri, true},
        Endpoint{"userinfo_endpoint", metadata.userinfo_endpoint, false},
        Endpoint{"end_session_endpoint", metadata.end_session_endpoint, false}}) {
    if (endpoint.url.empty()) {
      if (endpoint.required) return Unusable(std::string("has no ") + endpoint.name);
      continue;
    }
    if (!IsSecureOrLoopback(endpoint.url) ||
        (issuer_is_https && !endpoint.url.starts_with("https://"))) {
      return Unusable(std::string("gives an ") + endpoint.name +
                      " that is neither HTTPS nor on this machine");
    }
  }
  if (!Holds(ListMember(fields, "response_types_supported", {"code"}), "code")) {
    return Unusable("does not offer the authorization code flow (response_types_supported)");
  }
  std::vector<std::string> algorithms =
      ListMember(fields, "id_token_signing_alg_values_supported", {"RS256"});
  bool verifiable = std::any_of(algorithms.begin(), algorithms.end(), [](const std::string& alg) {
    return alg.size() == 5 &&
           (alg.starts_with("RS") || alg.starts_with("PS") || alg.starts_with("ES"));
  });
  if (!verifiable) {
    return Unusable("signs ID tokens with no algorithm debrief accepts (RS*, PS*, ES*)");
  }
  // Providers that list their PKCE methods must offer S256; one that lists none may still take
  // it (many do without saying), and a code without a verifier it checks stays single-use.
  if (fields.contains("code_challenge_methods_supported") &&
      !Holds(ListMember(fields, "code_challenge_methods_supported", {}), "S256")) {
    return Unusable("does not take PKCE with S256 (code_challenge_methods_supported)");
  }
  std::vector<std::string> auth_methods =
      ListMember(fields, "token_endpoint_auth_methods_supported", {"client_secret_basic"});
  if (Holds(auth_methods, "client_secret_basic")) {
    metadata.token_endpoint_auth_method = "client_secret_basic";
  } else if (Holds(auth_methods, "client_secret_post")) {
    metadata.token_endpoint_auth_method = "client_secret_post";
  } else {
    return Unusable("takes no client secret at its token endpoint (basic or post)");
  }
  return metadata;
}

}  // namespace debrief::formats::oidc
