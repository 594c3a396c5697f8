#include "formats/oidc/key_set.h"

#include "formats/oidc/id_token.h"

#include <boost/json.hpp>

namespace debrief::formats::oidc {
namespace {

std::string StringMember(const boost::json::object& object, std::string_view name) {
  const boost::json::value* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

}  // namespace

core::Result<KeySet> KeySet::Parse(std::string_view jwks_json) {
  boost::system::error_code error;
  boost::json::value document = boost::json::parse(jwks_json, error);
  const boost::json::value* keys = nullptr;
  if (!error && document.is_object()) keys = document.get_object().if_contains("keys");
  if (keys == nullptr || !keys->is_array()) {
    return core::Error::InvalidArgument("the provider's keys are not a JWK Set ({\"keys\": [...]})",
                                        "jwks");
  }
  KeySet set;
  for (const boost::json::value& entry : keys->get_array()) {
    if (!entry.is_object()) continue;
    const boost::json::object& key = entry.get_object();
    SigningKey signing;
    signing.kty = StringMember(key, "kty");
    std::string use = StringMember(key, "use");
    if ((signing.kty != "RSA" && signing.kty != "EC") || (!use.empty() && use != "sig")) continue;
    // A public key only: a provider that published its private part would be broken, and
    // nothing here needs one.
    if (key.contains("d")) continue;
    // Every value cjose decodes must be base64url it can decode (its decoder aborts otherwise).
    bool decodable = true;
    for (std::string_view member : {"n", "e", "x", "y"}) {
      const boost::json::value* value = key.if_contains(member);
      if (value != nullptr && (!value->is_string() || !IsBase64Url(value->get_string()))) {
        decodable = false;
      }
    }
    if (!decodable) continue;
    std::string text = boost::json::serialize(key);
    cjose_err cjose_error{};
    cjose_jwk_t* imported = cjose_jwk_import(text.data(), text.size(), &cjose_error);
    if (imported == nullptr) continue;
    signing.jwk =
        std::shared_ptr<cjose_jwk_t>(imported, [](cjose_jwk_t* jwk) { cjose_jwk_release(jwk); });
    signing.kid = StringMember(key, "kid");
    signing.crv = StringMember(key, "crv");
    signing.alg = StringMember(key, "alg");
    set.keys_.push_back(std::move(signing));
  }
  if (set.keys_.empty()) {
    return core::Error::InvalidArgument("the provider publishes no RSA or EC key for signatures",
                                        "jwks");
  }
  return set;
}

const SigningKey* KeySet::Find(std::string_view kid) const {
  for (const SigningKey& key : keys_) {
    if (key.kid == kid) return &key;
  }
  return nullptr;
}

}  // namespace debrief::formats::oidc
