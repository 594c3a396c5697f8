// GET /incidents/{key}/page answers, in one request, what the incident's own routes answer the
// same caller one by one: the same records, the same private accounts left out, the same
// anonymised view, the same errors.
#include <gtest/gtest.h>

#include <string>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;
using testing::TestUser;

class IncidentPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(
        server_.alice(),
        {{"title", "Pool exhausted after Priya's change"}, {"summary", "Alice paged Bob."}});
    base_ = "/api/v1/incidents/" + key_;
    ASSERT_EQ(server_
                  .Post(base_ + "/participants", server_.alice(),
                        {{"name", "Priya Raman"}, {"role", "on_call"}})
                  .status,
              201u);
    // Alice's account stays private; Bob's is released for the review.
    HttpResult mine = server_.Post(base_ + "/accounts", server_.alice(),
                                   {{"narrative", "Private words of Alice"}});
    ASSERT_EQ(mine.status, 201u) << mine.body;
    HttpResult bobs =
        server_.Post(base_ + "/accounts", server_.bob(), {{"narrative", "Bob asked Priya."}});
    ASSERT_EQ(bobs.status, 201u) << bobs.body;
    ASSERT_EQ(server_
                  .Patch(base_ + "/accounts/" + std::to_string(bobs.Json().at("id").as_int64()),
                         server_.bob(), {{"visibility", "in_review"}}, 1)
                  .status,
              200u);
  }

  void ExpectPageIsItsParts(const TestUser& user, const std::string& query = "") {
    HttpResult page = server_.Get(base_ + "/page" + query, user);
    ASSERT_EQ(page.status, 200u) << page.body;
    bj::value body = page.Json();
    EXPECT_EQ(body.at("incident"), server_.Get(base_ + query, user).Json());
    for (const char* part : {"participants", "accounts", "imports", "audiences"}) {
      EXPECT_EQ(body.at(part), server_.Get(base_ + "/" + part + query, user).Json())
          << part << " for user " << user.id;
    }
  }

  TestServer server_;
  std::string key_;
  std::string base_;
};

TEST_F(IncidentPageTest, IsWhatEachRouteAnswersTheSameCaller) {
  ExpectPageIsItsParts(server_.alice());
  ExpectPageIsItsParts(server_.bob());
  ExpectPageIsItsParts(server_.admin());
  ExpectPageIsItsParts(server_.viewer());
  ExpectPageIsItsParts(server_.alice(), "?anonymised=true");
}

TEST_F(IncidentPageTest, KeepsPrivateAccountsAndNamesFromThoseWhoMayNotRead) {
  HttpResult for_bob = server_.Get(base_ + "/page", server_.bob());
  ASSERT_EQ(for_bob.status, 200u);
  EXPECT_EQ(for_bob.body.find("Private words of Alice"), std::string::npos);
  EXPECT_NE(for_bob.body.find("Bob asked Priya."), std::string::npos);
  HttpResult for_alice = server_.Get(base_ + "/page", server_.alice());
  EXPECT_NE(for_alice.body.find("Private words of Alice"), std::string::npos);

  HttpResult for_viewer = server_.Get(base_ + "/page", server_.viewer());
  ASSERT_EQ(for_viewer.status, 200u) << for_viewer.body;
  EXPECT_EQ(for_viewer.Header("debrief-anonymised"), "true");
  for (const char* name : {"Priya", "Alice", "Bob"}) {
    EXPECT_EQ(for_viewer.body.find(name), std::string::npos) << name;
  }
}

TEST_F(IncidentPageTest, FailsAsTheIncidentWould) {
  EXPECT_EQ(server_.Get("/api/v1/incidents/INC-2026-9999/page", server_.alice()).status, 404u);
  EXPECT_EQ(server_.Get(base_ + "/page?anonymised=maybe", server_.alice()).status, 400u);
  EXPECT_EQ(server_.Request("GET", base_ + "/page", "", "").status, 401u);
}

}  // namespace
}  // namespace debrief::http
