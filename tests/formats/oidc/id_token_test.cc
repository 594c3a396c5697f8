// ID tokens signed here with real keys (RSA and EC, made by cjose) and checked the way a sign-in
// checks them: every claim OpenID Connect asks a client to check, and the attacks on JWTs a
// verifier must refuse (alg none, a shared-secret algorithm over a public key, a key the
// provider does not publish, a payload changed after signing).
#include "formats/oidc/id_token.h"

#include <cjose/base64.h>
#include <cjose/header.h>
#include <cjose/jwk.h>
#include <cjose/jws.h>
#include <cjose/util.h>

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace debrief::formats::oidc {
namespace {

namespace bj = boost::json;
using std::chrono::seconds;

constexpr int64_t kNow = 1'780'000'000;  // Seconds since the epoch.

std::string Base64Url(std::string_view bytes) {
  char* encoded = nullptr;
  size_t length = 0;
  cjose_err error{};
  EXPECT_TRUE(cjose_base64url_encode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(),
                                     &encoded, &length, &error));
  std::string text(encoded, length);
  cjose_get_dealloc()(encoded);
  return text;
}

// A provider's key pair; its public half as a JWK Set entry.
struct Key {
  std::shared_ptr<cjose_jwk_t> jwk;
  std::string alg;

  static Key Rsa(std::string kid, std::string alg = "RS256") {
    static const uint8_t kExponent[] = {0x01, 0x00, 0x01};
    cjose_err error{};
    return Make(cjose_jwk_create_RSA_random(2048, kExponent, sizeof(kExponent), &error), kid, alg);
  }
  static Key Ec(std::string kid, cjose_jwk_ec_curve curve = CJOSE_JWK_EC_P_256,
                std::string alg = "ES256") {
    cjose_err error{};
    return Make(cjose_jwk_create_EC_random(curve, &error), kid, alg);
  }
  static Key Make(cjose_jwk_t* jwk, const std::string& kid, std::string alg) {
    EXPECT_NE(jwk, nullptr);
    cjose_err error{};
    if (!kid.empty()) cjose_jwk_set_kid(jwk, kid.data(), kid.size(), &error);
    return Key{std::shared_ptr<cjose_jwk_t>(jwk, [](cjose_jwk_t* key) { cjose_jwk_release(key); }),
               std::move(alg)};
  }
  bj::value Public() const {
    cjose_err error{};
    char* json = cjose_jwk_to_json(jwk.get(), false, &error);
    bj::value value = bj::parse(json);
    cjose_get_dealloc()(json);
    return value;
  }
  // `claims` signed with this key, the header naming `kid` (none when empty).
  std::string Sign(const bj::object& claims, std::string kid, std::string alg = "") const {
    cjose_err error{};
    cjose_header_t* header = cjose_header_new(&error);
    cjose_header_set(header, CJOSE_HDR_ALG, (alg.empty() ? this->alg : alg).c_str(), &error);
    if (!kid.empty()) cjose_header_set(header, CJOSE_HDR_KID, kid.c_str(), &error);
    std::string payload = bj::serialize(claims);
    cjose_jws_t* jws =
        cjose_jws_sign(jwk.get(), header, reinterpret_cast<const uint8_t*>(payload.data()),
                       payload.size(), &error);
    cjose_header_release(header);
    EXPECT_NE(jws, nullptr) << (error.message ? error.message : "");
    const char* compact = nullptr;
    cjose_jws_export(jws, &compact, &error);
    std::string token = compact;
    cjose_jws_release(jws);
    return token;
  }
};

KeySet SetOf(std::initializer_list<const Key*> keys) {
  bj::array entries;
  for (const Key* key : keys) entries.push_back(key->Public());
  auto set = KeySet::Parse(bj::serialize(bj::object{{"keys", entries}}));
  EXPECT_TRUE(set) << set.error().message();
  return *set;
}

class IdTokenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = new Key(Key::Rsa("rsa-1"));
    ec_ = new Key(Key::Ec("ec-1"));
  }
  static void TearDownTestSuite() {
    delete rsa_;
    delete ec_;
  }

  bj::object Claims() const {
    return {{"iss", "https://id.example.com"},
            {"sub", "248289761001"},
            {"aud", "debrief"},
            {"exp", kNow + 300},
            {"iat", kNow - 5},
            {"nonce", "n-0S6_WzA2Mj"},
            {"email", "ana@example.com"},
            {"email_verified", true},
            {"name", "Ana Pereira"},
            {"groups", bj::array{"sre", "debrief-admins"}}};
  }
  IdTokenExpectations Expected() const {
    IdTokenExpectations expected;
    expected.issuer = "https://id.example.com";
    expected.client_id = "debrief";
    expected.nonce = "n-0S6_WzA2Mj";
    expected.now = core::FromEpochMillis(kNow * 1000);
    expected.clock_skew = seconds(60);
    return expected;
  }
  // The reason a token is refused, or "accepted".
  std::string Verdict(const std::string& token, const KeySet& keys) const {
    auto claims = VerifyIdToken(token, keys, Expected());
    if (claims) return "accepted";
    EXPECT_EQ(claims.error().code(), core::ErrorCode::kUnauthenticated);
    return claims.error().message();
  }

  static Key* rsa_;
  static Key* ec_;
};
Key* IdTokenTest::rsa_ = nullptr;
Key* IdTokenTest::ec_ = nullptr;

TEST_F(IdTokenTest, AcceptsRs256AndEs256TokensAndReadsTheirClaims) {
  KeySet keys = SetOf({rsa_, ec_});
  for (const Key* key : {rsa_, ec_}) {
    std::string kid = key == rsa_ ? "rsa-1" : "ec-1";
    auto claims = VerifyIdToken(key->Sign(Claims(), kid), keys, Expected());
    ASSERT_TRUE(claims) << kid << ": " << claims.error().message();
    EXPECT_EQ(claims->issuer, "https://id.example.com");
    EXPECT_EQ(claims->subject, "248289761001");
    EXPECT_EQ(claims->email, "ana@example.com");
    EXPECT_TRUE(claims->email_verified);
    EXPECT_EQ(claims->name, "Ana Pereira");
    EXPECT_EQ(claims->groups, (std::vector<std::string>{"sre", "debrief-admins"}));
    EXPECT_EQ(core::ToEpochMillis(claims->expires_at), (kNow + 300) * 1000);
  }
  EXPECT_EQ(IdTokenKeyId(rsa_->Sign(Claims(), "rsa-1")), "rsa-1");
}

TEST_F(IdTokenTest, OtherAsymmetricAlgorithmsAndCurvesVerifyToo) {
  Key ps = Key::Rsa("ps-1", "PS256");
  Key rs512 = Key::Rsa("rs-512", "RS512");
  Key es384 = Key::Ec("ec-384", CJOSE_JWK_EC_P_384, "ES384");
  KeySet keys = SetOf({&ps, &rs512, &es384});
  EXPECT_EQ(Verdict(ps.Sign(Claims(), "ps-1"), keys), "accepted");
  EXPECT_EQ(Verdict(rs512.Sign(Claims(), "rs-512"), keys), "accepted");
  EXPECT_EQ(Verdict(es384.Sign(Claims(), "ec-384"), keys), "accepted");
  // An ES256 header over a P-384 key: the curve is part of the algorithm.
  EXPECT_NE(Verdict(es384.Sign(Claims(), "ec-384", "ES256"), keys), "accepted");
}

TEST_F(IdTokenTest, AKeyIdTheSetLacksIsRefusedAndNamedForAFreshFetch) {
  Key rotated = Key::Rsa("rsa-2");
  KeySet old_keys = SetOf({rsa_});
  std::string token = rotated.Sign(Claims(), "rsa-2");
  EXPECT_EQ(IdTokenKeyId(token), "rsa-2");
  EXPECT_EQ(old_keys.Find("rsa-2"), nullptr);
  EXPECT_NE(Verdict(token, old_keys).find("a key the provider does not publish"),
            std::string::npos);
  EXPECT_EQ(Verdict(token, SetOf({rsa_, &rotated})), "accepted");
  // Signed by an unpublished key under a published key's id: the signature fails.
  EXPECT_NE(Verdict(rotated.Sign(Claims(), "rsa-1"), old_keys).find("signature does not verify"),
            std::string::npos);
}

TEST_F(IdTokenTest, WithoutAKeyIdOnlyALoneFittingKeyIsUsed) {
  EXPECT_EQ(Verdict(rsa_->Sign(Claims(), ""), SetOf({rsa_})), "accepted");
  EXPECT_EQ(Verdict(rsa_->Sign(Claims(), ""), SetOf({rsa_, ec_})), "accepted");
  Key second = Key::Rsa("rsa-3");
  EXPECT_NE(Verdict(rsa_->Sign(Claims(), ""), SetOf({rsa_, &second})).find("several"),
            std::string::npos);
}

TEST_F(IdTokenTest, UnsignedAndSharedSecretTokensAreRefused) {
  KeySet keys = SetOf({rsa_});
  std::string payload = Base64Url(bj::serialize(Claims()));
  std::string none = Base64Url(R"({"alg":"none","kid":"rsa-1"})") + "." + payload + ".";
  EXPECT_NE(Verdict(none, keys).find("alg none"), std::string::npos);
  std::string none_upper = Base64Url(R"({"alg":"None"})") + "." + payload + ".";
  EXPECT_NE(Verdict(none_upper, keys), "accepted");
  // HS256 keyed with the provider's public key, which anyone can fetch.
  std::string public_key = bj::serialize(rsa_->Public());
  cjose_err error{};
  cjose_jwk_t* secret = cjose_jwk_create_oct_spec(
      reinterpret_cast<const uint8_t*>(public_key.data()), public_key.size(), &error);
  Key hmac = Key::Make(secret, "", "HS256");
  EXPECT_NE(Verdict(hmac.Sign(Claims(), "rsa-1"), keys).find("algorithm is not accepted"),
            std::string::npos);
  // An RSA header over an EC key's id, and the other way round.
  EXPECT_NE(Verdict(ec_->Sign(Claims(), "rsa-1", "ES256"), keys), "accepted");
  KeySet both = SetOf({rsa_, ec_});
  EXPECT_NE(Verdict(rsa_->Sign(Claims(), "ec-1"), both).find("does not fit its algorithm"),
            std::string::npos);
}

TEST_F(IdTokenTest, APayloadChangedAfterSigningIsRefused) {
  KeySet keys = SetOf({rsa_});
  std::string token = rsa_->Sign(Claims(), "rsa-1");
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  bj::object forged = Claims();
  forged["groups"] = bj::array{"debrief-admins", "everyone"};
  std::string tampered =
      token.substr(0, first + 1) + Base64Url(bj::serialize(forged)) + token.substr(second);
  EXPECT_NE(Verdict(tampered, keys).find("signature does not verify"), std::string::npos);
  std::string cut = token.substr(0, second);
  EXPECT_NE(Verdict(cut, keys).find("compact form"), std::string::npos);
  EXPECT_NE(Verdict(token + ".x.y", keys).find("encrypted"), std::string::npos);
}

TEST_F(IdTokenTest, EachClaimACheckAsksForIsChecked) {
  KeySet keys = SetOf({rsa_});
  auto with = [&](const char* name, bj::value value) {
    bj::object claims = Claims();
    claims[name] = std::move(value);
    return Verdict(rsa_->Sign(claims, "rsa-1"), keys);
  };
  auto without = [&](const char* name) {
    bj::object claims = Claims();
    claims.erase(name);
    return Verdict(rsa_->Sign(claims, "rsa-1"), keys);
  };
  EXPECT_NE(with("iss", "https://id.example.com/").find("another issuer"), std::string::npos);
  EXPECT_NE(without("iss").find("another issuer"), std::string::npos);
  EXPECT_NE(with("aud", "another-client").find("another client"), std::string::npos);
  EXPECT_NE(without("aud").find("another client"), std::string::npos);
  EXPECT_EQ(with("aud", bj::array{"debrief"}), "accepted");
  EXPECT_NE(with("aud", bj::array{"debrief", "other"}).find("no azp"), std::string::npos);
  {
    bj::object claims = Claims();
    claims["aud"] = bj::array{"debrief", "other"};
    claims["azp"] = "debrief";
    EXPECT_EQ(Verdict(rsa_->Sign(claims, "rsa-1"), keys), "accepted");
    claims["azp"] = "other";
    EXPECT_NE(Verdict(rsa_->Sign(claims, "rsa-1"), keys).find("another client"), std::string::npos);
  }
  EXPECT_NE(with("nonce", "replayed").find("nonce"), std::string::npos);
  EXPECT_NE(without("nonce").find("nonce"), std::string::npos);
  EXPECT_NE(without("sub").find("subject"), std::string::npos);
  EXPECT_NE(with("sub", bj::string(256, 's')).find("subject"), std::string::npos);
  EXPECT_NE(without("exp").find("exp or iat"), std::string::npos);
  EXPECT_NE(with("exp", "tomorrow").find("exp or iat"), std::string::npos);
  EXPECT_NE(without("iat").find("exp or iat"), std::string::npos);
}

TEST_F(IdTokenTest, ClocksMayDifferByTheConfiguredSkewAndNoMore) {
  KeySet keys = SetOf({rsa_});
  auto at = [&](const char* name, int64_t offset) {
    bj::object claims = Claims();
    claims[name] = kNow + offset;
    return Verdict(rsa_->Sign(claims, "rsa-1"), keys);
  };
  EXPECT_EQ(at("exp", -30), "accepted") << "expired 30 s ago: within the 60 s skew";
  EXPECT_NE(at("exp", -61).find("expired"), std::string::npos);
  EXPECT_EQ(at("iat", 30), "accepted") << "issued 30 s ahead of this clock";
  EXPECT_NE(at("iat", 120).find("future"), std::string::npos);
  EXPECT_EQ(at("nbf", 30), "accepted");
  EXPECT_NE(at("nbf", 120).find("not valid yet"), std::string::npos);
  // Fractions of seconds are dates too.
  bj::object claims = Claims();
  claims["exp"] = static_cast<double>(kNow) + 10.5;
  EXPECT_EQ(Verdict(rsa_->Sign(claims, "rsa-1"), keys), "accepted");
}

TEST_F(IdTokenTest, GroupsComeFromTheConfiguredClaimInEitherShape) {
  KeySet keys = SetOf({rsa_});
  bj::object claims = Claims();
  claims["roles"] = "incident-commanders";
  IdTokenExpectations expected = Expected();
  expected.groups_claim = "roles";
  auto verified = VerifyIdToken(rsa_->Sign(claims, "rsa-1"), keys, expected);
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified->groups, std::vector<std::string>{"incident-commanders"});
  claims["email_verified"] = "true";
  expected.groups_claim = "absent";
  verified = VerifyIdToken(rsa_->Sign(claims, "rsa-1"), keys, expected);
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->groups.empty());
  EXPECT_TRUE(verified->email_verified);
}

TEST_F(IdTokenTest, MalformedTokensAreRefusedWithoutACrash) {
  KeySet keys = SetOf({rsa_});
  for (std::string token :
       {std::string(), std::string("."), std::string(".."), std::string("a.b.c"),
        std::string("eyJ.eyJ.sig"), Base64Url("[1]") + ".e30.", Base64Url("{\"alg\":7}") + ".e30.",
        Base64Url("{\"alg\":\"RS256\",\"kid\":5}") + ".e30.",
        Base64Url("{\"alg\":\"RS256\",\"crit\":[\"exp\"]}") + ".e30.",
        std::string("\xff\xfe.\x80.\x00", 7), std::string(70 * 1024, 'a')}) {
    EXPECT_NE(Verdict(token, keys), "accepted") << token.substr(0, 40);
  }
  // Segments cjose's decoder would abort on (a length leaving one character over, padding in
  // the middle): refused before it sees them.
  std::string good = rsa_->Sign(Claims(), "rsa-1");
  size_t first = good.find('.');
  size_t second = good.find('.', first + 1);
  for (std::string bad : {good.substr(0, second) + "x" + good.substr(second),
                          good.substr(0, first + 5) + "=" + good.substr(first + 5), good + "A",
                          good.substr(0, first) + "A" + good.substr(first)}) {
    EXPECT_NE(Verdict(bad, keys), "accepted");
  }
  EXPECT_FALSE(IsBase64Url("abcde"));
  EXPECT_FALSE(IsBase64Url("ab=c"));
  EXPECT_FALSE(IsBase64Url("ab+/"));
  EXPECT_TRUE(IsBase64Url("abc-_w"));
  EXPECT_TRUE(IsBase64Url(""));
  // A signed token whose payload is not a JSON object.
  cjose_err error{};
  cjose_header_t* header = cjose_header_new(&error);
  cjose_header_set(header, CJOSE_HDR_ALG, "RS256", &error);
  cjose_header_set(header, CJOSE_HDR_KID, "rsa-1", &error);
  std::string text = "not json";
  cjose_jws_t* jws = cjose_jws_sign(
      rsa_->jwk.get(), header, reinterpret_cast<const uint8_t*>(text.data()), text.size(), &error);
  cjose_header_release(header);
  const char* compact = nullptr;
  cjose_jws_export(jws, &compact, &error);
  EXPECT_NE(Verdict(compact, keys).find("not a JSON object"), std::string::npos);
  cjose_jws_release(jws);
}

TEST(KeySetTest, KeepsPublicSigningKeysAndRefusesWhatIsNotASet) {
  Key rsa = Key::Rsa("rsa-1");
  bj::object encryption = rsa.Public().as_object();
  encryption["kid"] = "enc-1";
  encryption["use"] = "enc";
  bj::object secret{{"kty", "oct"}, {"k", "c2VjcmV0"}, {"kid", "oct-1"}};
  bj::object undecodable = rsa.Public().as_object();
  undecodable["kid"] = "undecodable";
  std::string modulus(undecodable["n"].as_string());
  modulus.resize(modulus.size() - modulus.size() % 4 + 1);  // One character over.
  undecodable["n"] = modulus;
  bj::array keys{rsa.Public(), encryption, secret, bj::object{{"kty", "RSA"}, {"kid", "broken"}},
                 42,           undecodable};
  auto set = KeySet::Parse(bj::serialize(bj::object{{"keys", keys}}));
  ASSERT_TRUE(set) << set.error().message();
  ASSERT_EQ(set->keys().size(), 1u);
  EXPECT_EQ(set->keys()[0].kid, "rsa-1");
  EXPECT_EQ(set->Find("enc-1"), nullptr);
  EXPECT_EQ(set->Find("oct-1"), nullptr);
  EXPECT_EQ(set->Find("undecodable"), nullptr);
  // A private key published by mistake is not used.
  cjose_err error{};
  char* private_json = cjose_jwk_to_json(rsa.jwk.get(), true, &error);
  std::string with_private = std::string("{\"keys\":[") + private_json + "]}";
  cjose_get_dealloc()(private_json);
  EXPECT_FALSE(KeySet::Parse(with_private));
  for (const char* bad : {"", "[]", "{}", "{\"keys\":{}}", "{\"keys\":[]}", "{\"keys\":[1,2]}"}) {
    auto parsed = KeySet::Parse(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code(), core::ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace debrief::formats::oidc
