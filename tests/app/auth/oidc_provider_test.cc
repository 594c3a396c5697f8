// Signing in through a real OpenID provider (oidc-provider, started by the test): discovery,
// the authorization request, the code redeemed with its PKCE verifier, the ID token verified;
// and what must fail: a code redeemed twice, another sign-in's verifier or nonce, a wrong client
// secret, a provider that is down, keys rotated at the provider.
#include "app/auth/oidc_provider.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/identity_provider.h"

namespace debrief::app::auth {
namespace {

constexpr char kRedirect[] = "http://127.0.0.1:9/auth/oidc/callback";

class OidcProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = testing::IdentityProvider::Unavailable()) GTEST_SKIP() << *why;
    folder_ = std::filesystem::temp_directory_path() /
              ("debrief-oidc-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
    provider_ = std::make_unique<testing::IdentityProvider>(kRedirect, Keys("first"));
    ASSERT_TRUE(provider_->running());
  }
  void TearDown() override {
    provider_.reset();
    if (!folder_.empty()) std::filesystem::remove_all(folder_);
  }
  std::string Keys(const std::string& name) const { return (folder_ / (name + ".json")).string(); }

  OidcSettings Settings(std::string client = "debrief") const {
    OidcSettings settings;
    settings.issuer = provider_->issuer();
    settings.client_id = client;
    settings.client_secret = client + "-secret";
    settings.redirect_uri = kRedirect;
    settings.scopes = {"openid", "email", "profile", "groups"};
    return settings;
  }
  // A sign-in begun through `oidc` and carried through the provider as `person`: the code.
  std::string CodeFor(OidcProvider& oidc, AuthorizationRequest& pending,
                      const std::string& person = "ana") {
    auto begun = oidc.Begin();
    EXPECT_TRUE(begun) << begun.error().message();
    if (!begun) return {};
    pending = *begun;
    std::string back = provider_->SignIn(pending.url, person);
    EXPECT_FALSE(back.empty()) << "the provider never sent the browser back";
    EXPECT_EQ(testing::QueryParam(back, "state"), pending.state);
    return testing::QueryParam(back, "code");
  }

  std::filesystem::path folder_;
  std::unique_ptr<testing::IdentityProvider> provider_;
  // The provider's clock is the machine's: tokens are issued now.
  core::FixedClock clock_{
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())};
};

TEST_F(OidcProviderTest, SignsInAndReadsWhoItIs) {
  OidcProvider oidc(Settings(), clock_);
  AuthorizationRequest pending;
  std::string code = CodeFor(oidc, pending);
  auto claims = oidc.Finish(code, pending);
  ASSERT_TRUE(claims) << claims.error().message();
  EXPECT_EQ(claims->issuer, provider_->issuer());
  EXPECT_EQ(claims->subject, "ana");
  EXPECT_EQ(claims->email, "ana@example.com");
  EXPECT_TRUE(claims->email_verified);
  EXPECT_EQ(claims->name, "Ana Pereira");
  EXPECT_EQ(claims->groups, (std::vector<std::string>{"debrief-admins", "sre"}));
}

TEST_F(OidcProviderTest, Es256TokensOfAnotherClientVerifyToo) {
  OidcProvider oidc(Settings("other"), clock_);
  AuthorizationRequest pending;
  std::string code = CodeFor(oidc, pending, "ben");
  auto claims = oidc.Finish(code, pending);
  ASSERT_TRUE(claims) << claims.error().message();
  EXPECT_EQ(claims->subject, "ben");
  EXPECT_EQ(claims->groups, std::vector<std::string>{"sre"});
}

TEST_F(OidcProviderTest, ACodeIsRedeemedOnceAndOnlyWithItsVerifier) {
  OidcProvider oidc(Settings(), clock_);
  AuthorizationRequest pending;
  std::string code = CodeFor(oidc, pending);
  AuthorizationRequest wrong_verifier = pending;
  wrong_verifier.code_verifier = "A" + pending.code_verifier.substr(1);
  auto stolen = oidc.Finish(code, wrong_verifier);
  ASSERT_FALSE(stolen);
  EXPECT_EQ(stolen.error().code(), core::ErrorCode::kUnauthenticated);
  EXPECT_NE(stolen.error().message().find("invalid_grant"), std::string::npos)
      << stolen.error().message();

  AuthorizationRequest second;
  std::string fresh = CodeFor(oidc, second);
  ASSERT_TRUE(oidc.Finish(fresh, second));
  auto replayed = oidc.Finish(fresh, second);
  ASSERT_FALSE(replayed);
  EXPECT_NE(replayed.error().message().find("invalid_grant"), std::string::npos);
}

TEST_F(OidcProviderTest, AnotherSignInsNonceIsRefused) {
  OidcProvider oidc(Settings(), clock_);
  AuthorizationRequest pending;
  std::string code = CodeFor(oidc, pending);
  AuthorizationRequest mixed_up = pending;
  mixed_up.nonce = "a-nonce-of-another-sign-in";
  auto claims = oidc.Finish(code, mixed_up);
  ASSERT_FALSE(claims);
  EXPECT_NE(claims.error().message().find("nonce"), std::string::npos);
}

TEST_F(OidcProviderTest, AWrongClientSecretIsRefused) {
  OidcSettings settings = Settings();
  settings.client_secret = "guessed";
  OidcProvider oidc(settings, clock_);
  AuthorizationRequest pending;
  std::string code = CodeFor(oidc, pending);
  auto claims = oidc.Finish(code, pending);
  ASSERT_FALSE(claims);
  EXPECT_NE(claims.error().message().find("invalid_client"), std::string::npos)
      << claims.error().message();
  EXPECT_EQ(claims.error().message().find("guessed"), std::string::npos);
}

TEST_F(OidcProviderTest, AProviderThatIsDownIsUnavailable) {
  OidcSettings settings = Settings();
  provider_->Stop();
  OidcProvider oidc(settings, clock_);
  auto begun = oidc.Begin();
  ASSERT_FALSE(begun);
  EXPECT_EQ(begun.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_NE(begun.error().message().find("discovery document"), std::string::npos);
}

TEST_F(OidcProviderTest, AnIssuerThatNamesItselfOtherwiseIsRefused) {
  OidcSettings settings = Settings();
  settings.issuer = "http://localhost:" + std::to_string(provider_->port());
  OidcProvider oidc(settings, clock_);
  auto begun = oidc.Begin();
  ASSERT_FALSE(begun);
  EXPECT_NE(begun.error().message().find("another issuer"), std::string::npos);
}

TEST_F(OidcProviderTest, KeysRotatedAtTheProviderAreFetchedOnceTheyAreNamed) {
  core::FixedClock clock(clock_.Now());
  OidcProvider oidc(Settings(), clock);
  AuthorizationRequest pending;
  ASSERT_TRUE(oidc.Finish(CodeFor(oidc, pending), pending));
  // The provider restarts with new keys on the same address.
  int port = provider_->port();
  provider_.reset();
  provider_ = std::make_unique<testing::IdentityProvider>(kRedirect, Keys("second"), port);
  ASSERT_TRUE(provider_->running());
  // Within a minute of the last fetch the keys are not fetched again: a token naming an unknown
  // key is refused (as a forged one would be).
  auto soon = oidc.Finish(CodeFor(oidc, pending), pending);
  ASSERT_FALSE(soon);
  EXPECT_NE(soon.error().message().find("does not publish"), std::string::npos);
  clock.Advance(std::chrono::seconds(61));
  auto later = oidc.Finish(CodeFor(oidc, pending), pending);
  EXPECT_TRUE(later) << later.error().message();
}

}  // namespace
}  // namespace debrief::app::auth
