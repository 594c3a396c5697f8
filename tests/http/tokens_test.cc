// API tokens over HTTP: people list and revoke their own, admins anyone's; a revoked token is
// refused on the very next request; tokens can expire.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;
using testing::HttpResult;
using testing::TestServer;

class TokensTest : public ::testing::Test {
 protected:
  // A new token for `user`, as its secret and id.
  std::pair<std::string, int64_t> Create(const testing::TestUser& user, bj::object body) {
    HttpResult created = server_.Post("/api/v1/me/tokens", user, body);
    EXPECT_EQ(created.status, 201u) << created.body;
    bj::value json = created.Json();
    return {std::string(json.at("token").as_string()), json.at("id").as_int64()};
  }

  TestServer server_;
};

TEST_F(TokensTest, Issue19PeopleListAndRevokeTheirOwnTokens) {
  auto [secret, id] = Create(server_.bob(), {{"name", "ci job"}, {"expires_in_days", 30}});
  ASSERT_EQ(server_.Request("GET", "/api/v1/me", secret).status, 200u);
  HttpResult listed = server_.Get("/api/v1/me/tokens", server_.bob());
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed.body.find("token_hash"), std::string::npos) << "hashes stay inside";
  EXPECT_EQ(listed.body.find(secret), std::string::npos) << "the secret is shown once";
  bool found = false;
  bj::value listed_body = listed.Json();
  for (const bj::value& token : listed_body.at("items").as_array()) {
    EXPECT_EQ(token.at("user_id").as_int64(), server_.bob().id);
    if (token.at("id").as_int64() != id) continue;
    found = true;
    EXPECT_EQ(token.at("name").as_string(), "ci job");
    EXPECT_EQ(token.at("state").as_string(), "active");
    EXPECT_EQ(token.at("expires_at").as_string(), "2026-04-13T12:00:00Z");
  }
  EXPECT_TRUE(found);

  HttpResult revoked =
      server_.Request("DELETE", "/api/v1/tokens/" + std::to_string(id), server_.bob().token);
  ASSERT_EQ(revoked.status, 200u) << revoked.body;
  EXPECT_EQ(revoked.Json().at("state").as_string(), "revoked");
  HttpResult refused = server_.Request("GET", "/api/v1/me", secret);
  EXPECT_EQ(refused.status, 401u);
  EXPECT_NE(refused.body.find("revoked"), std::string::npos) << refused.body;
}

TEST_F(TokensTest, Issue19AdminsListAndRevokeAnyonesTokensMembersDoNot) {
  auto [secret, id] = Create(server_.alice(), {{"name", "laptop"}});
  std::string path = "/api/v1/tokens/" + std::to_string(id);
  EXPECT_EQ(server_.Request("DELETE", path, server_.bob().token).status, 404u);
  EXPECT_EQ(server_.Request("DELETE", path, server_.viewer().token).status, 404u);
  EXPECT_EQ(server_.Get("/api/v1/tokens", server_.alice()).status, 403u);
  EXPECT_EQ(server_.Request("GET", "/api/v1/me", secret).status, 200u);

  HttpResult all =
      server_.Get("/api/v1/tokens?user=" + std::to_string(server_.alice().id), server_.admin());
  ASSERT_EQ(all.status, 200u) << all.body;
  bool listed = false;
  bj::value all_body = all.Json();
  for (const bj::value& token : all_body.at("items").as_array()) {
    EXPECT_EQ(token.at("user_id").as_int64(), server_.alice().id);
    listed = listed || token.at("id").as_int64() == id;
    EXPECT_EQ(token.at("user").at("email").as_string(), "alice@example.com");
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(server_.Request("DELETE", path, server_.admin().token).status, 200u);
  EXPECT_EQ(server_.Request("GET", "/api/v1/me", secret).status, 401u);
}

TEST_F(TokensTest, Issue19TokensExpire) {
  auto [secret, id] = Create(server_.viewer(), {{"name", "report"}, {"expires_in_days", 1}});
  EXPECT_EQ(server_.Request("GET", "/api/v1/incidents", secret).status, 200u);
  server_.clock().Advance(24h);
  HttpResult refused = server_.Request("GET", "/api/v1/incidents", secret);
  EXPECT_EQ(refused.status, 401u);
  EXPECT_NE(refused.body.find("expired"), std::string::npos) << refused.body;
  HttpResult listed = server_.Get("/api/v1/me/tokens", server_.viewer());
  bj::value listed_body = listed.Json();
  for (const bj::value& token : listed_body.at("items").as_array()) {
    if (token.at("id").as_int64() == id) {
      EXPECT_EQ(token.at("state").as_string(), "expired");
    }
  }
}

TEST_F(TokensTest, BadTokenRequestsAreRefusedWithTheField) {
  for (const bj::object& body :
       {bj::object{{"name", ""}}, bj::object{{"name", std::string(101, 'x')}},
        bj::object{{"name", "x"}, {"expires_in_days", 0}},
        bj::object{{"name", "x"}, {"expires_in_days", 99999999999}},
        bj::object{{"name", "x"}, {"expires_in_days", "30"}},
        bj::object{{"name", "x"}, {"expires_in_days", 1.5}}, bj::object{{"name", 7}},
        bj::object{{"name", "x"}, {"owner", 1}}}) {
    HttpResult result = server_.Post("/api/v1/me/tokens", server_.alice(), body);
    EXPECT_EQ(result.status, 400u) << bj::serialize(body) << ": " << result.body;
  }
  EXPECT_EQ(server_.Request("DELETE", "/api/v1/tokens/abc", server_.admin().token).status, 404u);
  EXPECT_EQ(server_.Request("DELETE", "/api/v1/tokens/999", server_.admin().token).status, 404u);
  EXPECT_EQ(server_.Get("/api/v1/tokens?user=x", server_.admin()).status, 400u);
  EXPECT_EQ(server_.Request("GET", "/api/v1/me/tokens").status, 401u);
}

}  // namespace
}  // namespace debrief::http
