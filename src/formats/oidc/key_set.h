// The keys an OpenID provider signs ID tokens with, as its jwks_uri publishes them (RFC 7517):
// RSA and EC public keys meant for signatures, by key id. Keys of other kinds, keys for
// encryption and keys cjose cannot read are left out, not an error: a provider may publish them
// for other uses. Imported with cjose, a JOSE library (never hand-written crypto).
#pragma once

#include <cjose/jwk.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::formats::oidc {

struct SigningKey {
  std::string kid;  // Empty when the provider gave none.
  std::string kty;  // "RSA" or "EC".
  std::string crv;  // An EC key's curve: "P-256", "P-384", "P-521".
  std::string alg;  // The one algorithm the key is for, when the provider said.
  std::shared_ptr<cjose_jwk_t> jwk;
};

class KeySet {
 public:
  // A JWK Set document ({"keys": [...]}); kInvalidArgument when it is not one, or holds no key
  // this can verify with.
  static core::Result<KeySet> Parse(std::string_view jwks_json);

  const std::vector<SigningKey>& keys() const { return keys_; }
  // The key named `kid`, or null.
  const SigningKey* Find(std::string_view kid) const;

 private:
  std::vector<SigningKey> keys_;
};

}  // namespace debrief::formats::oidc
