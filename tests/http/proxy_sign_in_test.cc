// Signing in through an authenticating reverse proxy: a real HAProxy in front of the server
// checks people's passwords (its userlist) and names them in X-Forwarded-Email, their names and
// groups in headers of their own. The proxy connects from 127.0.0.2, the one address debrief
// believes the header from; everyone else, writing the header themselves from 127.0.0.1, is
// refused. Writes through the proxy must come from debrief's own pages.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "security/token.h"
#include "support/haproxy.h"
#include "support/test_server.h"

namespace debrief::testing {
namespace {

using ::testing::HasSubstr;

struct Answer {
  unsigned status = 0;
  std::string head;
  std::string body;
};

class ProxySignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = Haproxy::Unavailable()) GTEST_SKIP() << *why;
    server_ = std::make_unique<TestServer>(
        10'000, std::vector<std::string>{}, 1024 * 1024, nullptr,
        [](http::Authenticator::Options& options) {
          http::ProxySignIn proxy;
          proxy.email_header = "x-forwarded-email";
          proxy.name_header = "x-forwarded-name";
          proxy.groups_header = "x-forwarded-groups";
          proxy.addresses = {"127.0.0.2"};
          proxy.policy.group_roles = *app::auth::ParseGroupRoles("debrief-admins=admin,sre=member");
          proxy.policy.allowed_email_domains = {"example.com"};
          proxy.sign_out_url = "/oauth2/sign_out";
          options.proxy = std::move(proxy);
        });
    folder_ = std::filesystem::temp_directory_path() /
              ("debrief-proxy-sign-in-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder_);
    std::ofstream(folder_ / "names.map") << "ana@example.com Ana Pereira\n"
                                            "ben@example.com Ben Okafor\n";
    std::ofstream(folder_ / "groups.map") << "ana@example.com debrief-admins,sre\n"
                                             "ben@example.com sre\n"
                                             "cleo@example.com marketing\n"
                                             "dan@elsewhere.example sre\n";
    uint16_t port = Haproxy::FreePort();
    std::string config =
        "global\n"
        "  maxconn 200\n"
        "defaults\n"
        "  mode http\n"
        "  timeout connect 5s\n"
        "  timeout client 30s\n"
        "  timeout server 30s\n"
        "userlist people\n"
        "  user ana@example.com insecure-password ana-pw\n"
        "  user ben@example.com insecure-password ben-pw\n"
        "  user cleo@example.com insecure-password cleo-pw\n"
        "  user dan@elsewhere.example insecure-password dan-pw\n"
        "frontend people_in\n"
        "  bind 127.0.0.1:" +
        std::to_string(port) +
        "\n"
        // What a client wrote itself in these headers never reaches debrief.
        "  http-request del-header X-Forwarded-Email\n"
        "  http-request del-header X-Forwarded-Name\n"
        "  http-request del-header X-Forwarded-Groups\n"
        "  http-request auth realm debrief unless { http_auth(people) }\n"
        "  http-request set-header X-Forwarded-Email %[http_auth_user]\n"
        "  http-request set-header X-Forwarded-Name %[http_auth_user,map(" +
        (folder_ / "names.map").string() +
        ")]\n"
        "  http-request set-header X-Forwarded-Groups %[http_auth_user,map(" +
        (folder_ / "groups.map").string() +
        ")]\n"
        "  http-request del-header Authorization\n"
        "  default_backend debrief\n"
        "backend debrief\n"
        "  server debrief 127.0.0.1:" +
        std::to_string(server_->port()) + " source 127.0.0.2\n";
    proxy_ = std::make_unique<Haproxy>(folder_, config, port);
    ASSERT_TRUE(proxy_->running());
  }
  void TearDown() override {
    proxy_.reset();
    server_.reset();
    std::filesystem::remove_all(folder_);
  }

  // A request through the proxy as `person` (user:password; empty: no credentials).
  Answer Through(const std::string& method, const std::string& target, const std::string& person,
                 const std::string& extra_headers = {}, const std::string& body = {}) {
    RawClient client(proxy_->port());
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + Host() +
                          "\r\nConnection: close\r\n" + extra_headers;
    if (!person.empty()) request += "Authorization: Basic " + security::Base64(person) + "\r\n";
    if (!body.empty()) {
      request +=
          "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\n";
    }
    client.Send(request + "\r\n" + body);
    std::string raw = client.ReceiveAll();
    Answer answer;
    if (raw.size() > 12) answer.status = static_cast<unsigned>(std::stoi(raw.substr(9, 3)));
    size_t end = raw.find("\r\n\r\n");
    answer.head = raw.substr(0, end);
    if (end != std::string::npos) answer.body = raw.substr(end + 4);
    return answer;
  }
  std::string Host() const { return "127.0.0.1:" + std::to_string(proxy_->port()); }
  boost::json::value Me(const std::string& person) {
    Answer me = Through("GET", "/api/v1/me", person);
    EXPECT_EQ(me.status, 200u) << me.body;
    return me.status == 200 ? boost::json::parse(me.body) : boost::json::value();
  }

  std::filesystem::path folder_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Haproxy> proxy_;
};

TEST_F(ProxySignInTest, ThePersonTheProxyNamesIsSignedInWithTheRoleTheirGroupsGive) {
  boost::json::value ana = Me("ana@example.com:ana-pw");
  ASSERT_TRUE(ana.is_object());
  EXPECT_EQ(ana.at("email").as_string(), "ana@example.com");
  EXPECT_EQ(ana.at("name").as_string(), "Ana Pereira");
  EXPECT_EQ(ana.at("role").as_string(), "admin");
  EXPECT_EQ(ana.at("sign_out_url").as_string(), "/oauth2/sign_out");
  EXPECT_FALSE(ana.as_object().contains("csrf_token")) << "no session here";
  boost::json::value again = Me("ana@example.com:ana-pw");
  EXPECT_EQ(again.at("id").as_int64(), ana.at("id").as_int64()) << "created once";
  boost::json::value ben = Me("ben@example.com:ben-pw");
  EXPECT_EQ(ben.at("role").as_string(), "member");
  // People the proxy has not vouched for never reach debrief.
  Answer nobody = Through("GET", "/api/v1/me", "");
  EXPECT_EQ(nobody.status, 401u);
  EXPECT_THAT(nobody.head, HasSubstr("Basic realm"));
  EXPECT_EQ(Through("GET", "/api/v1/me", "ana@example.com:wrong").status, 401u);
}

TEST_F(ProxySignInTest, TheHeaderIsBelievedFromTheProxyAlone) {
  // Straight to debrief from 127.0.0.1, naming the admin: refused, not ignored.
  HttpResult forged =
      server_->Request("GET", "/api/v1/me", {}, {}, {{"X-Forwarded-Email", "admin@example.com"}});
  EXPECT_EQ(forged.status, 401u);
  EXPECT_THAT(forged.body, HasSubstr("believed only from the sign-in proxy"));
  // Through the proxy, what the client wrote is replaced by whom the proxy checked.
  boost::json::value me = Me("ben@example.com:ben-pw");
  Answer through = Through("GET", "/api/v1/me", "ben@example.com:ben-pw",
                           "X-Forwarded-Email: admin@example.com\r\n"
                           "X-Forwarded-Groups: debrief-admins\r\n");
  ASSERT_EQ(through.status, 200u);
  EXPECT_EQ(boost::json::parse(through.body).at("email").as_string(), "ben@example.com");
  EXPECT_EQ(boost::json::parse(through.body).at("role").as_string(), "member");
  // API tokens straight to debrief are unaffected.
  EXPECT_EQ(server_->Get("/api/v1/me", server_->alice()).status, 200u);
}

TEST_F(ProxySignInTest, WritesThroughTheProxyMustComeFromDebriefsOwnPages) {
  const std::string incident = R"({"title":"Checkout errors","severity":"SEV2"})";
  Answer other_site = Through("POST", "/api/v1/incidents", "ben@example.com:ben-pw",
                              "Origin: https://attacker.example\r\n", incident);
  EXPECT_EQ(other_site.status, 403u) << other_site.body;
  EXPECT_THAT(other_site.body, HasSubstr("another site"));
  Answer cross_site = Through("POST", "/api/v1/incidents", "ben@example.com:ben-pw",
                              "Sec-Fetch-Site: cross-site\r\n", incident);
  EXPECT_EQ(cross_site.status, 403u);
  Answer own_page =
      Through("POST", "/api/v1/incidents", "ben@example.com:ben-pw",
              "Origin: http://" + Host() + "\r\nSec-Fetch-Site: same-origin\r\n", incident);
  EXPECT_EQ(own_page.status, 201u) << own_page.body;
  // Nothing says where it comes from (an old browser, a form made to look like JSON): refused;
  // scripts use API tokens.
  Answer unknown = Through("POST", "/api/v1/incidents", "ben@example.com:ben-pw", {}, incident);
  EXPECT_EQ(unknown.status, 403u) << unknown.body;
  EXPECT_THAT(unknown.body, HasSubstr("debrief's own pages"));
  Answer fetch_metadata = Through("POST", "/api/v1/incidents", "ben@example.com:ben-pw",
                                  "Sec-Fetch-Site: same-origin\r\n", incident);
  EXPECT_EQ(fetch_metadata.status, 201u) << fetch_metadata.body;
}

TEST_F(ProxySignInTest, PeopleThePolicyKeepsOutAreToldWhy) {
  Answer cleo = Through("GET", "/api/v1/me", "cleo@example.com:cleo-pw");
  EXPECT_EQ(cleo.status, 403u);
  EXPECT_THAT(cleo.body, HasSubstr("none of your groups"));
  Answer dan = Through("GET", "/api/v1/me", "dan@elsewhere.example:dan-pw");
  EXPECT_EQ(dan.status, 403u);
  EXPECT_THAT(dan.body, HasSubstr("addresses at elsewhere.example may not sign in"));

  // Disabled here, the proxy's word does not bring them back.
  int64_t ben = Me("ben@example.com:ben-pw").at("id").as_int64();
  boost::json::value users = server_->Get("/api/v1/users", server_->admin()).Json();
  int64_t version = 0;
  for (const auto& user : users.at("items").as_array()) {
    if (user.at("id").as_int64() == ben) version = user.at("version").as_int64();
  }
  ASSERT_EQ(server_
                ->Patch("/api/v1/users/" + std::to_string(ben), server_->admin(),
                        {{"disabled", true}}, version)
                .status,
            200u);
  Answer disabled = Through("GET", "/api/v1/me", "ben@example.com:ben-pw");
  EXPECT_EQ(disabled.status, 403u);
  EXPECT_THAT(disabled.body, HasSubstr("disabled"));
}

}  // namespace
}  // namespace debrief::testing
