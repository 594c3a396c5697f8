#include "formats/oidc/token_response.h"

#include <boost/json.hpp>

namespace debrief::formats::oidc {
namespace {

namespace bj = boost::json;

}  // namespace

std::string PrintableExcerpt(std::string_view text) {
  std::string kept;
  for (char c : text.substr(0, 200)) {
    if (c >= 0x20 && c < 0x7f) kept += c;
  }
  return kept;
}

core::Result<TokenResponse> ParseTokenResponse(int status, std::string_view body) {
  boost::system::error_code error;
  bj::value parsed = bj::parse(body, error);
  if (error || !parsed.is_object()) {
    return core::Error::Unavailable("the identity provider's token endpoint answered " +
                                    std::to_string(status) + " without a JSON object");
  }
  const bj::object& answer = parsed.get_object();
  auto text = [&](std::string_view name) {
    const bj::value* value = answer.if_contains(name);
    return value != nullptr && value->is_string() ? std::string(value->get_string())
                                                  : std::string();
  };
  if (status < 200 || status >= 300 || answer.contains("error")) {
    std::string code = PrintableExcerpt(text("error"));
    std::string description = PrintableExcerpt(text("error_description"));
    return core::Error::Unauthenticated(
        "the identity provider refused the sign-in" + (code.empty() ? std::string() : ": " + code) +
        (description.empty() ? std::string() : " (" + description + ")"));
  }
  TokenResponse response;
  response.id_token = text("id_token");
  response.token_type = text("token_type");
  if (response.id_token.empty()) {
    return core::Error::Unauthenticated(
        "the identity provider sent no ID token (is \"openid\" among the client's scopes?)");
  }
  return response;
}

}  // namespace debrief::formats::oidc
