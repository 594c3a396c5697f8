// Signing in through a real OpenID provider (tests/support/oidc) over HTTP, as a browser does:
// the start route's redirect and state cookie, the provider, the callback's session. And every
// answer that must sign nobody in — another browser's state, a replayed code, tokens an attacker
// or a broken provider hands out (expired, of another audience or issuer, another sign-in's
// nonce, unsigned, signed by a key never published), people the policy keeps out, the provider
// down — each sends the browser to the sign-in page with a reason and sets no session.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/auth/single_sign_on.h"
#include "support/identity_provider.h"
#include "support/test_server.h"

namespace debrief::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The provider sends the browser back here; the test carries the answer to the server itself.
constexpr char kRedirect[] = "http://127.0.0.1:9/api/v1/auth/oidc/callback";

// The value of cookie `name` among the Set-Cookie lines of `result`, or nullopt when none sets it.
std::optional<std::string> SetCookie(const HttpResult& result, const std::string& name) {
  std::string lines = result.Header("set-cookie");
  size_t at = 0;
  while (at < lines.size()) {
    size_t end = lines.find('\n', at);
    std::string line = lines.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (line.starts_with(name + "=")) {
      return line.substr(name.size() + 1, line.find(';') - name.size() - 1);
    }
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return std::nullopt;
}

std::string SetCookieLine(const HttpResult& result, const std::string& name) {
  std::string lines = result.Header("set-cookie");
  size_t at = lines.find(name + "=");
  if (at == std::string::npos) return {};
  return lines.substr(at, lines.find('\n', at) - at);
}

class SingleSignOnTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = IdentityProvider::Unavailable()) GTEST_SKIP() << *why;
    keys_ = std::filesystem::temp_directory_path() /
            ("debrief-http-sso-keys-" + std::to_string(::getpid()) + ".json");
    provider_ = std::make_unique<IdentityProvider>(kRedirect, keys_.string());
    ASSERT_TRUE(provider_->running());
    StartServer(/*password_sign_in=*/true);
  }
  void TearDown() override {
    server_.reset();
    provider_.reset();
    std::filesystem::remove(keys_);
  }

  void StartServer(bool password_sign_in) {
    server_.reset();
    single_sign_on_.name = "Example Login";
    app::auth::OidcSettings settings;
    settings.issuer = provider_->issuer();
    settings.client_id = "debrief";
    settings.client_secret = "debrief-secret";
    settings.redirect_uri = kRedirect;
    settings.scopes = {"openid", "email", "profile", "groups"};
    settings.timeout = std::chrono::milliseconds(3000);
    single_sign_on_.policy.allowed_email_domains = {"example.com"};
    single_sign_on_.policy.group_roles =
        *app::auth::ParseGroupRoles("debrief-admins=admin,sre=member");
    server_ = std::make_unique<TestServer>(
        10'000, std::vector<std::string>{}, 1024 * 1024,
        [this, settings, password_sign_in](http::Services& services) {
          single_sign_on_.provider =
              std::make_unique<app::auth::OidcProvider>(settings, services.clock);
          services.single_sign_on = &single_sign_on_;
          services.password_sign_in = password_sign_in;
        });
    // The server's clock stands still at a fixed time; the provider's tokens carry the real one.
    server_->clock().Set(
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  }

  struct Started {
    HttpResult answer;
    std::string state_cookie;
  };
  Started Start(const std::string& return_to = "/") {
    HttpResult answer = server_->Request("GET", "/api/v1/auth/oidc/start?return_to=" + return_to);
    return {answer, SetCookie(answer, "debrief_oidc_state").value_or("")};
  }
  // The callback as the browser of `started` reaches it after signing in as `person`.
  HttpResult Callback(const Started& started, const std::string& person,
                      const std::string& cookie_state = "*") {
    std::string back = provider_->SignIn(started.answer.Header("location"), person);
    EXPECT_FALSE(back.empty()) << "the provider did not send the browser back";
    return CallbackWith(back.substr(back.find('?')),
                        cookie_state == "*" ? started.state_cookie : cookie_state);
  }
  HttpResult CallbackWith(const std::string& query, const std::string& cookie_state) {
    std::map<std::string, std::string> headers;
    if (!cookie_state.empty()) headers["Cookie"] = "debrief_oidc_state=" + cookie_state;
    return server_->Request("GET", "/api/v1/auth/oidc/callback" + query, {}, {}, headers);
  }
  // What the sign-in page says after `failed`, from the failure cookie it was given.
  std::string FailureShown(const HttpResult& failed) {
    auto kept = SetCookie(failed, "debrief_sign_in_failure");
    if (!kept || kept->empty()) return {};
    HttpResult methods = server_->Request("GET", "/api/v1/auth/methods", {}, {},
                                          {{"Cookie", "debrief_sign_in_failure=" + *kept}});
    EXPECT_EQ(methods.status, 200u);
    EXPECT_THAT(SetCookieLine(methods, "debrief_sign_in_failure"), HasSubstr("Max-Age=0"))
        << "said once";
    boost::json::value body = methods.Json();
    const auto* failure = body.as_object().if_contains("failure");
    return failure ? std::string(failure->as_string()) : std::string();
  }
  // The callback's answer signed nobody in, and the sign-in page says `reason`.
  void ExpectRefused(const HttpResult& answer, const std::string& reason) {
    EXPECT_EQ(answer.status, 303u);
    EXPECT_EQ(answer.Header("location"), "/");
    EXPECT_FALSE(SetCookie(answer, "debrief_session").has_value()) << "no session";
    EXPECT_THAT(SetCookieLine(answer, "debrief_oidc_state"), HasSubstr("Max-Age=0"));
    EXPECT_THAT(FailureShown(answer), HasSubstr(reason));
  }

  std::filesystem::path keys_;
  std::unique_ptr<IdentityProvider> provider_;
  app::auth::SingleSignOn single_sign_on_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(SingleSignOnTest, TheSignInPageIsToldTheWaysIn) {
  HttpResult methods = server_->Request("GET", "/api/v1/auth/methods");
  ASSERT_EQ(methods.status, 200u);
  boost::json::value body = methods.Json();
  EXPECT_EQ(body.at("password").as_bool(), true);
  ASSERT_EQ(body.at("providers").as_array().size(), 1u);
  EXPECT_EQ(body.at("providers").at(0).at("name").as_string(), "Example Login");
  EXPECT_EQ(body.at("providers").at(0).at("start").as_string(), "/api/v1/auth/oidc/start");
  EXPECT_FALSE(body.as_object().contains("failure"));
}

TEST_F(SingleSignOnTest, SignsInThroughTheProviderWithTheMappedRole) {
  Started started = Start("%2Fincidents%2FINC-2026-0042%3Ftab%3Dtimeline");
  ASSERT_EQ(started.answer.status, 303u) << started.answer.body;
  EXPECT_THAT(started.answer.Header("location"), HasSubstr(provider_->issuer() + "/auth?"));
  EXPECT_THAT(started.answer.Header("location"), HasSubstr("code_challenge_method=S256"));
  std::string state_line = SetCookieLine(started.answer, "debrief_oidc_state");
  EXPECT_THAT(state_line, HasSubstr("HttpOnly"));
  EXPECT_THAT(state_line, HasSubstr("SameSite=Lax"));  // It must come back from the provider.
  EXPECT_THAT(state_line, HasSubstr("Path=/api/v1/auth/oidc"));
  EXPECT_THAT(state_line, HasSubstr("Max-Age=600"));
  ASSERT_FALSE(started.state_cookie.empty());

  HttpResult back = Callback(started, "ana");
  ASSERT_EQ(back.status, 303u) << FailureShown(back);
  EXPECT_EQ(back.Header("location"), "/incidents/INC-2026-0042?tab=timeline");
  auto session = SetCookie(back, "debrief_session");
  ASSERT_TRUE(session.has_value());
  EXPECT_THAT(SetCookieLine(back, "debrief_session"), HasSubstr("SameSite=Strict"));
  EXPECT_THAT(SetCookieLine(back, "debrief_oidc_state"), HasSubstr("Max-Age=0"));
  HttpResult me =
      server_->Request("GET", "/api/v1/me", {}, {}, {{"Cookie", "debrief_session=" + *session}});
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.Json().at("email").as_string(), "ana@example.com");
  EXPECT_EQ(me.Json().at("name").as_string(), "Ana Pereira");
  EXPECT_EQ(me.Json().at("role").as_string(), "admin");

  // Ben's groups make him a member; a second sign-in finds the same user.
  HttpResult ben = Callback(Start(), "ben");
  ASSERT_EQ(ben.status, 303u);
  EXPECT_EQ(ben.Header("location"), "/");
  auto ben_session = SetCookie(ben, "debrief_session");
  ASSERT_TRUE(ben_session.has_value());
  HttpResult ben_me = server_->Request("GET", "/api/v1/me", {}, {},
                                       {{"Cookie", "debrief_session=" + *ben_session}});
  EXPECT_EQ(ben_me.Json().at("role").as_string(), "member");
  HttpResult again = Callback(Start(), "ben");
  HttpResult again_me = server_->Request(
      "GET", "/api/v1/me", {}, {},
      {{"Cookie", "debrief_session=" + SetCookie(again, "debrief_session").value_or("")}});
  EXPECT_EQ(again_me.Json().at("id").as_int64(), ben_me.Json().at("id").as_int64());
}

TEST_F(SingleSignOnTest, AnotherBrowsersStateOrAReplayedCodeSignsNobodyIn) {
  Started started = Start();
  Started other = Start();
  ExpectRefused(Callback(started, "ana", other.state_cookie), "not started in this browser");
  ExpectRefused(Callback(Start(), "ana", ""), "not started in this browser");

  Started fresh = Start();
  std::string back = provider_->SignIn(fresh.answer.Header("location"), "ana");
  std::string query = back.substr(back.find('?'));
  HttpResult first = CallbackWith(query, fresh.state_cookie);
  ASSERT_TRUE(SetCookie(first, "debrief_session").has_value()) << FailureShown(first);
  ExpectRefused(CallbackWith(query, fresh.state_cookie), "used already");
  ExpectRefused(CallbackWith("?state=&code=", ""), "not started in this browser");
}

TEST_F(SingleSignOnTest, TokensAnAttackerOrABrokenProviderHandsOutSignNobodyIn) {
  const std::pair<const char*, const char*> attacks[] = {
      {"expired", "it has expired"},
      {"other-audience", "issued for another client"},
      {"other-issuer", "issued by another issuer"},
      {"wrong-nonce", "nonce is not the one this sign-in sent"},
      {"alg-none", "not signed (alg none)"},
      {"unknown-key", "a key the provider does not publish"},
  };
  for (const auto& [mode, reason] : attacks) {
    SCOPED_TRACE(mode);
    ASSERT_TRUE(provider_->Tamper(mode));
    ExpectRefused(Callback(Start(), "ana"), reason);
  }
  ASSERT_TRUE(provider_->Tamper(""));
  HttpResult honest = Callback(Start(), "ana");
  EXPECT_TRUE(SetCookie(honest, "debrief_session").has_value()) << FailureShown(honest);
}

TEST_F(SingleSignOnTest, PeopleThePolicyKeepsOutAreToldWhy) {
  ExpectRefused(Callback(Start(), "cleo"), "none of your groups");
  ExpectRefused(Callback(Start(), "dan"), "addresses at elsewhere.example may not sign in");
  Started started = Start();
  HttpResult declined = CallbackWith(
      "?error=access_denied&error_description=End-User%20aborted&state=" + started.state_cookie,
      started.state_cookie);
  ExpectRefused(declined, "access_denied (End-User aborted)");
  // A link anyone can send, with words of their choosing: the page says nothing of them.
  HttpResult forged = CallbackWith(
      "?error=x&error_description=Your%20account%20is%20locked%2C%20call%20555&state=abc", "");
  ExpectRefused(forged, "not started in this browser");
  EXPECT_THAT(FailureShown(CallbackWith("?error=x&error_description=call%20555&state=abc", "")),
              Not(HasSubstr("555")));
}

TEST_F(SingleSignOnTest, AProviderThatIsDownIsSaidAndPasswordsStillWork) {
  // It answered a moment ago (its discovery document is kept), and then went away: the browser
  // is not sent to a page that will not load.
  ASSERT_EQ(Start().answer.status, 303u);
  provider_->Stop();
  Started started = Start();
  ExpectRefused(started.answer, "Example Login cannot be reached");
  EXPECT_THAT(FailureShown(Start().answer), HasSubstr("or sign in with your password"));
  server_->SetPassword(server_->alice(), "correct horse battery");
  HttpResult password =
      server_->Request("POST", "/api/v1/session", {},
                       R"({"email":"alice@example.com","password":"correct horse battery"})");
  EXPECT_EQ(password.status, 201u);
}

TEST_F(SingleSignOnTest, PasswordSignInCanBeTurnedOff) {
  StartServer(/*password_sign_in=*/false);
  server_->SetPassword(server_->alice(), "correct horse battery");
  HttpResult password =
      server_->Request("POST", "/api/v1/session", {},
                       R"({"email":"alice@example.com","password":"correct horse battery"})");
  EXPECT_EQ(password.status, 403u);
  EXPECT_THAT(password.body, HasSubstr("Sign in with Example Login"));
  EXPECT_FALSE(server_->Request("GET", "/api/v1/auth/methods").Json().at("password").as_bool());
  // API tokens are not passwords: they still work.
  EXPECT_EQ(server_->Get("/api/v1/me", server_->alice()).status, 200u);
  HttpResult back = Callback(Start(), "ben");
  EXPECT_TRUE(SetCookie(back, "debrief_session").has_value());
}

TEST_F(SingleSignOnTest, AFailureCookieThatIsNotTextIsIgnored) {
  for (const char* forged : {"%ZZ", "%FF%FE", "%00"}) {
    HttpResult methods =
        server_->Request("GET", "/api/v1/auth/methods", {}, {},
                         {{"Cookie", std::string("debrief_sign_in_failure=") + forged}});
    ASSERT_EQ(methods.status, 200u) << forged;
    EXPECT_THAT(methods.body, Not(HasSubstr("failure"))) << forged;
  }
}

TEST(SingleSignOnOffTest, WithoutAProviderThereIsPasswordSignInAlone) {
  TestServer server;
  HttpResult methods = server.Request("GET", "/api/v1/auth/methods");
  ASSERT_EQ(methods.status, 200u);
  EXPECT_TRUE(methods.Json().at("password").as_bool());
  EXPECT_TRUE(methods.Json().at("providers").as_array().empty());
  EXPECT_EQ(server.Request("GET", "/api/v1/auth/oidc/start").status, 404u);
  EXPECT_EQ(server.Request("GET", "/api/v1/auth/oidc/callback?state=x&code=y").status, 404u);
}

}  // namespace
}  // namespace debrief::testing
