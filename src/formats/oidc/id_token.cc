#include "formats/oidc/id_token.h"

#include <cjose/base64.h>
#include <cjose/header.h>
#include <cjose/jws.h>
#include <cjose/util.h>

#include <algorithm>
#include <boost/json.hpp>
#include <memory>

namespace debrief::formats::oidc {
namespace {

namespace bj = boost::json;

// Larger than any ID token a provider sends (a few KiB with many groups), small enough that a
// hostile one costs little.
constexpr size_t kLongestToken = 64 * 1024;

core::Error Refused(std::string why) {
  return core::Error::Unauthenticated("the identity provider's ID token was refused: " +
                                      std::move(why));
}

}  // namespace

bool IsBase64Url(std::string_view text) {
  // cjose's decoder asserts (aborts the process) on a length that leaves one character over,
  // and takes padding in the middle: only the unpadded alphabet of RFC 7515 is handed to it.
  if (text.size() % 4 == 1) return false;
  for (char c : text) {
    bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!letter && c != '-' && c != '_') return false;
  }
  return true;
}

namespace {

std::optional<std::string> DecodeSegment(std::string_view segment) {
  if (!IsBase64Url(segment)) return std::nullopt;
  uint8_t* bytes = nullptr;
  size_t length = 0;
  cjose_err error{};
  if (!cjose_base64url_decode(segment.data(), segment.size(), &bytes, &length, &error)) {
    return std::nullopt;
  }
  std::string decoded(reinterpret_cast<const char*>(bytes), length);
  cjose_get_dealloc()(bytes);
  return decoded;
}

std::optional<bj::object> DecodeJsonSegment(std::string_view segment) {
  std::optional<std::string> text = DecodeSegment(segment);
  if (!text) return std::nullopt;
  boost::system::error_code error;
  bj::value value = bj::parse(*text, error);
  if (error || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

// The compact form's header, or nullopt when the token is not three base64url parts.
std::optional<bj::object> Header(std::string_view token) {
  size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  return DecodeJsonSegment(token.substr(0, first));
}

std::string StringMember(const bj::object& object, std::string_view name) {
  const bj::value* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::optional<std::string> OptionalString(const bj::object& object, std::string_view name) {
  const bj::value* value = object.if_contains(name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string(value->get_string());
}

// A NumericDate (seconds since the epoch, possibly with a fraction).
std::optional<core::Timestamp> Date(const bj::object& object, std::string_view name) {
  const bj::value* value = object.if_contains(name);
  if (value == nullptr) return std::nullopt;
  double seconds = 0;
  if (value->is_int64()) {
    seconds = static_cast<double>(value->get_int64());
  } else if (value->is_uint64()) {
    seconds = static_cast<double>(value->get_uint64());
  } else if (value->is_double()) {
    seconds = value->get_double();
  } else {
    return std::nullopt;
  }
  // Beyond year 9999 either way is not a date a provider means.
  if (!(seconds > -1e12 && seconds < 253402300800.0)) return std::nullopt;
  return core::FromEpochMillis(static_cast<int64_t>(seconds * 1000));
}

// Which key kind and curve an algorithm needs; empty for an algorithm that is not accepted.
struct KeyKind {
  std::string_view kty;
  std::string_view crv;
};
std::optional<KeyKind> KindFor(std::string_view alg) {
  if (alg == "RS256" || alg == "RS384" || alg == "RS512" || alg == "PS256" || alg == "PS384" ||
      alg == "PS512") {
    return KeyKind{"RSA", ""};
  }
  if (alg == "ES256") return KeyKind{"EC", "P-256"};
  if (alg == "ES384") return KeyKind{"EC", "P-384"};
  if (alg == "ES512") return KeyKind{"EC", "P-521"};
  return std::nullopt;
}

bool Fits(const SigningKey& key, std::string_view alg, const KeyKind& kind) {
  if (key.kty != kind.kty) return false;
  if (!kind.crv.empty() && key.crv != kind.crv) return false;
  return key.alg.empty() || key.alg == alg;
}

core::Result<const SigningKey*> ChooseKey(const KeySet& keys, const bj::object& header,
                                          std::string_view alg, const KeyKind& kind) {
  if (const bj::value* kid = header.if_contains("kid")) {
    if (!kid->is_string()) return Refused("its key id is not a string");
    const SigningKey* key = keys.Find(kid->get_string());
    if (key == nullptr) return Refused("it is signed by a key the provider does not publish");
    if (!Fits(*key, alg, kind)) return Refused("its key does not fit its algorithm");
    return key;
  }
  // No key id: only a provider with one key that fits can be understood.
  const SigningKey* only = nullptr;
  for (const SigningKey& key : keys.keys()) {
    if (!Fits(key, alg, kind)) continue;
    if (only != nullptr) return Refused("it names no key, and the provider has several");
    only = &key;
  }
  if (only == nullptr) return Refused("the provider publishes no key for " + std::string(alg));
  return only;
}

core::Result<void> CheckAudience(const bj::object& claims, const std::string& client_id) {
  const bj::value* audience = claims.if_contains("aud");
  size_t audiences = 0;
  bool ours = false;
  if (audience != nullptr && audience->is_string()) {
    audiences = 1;
    ours = audience->get_string() == client_id;
  } else if (audience != nullptr && audience->is_array()) {
    for (const bj::value& entry : audience->get_array()) {
      ++audiences;
      if (entry.is_string() && entry.get_string() == client_id) ours = true;
    }
  }
  if (!ours) return Refused("it was issued for another client");
  std::optional<std::string> authorised = OptionalString(claims, "azp");
  if (audiences > 1 && !authorised) return Refused("it has several audiences and no azp");
  if (authorised && *authorised != client_id) return Refused("it was issued for another client");
  return core::Ok();
}

std::vector<std::string> Groups(const bj::object& claims, const std::string& claim) {
  std::vector<std::string> groups;
  const bj::value* value = claims.if_contains(claim);
  if (value == nullptr) return groups;
  if (value->is_string()) {
    groups.emplace_back(value->get_string());
  } else if (value->is_array()) {
    for (const bj::value& entry : value->get_array()) {
      if (entry.is_string()) groups.emplace_back(entry.get_string());
    }
  }
  return groups;
}

}  // namespace

std::optional<std::string> IdTokenKeyId(std::string_view token) {
  if (token.size() > kLongestToken) return std::nullopt;
  std::optional<bj::object> header = Header(token);
  if (!header) return std::nullopt;
  return OptionalString(*header, "kid");
}

core::Result<IdTokenClaims> VerifyIdToken(std::string_view token, const KeySet& keys,
                                          const IdTokenExpectations& expected) {
  if (token.empty() || token.size() > kLongestToken) return Refused("its size is not a token's");
  size_t dots = std::count(token.begin(), token.end(), '.');
  if (dots == 4) return Refused("it is encrypted (JWE), which is not supported");
  if (dots != 2) return Refused("it is not a signed JWT in compact form");
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  if (!IsBase64Url(token.substr(0, first)) ||
      !IsBase64Url(token.substr(first + 1, second - first - 1)) ||
      !IsBase64Url(token.substr(second + 1))) {
    return Refused("it is not base64url-encoded");
  }
  std::optional<bj::object> header = Header(token);
  if (!header) return Refused("its header is not base64url-encoded JSON");
  std::string alg = StringMember(*header, "alg");
  if (alg.empty() || alg == "none") return Refused("it is not signed (alg none)");
  std::optional<KeyKind> kind = KindFor(alg);
  if (!kind) return Refused("its algorithm is not accepted (RS*, PS*, ES* are)");
  if (header->contains("crit")) return Refused("it names critical extensions");
  DEBRIEF_ASSIGN_OR_RETURN(const SigningKey* key, ChooseKey(keys, *header, alg, *kind));

  cjose_err error{};
  std::unique_ptr<cjose_jws_t, decltype(&cjose_jws_release)> jws(
      cjose_jws_import(token.data(), token.size(), &error), &cjose_jws_release);
  if (jws == nullptr) return Refused("it cannot be read as a JWS");
  if (!cjose_jws_verify(jws.get(), key->jwk.get(), &error)) {
    return Refused("its signature does not verify with the provider's key");
  }
  uint8_t* payload = nullptr;
  size_t payload_length = 0;
  if (!cjose_jws_get_plaintext(jws.get(), &payload, &payload_length, &error)) {
    return Refused("its payload cannot be read");
  }
  boost::system::error_code parse_error;
  bj::value parsed = bj::parse(
      std::string_view(reinterpret_cast<const char*>(payload), payload_length), parse_error);
  if (parse_error || !parsed.is_object()) return Refused("its claims are not a JSON object");
  const bj::object& claims = parsed.get_object();

  IdTokenClaims result;
  result.issuer = StringMember(claims, "iss");
  if (result.issuer != expected.issuer) return Refused("it was issued by another issuer");
  DEBRIEF_RETURN_IF_ERROR(CheckAudience(claims, expected.client_id));
  std::optional<core::Timestamp> expires = Date(claims, "exp");
  std::optional<core::Timestamp> issued = Date(claims, "iat");
  if (!expires || !issued) return Refused("it lacks exp or iat");
  if (expected.now >= *expires + expected.clock_skew) return Refused("it has expired");
  if (*issued > expected.now + expected.clock_skew) return Refused("it was issued in the future");
  if (claims.contains("nbf")) {
    std::optional<core::Timestamp> not_before = Date(claims, "nbf");
    if (!not_before) return Refused("its nbf is not a date");
    if (*not_before > expected.now + expected.clock_skew) return Refused("it is not valid yet");
  }
  std::optional<std::string> nonce = OptionalString(claims, "nonce");
  if (expected.nonce.empty() || !nonce || *nonce != expected.nonce) {
    return Refused("its nonce is not the one this sign-in sent");
  }
  result.subject = StringMember(claims, "sub");
  if (result.subject.empty() || result.subject.size() > 255) {
    return Refused("its subject is missing or longer than 255 characters");
  }
  result.email = OptionalString(claims, "email");
  if (const bj::value* verified = claims.if_contains("email_verified")) {
    // Some providers send the boolean as a string.
    result.email_verified = (verified->is_bool() && verified->get_bool()) ||
                            (verified->is_string() && verified->get_string() == "true");
  }
  result.name = OptionalString(claims, "name");
  result.preferred_username = OptionalString(claims, "preferred_username");
  result.groups = Groups(claims, expected.groups_claim);
  result.issued_at = *issued;
  result.expires_at = *expires;
  return result;
}

}  // namespace debrief::formats::oidc
