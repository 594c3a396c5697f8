// Signing in through a real OpenID provider from the first redirect to the user, on a real SQLite
// store, and the callbacks that must sign nobody in: another browser's state, a state used
// twice, a sign-in that took too long, the provider's own refusal, a person whose groups give no
// role or whose address is at a domain not allowed.
#include "app/auth/oidc_sign_in.h"

#include <gtest/gtest.h>

#include "app/sqlite_store_fixture.h"
#include "support/identity_provider.h"

namespace debrief::app::auth {
namespace {

constexpr char kRedirect[] = "http://127.0.0.1:9/auth/oidc/callback";

class OidcSignInTest : public SqliteStoreFixture {
 protected:
  OidcSignInTest() : SqliteStoreFixture("oidc-sign-in") {}
  void SetUp() override {
    if (auto why = testing::IdentityProvider::Unavailable()) GTEST_SKIP() << *why;
    SqliteStoreFixture::SetUp();
    keys_ = std::filesystem::temp_directory_path() /
            ("debrief-oidc-sign-in-keys-" + std::to_string(::getpid()) + ".json");
    identity_provider_ = std::make_unique<testing::IdentityProvider>(kRedirect, keys_.string());
    ASSERT_TRUE(identity_provider_->running());
    clock_.Set(
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
    OidcSettings settings;
    settings.issuer = identity_provider_->issuer();
    settings.client_id = "debrief";
    settings.client_secret = "debrief-secret";
    settings.redirect_uri = kRedirect;
    settings.scopes = {"openid", "email", "profile", "groups"};
    provider_ = std::make_unique<OidcProvider>(settings, clock_);
    policy_.allowed_email_domains = {"example.com"};
    policy_.group_roles = *ParseGroupRoles("debrief-admins=admin,sre=member");
  }
  void TearDown() override {
    identity_provider_.reset();
    std::filesystem::remove(keys_);
    SqliteStoreFixture::TearDown();
  }
  // A sign-in started here and carried through the provider as `person`: the callback's answer
  // as this browser brings it.
  ProviderAnswer Through(const std::string& person, std::string_view return_to = "/") {
    auto started = StartSignIn(*store_, *provider_, clock_, return_to);
    EXPECT_TRUE(started) << started.error().message();
    if (!started) return {};
    std::string back = identity_provider_->SignIn(started->provider_url, person);
    EXPECT_FALSE(back.empty());
    return ProviderAnswer{testing::QueryParam(back, "state"), started->state,
                          testing::QueryParam(back, "code"), "", ""};
  }
  core::Result<CompletedSignIn> Complete(const ProviderAnswer& answer) {
    return CompleteSignIn(*store_, *provider_, clock_, policy_, answer);
  }

  std::filesystem::path keys_;
  std::unique_ptr<testing::IdentityProvider> identity_provider_;
  std::unique_ptr<OidcProvider> provider_;
  IdentityPolicy policy_;
};

TEST_F(OidcSignInTest, SignsInWithTheRoleTheGroupsGiveAndLandsWhereItStarted) {
  auto done = Complete(Through("ana", "/incidents/INC-2026-0001"));
  ASSERT_TRUE(done) << done.error().message();
  EXPECT_EQ(done->user.email, "ana@example.com");
  EXPECT_EQ(done->user.role, core::Role::kAdmin);
  EXPECT_EQ(done->return_to, "/incidents/INC-2026-0001");
  auto again = Complete(Through("ana"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->user.id, done->user.id) << "the same person, found by issuer and subject";
  auto ben = Complete(Through("ben", "//evil.example.net/x"));
  ASSERT_TRUE(ben) << ben.error().message();
  EXPECT_EQ(ben->user.role, core::Role::kMember);
  EXPECT_EQ(ben->return_to, "/") << "only paths of this server";
}

TEST_F(OidcSignInTest, AStateFromAnotherBrowserOrUsedTwiceSignsNobodyIn) {
  ProviderAnswer answer = Through("ana");
  ProviderAnswer other_browser = answer;
  other_browser.cookie_state = "the-state-of-another-sign-in";
  auto refused = Complete(other_browser);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kUnauthenticated);
  EXPECT_NE(refused.error().message().find("not started in this browser"), std::string::npos);
  ProviderAnswer no_cookie = answer;
  no_cookie.cookie_state.clear();
  EXPECT_FALSE(Complete(no_cookie));

  ASSERT_TRUE(Complete(answer));
  auto replayed = Complete(answer);
  ASSERT_FALSE(replayed);
  EXPECT_NE(replayed.error().message().find("used already"), std::string::npos);
}

TEST_F(OidcSignInTest, ASignInThatTookTooLongIsRefused) {
  ProviderAnswer answer = Through("ana");
  clock_.Advance(kSignInWindow + std::chrono::seconds(1));
  auto refused = Complete(answer);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("too long"), std::string::npos);
}

TEST_F(OidcSignInTest, TheProvidersRefusalIsPassedOnAndSignsNobodyIn) {
  ProviderAnswer answer = Through("ana");
  answer.code.clear();
  answer.error = "access_denied";
  answer.error_description = "The person declined\n<script>";
  auto refused = Complete(answer);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(),
            "the identity provider did not sign you in: access_denied (The person "
            "declined<script>)");
  ProviderAnswer forged = Through("ana");
  forged.code = "a-code-the-provider-never-gave";
  auto invalid = Complete(forged);
  ASSERT_FALSE(invalid);
  EXPECT_NE(invalid.error().message().find("invalid_grant"), std::string::npos);
}

TEST_F(OidcSignInTest, GroupsWithoutARoleAndDomainsNotAllowedStayOut) {
  auto cleo = Complete(Through("cleo"));
  ASSERT_FALSE(cleo);
  EXPECT_EQ(cleo.error().code(), core::ErrorCode::kPermissionDenied);
  EXPECT_NE(cleo.error().message().find("none of your groups"), std::string::npos);
  auto dan = Complete(Through("dan"));
  ASSERT_FALSE(dan);
  EXPECT_NE(dan.error().message().find("elsewhere.example"), std::string::npos);
  auto users = store_->ListUsers();
  ASSERT_TRUE(users);
  EXPECT_TRUE(users->empty()) << "nobody was created";
}

}  // namespace
}  // namespace debrief::app::auth
