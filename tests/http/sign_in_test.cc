// Signing in and the life of sessions and tokens: what a guesser can do, what a changed
// password, role or disabled account ends, and what the session cookie says.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "support/test_server.h"

namespace debrief::testing {
namespace {

using ::testing::HasSubstr;

class SignInTest : public ::testing::Test {
 protected:
  // Signs in over HTTP; returns the "debrief_session=..." pair, or empty.
  std::string SignIn(const std::string& email, const std::string& password) {
    HttpResult result =
        server_.Request("POST", "/api/v1/session", {},
                        R"({"email":")" + email + R"(","password":")" + password + R"("})");
    if (result.status != 201) return {};
    std::string cookie = result.Header("set-cookie");
    return cookie.substr(0, cookie.find(';'));
  }
  unsigned Me(const std::string& session) {
    return server_.Request("GET", "/api/v1/me", {}, {}, {{"Cookie", session}}).status;
  }
  HttpResult ChangeUser(const TestUser& user, const std::string& fields) {
    int64_t version = 0;
    boost::json::value users = server_.Get("/api/v1/users", server_.admin()).Json();
    for (const auto& listed : users.at("items").as_array()) {
      if (listed.at("id").as_int64() == user.id) version = listed.at("version").as_int64();
    }
    return server_.Request("PATCH", "/api/v1/users/" + std::to_string(user.id),
                           server_.admin().token, fields,
                           {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  // An authenticator of its own over the server's store, to sign in from any address.
  core::Result<http::SignedIn> SignInFrom(http::Authenticator& authenticator,
                                          const std::string& email, const std::string& password,
                                          const std::string& address) {
    core::Result<http::SignedIn> result = core::Error::Internal("not run");
    server_.OnServerThread([&]() { result = authenticator.SignIn(email, password, address); });
    return result;
  }

  TestServer server_;
};

TEST_F(SignInTest, TheSessionCookieIsSecureHttpOnlyAndStrict) {
  server_.SetPassword(server_.alice(), "correct horse battery");
  HttpResult signed_in =
      server_.Request("POST", "/api/v1/session", {},
                      R"({"email":"alice@example.com","password":"correct horse battery"})");
  ASSERT_EQ(signed_in.status, 201u);
  std::string cookie = signed_in.Header("set-cookie");
  EXPECT_THAT(cookie, HasSubstr("; Secure;"));
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Strict"));
  std::string cleared = server_
                            .Request("DELETE", "/api/v1/session", {}, {},
                                     {{"Cookie", cookie.substr(0, cookie.find(';'))}})
                            .Header("set-cookie");
  EXPECT_THAT(cleared, HasSubstr("Max-Age=0"));
  EXPECT_THAT(cleared, HasSubstr("; Secure;"));
}

// Five wrong passwords for alice from one address must not lock alice out from her own.
TEST_F(SignInTest, AGuesserSlowsDownWithoutLockingOutTheOwner) {
  server_.SetPassword(server_.alice(), "correct horse battery");
  http::Authenticator authenticator(server_.store(), server_.clock(), {});
  const std::string guesser = "203.0.113.9";
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto wrong = SignInFrom(authenticator, "alice@example.com", "guess", guesser);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code(), core::ErrorCode::kUnauthenticated);
  }
  auto throttled = SignInFrom(authenticator, "alice@example.com", "guess", guesser);
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code(), core::ErrorCode::kResourceExhausted);
  EXPECT_EQ(throttled.error().retry_after(), std::chrono::seconds(2));
  // Even the right password waits from there: the pair is slowed, whoever types.
  EXPECT_FALSE(SignInFrom(authenticator, "alice@example.com", "correct horse battery", guesser));
  // Alice, from her own address, signs in at once.
  EXPECT_TRUE(
      SignInFrom(authenticator, "alice@example.com", "correct horse battery", "198.51.100.7"));
  // Each further failure doubles the wait.
  server_.clock().Advance(std::chrono::seconds(2));
  EXPECT_EQ(SignInFrom(authenticator, "alice@example.com", "guess", guesser).error().code(),
            core::ErrorCode::kUnauthenticated);
  EXPECT_EQ(SignInFrom(authenticator, "alice@example.com", "guess", guesser).error().retry_after(),
            std::chrono::seconds(4));
}

// Someone who signs in through the identity provider has no password: no password (not even an
// empty one) signs them in, and the provider's sign-in gives them an ordinary session.
TEST_F(SignInTest, APersonWithoutAPasswordSignsInOnlyThroughTheProvider) {
  core::User cleo;
  cleo.email = "cleo@example.com";
  cleo.name = "Cleo";
  cleo.role = core::Role::kMember;
  core::Result<core::User> created = core::Error::Internal("not run");
  server_.OnServerThread([&]() {
    created =
        server_.store().CreateUserWithIdentity(cleo, {0, "https://login.example.com", "c", {}}, {});
  });
  ASSERT_TRUE(created) << created.error().message();
  http::Authenticator authenticator(server_.store(), server_.clock(), {});
  for (const char* password : {"", "x", "cleo"}) {
    auto refused = SignInFrom(authenticator, "cleo@example.com", password, "198.51.100.7");
    ASSERT_FALSE(refused) << password;
    EXPECT_EQ(refused.error().message(), "the email or password is not right");
  }
  core::Result<http::SignedIn> session = core::Error::Internal("not run");
  server_.OnServerThread([&]() { session = authenticator.StartSession(*created); });
  ASSERT_TRUE(session) << session.error().message();
  EXPECT_EQ(Me("debrief_session=" + session->session_token), 200u);
  core::User disabled = *created;
  disabled.disabled = true;
  server_.OnServerThread([&]() { session = authenticator.StartSession(disabled); });
  EXPECT_FALSE(session) << "no session for a disabled user";
}

// Colleagues behind one proxy share its address: one person's typos lock out no one else.
TEST_F(SignInTest, AnOfficeBehindOneAddressKeepsSigningIn) {
  server_.SetPassword(server_.bob(), "bob's long password");
  http::Authenticator authenticator(server_.store(), server_.clock(), {});
  const std::string proxy = "192.0.2.1";
  for (int person = 0; person < 30; ++person) {
    EXPECT_FALSE(SignInFrom(authenticator, "person" + std::to_string(person) + "@example.com",
                            "typo", proxy));
  }
  EXPECT_TRUE(SignInFrom(authenticator, "bob@example.com", "bob's long password", proxy));
}

TEST_F(SignInTest, ATooManyAnswerSaysWhenToRetry) {
  std::string body = R"({"email":"bob@example.com","password":"guess guess guess"})";
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(server_.Request("POST", "/api/v1/session", {}, body).status, 401u);
  }
  HttpResult throttled = server_.Request("POST", "/api/v1/session", {}, body);
  EXPECT_EQ(throttled.status, 429u);
  EXPECT_EQ(throttled.Header("retry-after"), "2");
}

TEST_F(SignInTest, ANewPasswordOrRoleEndsEverySession) {
  server_.SetPassword(server_.alice(), "correct horse battery");
  std::string laptop = SignIn("alice@example.com", "correct horse battery");
  std::string phone = SignIn("alice@example.com", "correct horse battery");
  ASSERT_EQ(Me(laptop), 200u);
  ASSERT_EQ(Me(phone), 200u);
  // A name change leaves sessions alone.
  ASSERT_EQ(ChangeUser(server_.alice(), R"({"name":"Alice Liddell"})").status, 200u);
  EXPECT_EQ(Me(laptop), 200u);
  ASSERT_EQ(ChangeUser(server_.alice(), R"({"password":"a brand new passphrase"})").status, 200u);
  EXPECT_EQ(Me(laptop), 401u);
  EXPECT_EQ(Me(phone), 401u);
  std::string again = SignIn("alice@example.com", "a brand new passphrase");
  ASSERT_EQ(Me(again), 200u);
  ASSERT_EQ(ChangeUser(server_.alice(), R"({"role":"viewer"})").status, 200u);
  EXPECT_EQ(Me(again), 401u);
}

// Disabling revokes the user's tokens for good: enabling them again must not revive a token
// that may have leaked while they were away.
TEST_F(SignInTest, DisablingEndsSessionsAndRevokesTokensForGood) {
  server_.SetPassword(server_.bob(), "bob's long password");
  std::string session = SignIn("bob@example.com", "bob's long password");
  ASSERT_EQ(Me(session), 200u);
  ASSERT_EQ(server_.Get("/api/v1/me", server_.bob()).status, 200u);
  ASSERT_EQ(ChangeUser(server_.bob(), R"({"disabled":true})").status, 200u);
  EXPECT_EQ(Me(session), 401u);
  EXPECT_EQ(server_.Get("/api/v1/me", server_.bob()).status, 401u);
  ASSERT_EQ(ChangeUser(server_.bob(), R"({"disabled":false})").status, 200u);
  EXPECT_EQ(Me(session), 401u);
  EXPECT_EQ(server_.Get("/api/v1/me", server_.bob()).status, 401u);
  EXPECT_NE(SignIn("bob@example.com", "bob's long password"), "");
}

// argon2id takes 100-250 ms: on the event loop, every request behind a sign-in waited for it.
TEST_F(SignInTest, NobodyWaitsWhileAPasswordIsHashed) {
  server_.SetPassword(server_.alice(), "correct horse battery");
  std::atomic<int> order{0};
  int sign_in_finished = 0;
  std::thread signing_in([&]() {
    SignIn("alice@example.com", "correct horse battery");
    sign_in_finished = ++order;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // The hash is being computed.
  EXPECT_EQ(server_.Request("GET", "/healthz").status, 200u);
  int health_finished = ++order;
  signing_in.join();
  EXPECT_LT(health_finished, sign_in_finished);
}

// Behind a proxy every request comes from the proxy: its X-Forwarded-For tells the people apart,
// but only when the proxy is trusted; a client cannot name its own address.
TEST(SignInBehindAProxy, BackOffFollowsTheForwardedAddressOfATrustedProxy) {
  const std::string wrong = R"({"email":"alice@example.com","password":"guess guess guess"})";
  for (bool trusted : {true, false}) {
    TestServer server(10'000,
                      trusted ? std::vector<std::string>{"127.0.0.1"} : std::vector<std::string>{});
    server.SetPassword(server.alice(), "correct horse battery");
    for (int attempt = 0; attempt < 5; ++attempt) {
      EXPECT_EQ(server
                    .Request("POST", "/api/v1/session", {}, wrong,
                             {{"X-Forwarded-For", "198.51.100.77, 203.0.113.9"}})
                    .status,
                401u);
    }
    HttpResult owner =
        server.Request("POST", "/api/v1/session", {},
                       R"({"email":"alice@example.com","password":"correct horse battery"})",
                       {{"X-Forwarded-For", "192.0.2.44"}});
    // Trusted: Alice, from her own address, signs in. Untrusted: everyone is the proxy.
    EXPECT_EQ(owner.status, trusted ? 201u : 429u) << trusted;
  }
}

TEST_F(SignInTest, AnAdminCannotDemoteThemselvesAndIsToldWhy) {
  HttpResult refused = ChangeUser(server_.admin(), R"({"role":"member"})");
  EXPECT_EQ(refused.status, 409u) << refused.body;
}

}  // namespace
}  // namespace debrief::testing
