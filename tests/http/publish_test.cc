// Publishing on the real server: what blocks it, acknowledging language findings, immutable
// numbered versions, and the unhappy paths (stale version, viewers, missing If-Match).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

class PublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice(), {{"title", "Queue backlog"},
                                                    {"status", "resolved"},
                                                    {"started_at", "2026-03-14T10:00:00Z"},
                                                    {"resolved_at", "2026-03-14T11:00:00Z"}});
    base_ = "/api/v1/incidents/" + key_;
    HttpResult account =
        server_.Post(base_ + "/accounts", server_.alice(), {{"narrative", "I saw the backlog."}});
    ASSERT_EQ(account.status, 201u) << account.body;
    account_path_ = base_ + "/accounts/" + std::to_string(account.Json().at("id").as_int64());
  }

  int64_t IncidentVersion() {
    return server_.Get(base_, server_.alice()).Json().at("version").as_int64();
  }

  HttpResult Publish(const std::string& body, std::optional<int64_t> version,
                     const testing::TestUser* user = nullptr) {
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (version) headers["If-Match"] = std::to_string(*version);
    return server_.Request("POST", base_ + "/publish", (user ? *user : server_.alice()).token, body,
                           headers);
  }

  void Release() {
    int64_t version = server_.Get(account_path_, server_.alice()).Json().at("version").as_int64();
    ASSERT_EQ(server_.Patch(account_path_, server_.alice(), {{"visibility", "in_review"}}, version)
                  .status,
              200u);
  }

  // A lesson whose body asserts a single root cause: one finding for the publish check.
  void AddRootCauseLesson() {
    HttpResult lesson =
        server_.Post(base_ + "/lessons", server_.alice(),
                     {{"title", "Pools"}, {"body", "The root cause was the pool size."}});
    ASSERT_EQ(lesson.status, 201u) << lesson.body;
  }

  TestServer server_;
  std::string key_;
  std::string base_;
  std::string account_path_;
};

TEST(Publish, AnOngoingIncidentIsNotPublished) {
  TestServer server;
  std::string key = server.CreateIncident(server.alice(), {{"title", "Still burning"}});
  std::string base = "/api/v1/incidents/" + key;
  EXPECT_FALSE(server.Get(base + "/publish", server.alice()).Json().at("resolved").as_bool());
  HttpResult result = server.Request("POST", base + "/publish", server.alice().token, "{}",
                                     {{"Content-Type", "application/json"}, {"If-Match", "1"}});
  EXPECT_EQ(result.status, 409u) << result.body;
  EXPECT_NE(result.body.find("not resolved"), std::string::npos);
}

TEST_F(PublishTest, AnUnreleasedAccountBlocksPublishingAndIsNamed) {
  bj::value check = server_.Get(base_ + "/publish", server_.alice()).Json();
  EXPECT_FALSE(check.at("ready").as_bool());
  ASSERT_EQ(check.at("unreleased_accounts").as_array().size(), 1u);
  EXPECT_EQ(check.at("unreleased_accounts").at(0).at("participant").as_string(), "Alice");
  EXPECT_EQ(check.at("unreleased_accounts").at(0).at("visibility").as_string(), "private");
  // Viewers read the same list anonymised.
  bj::value anonymised = server_.Get(base_ + "/publish", server_.viewer()).Json();
  EXPECT_EQ(anonymised.at("unreleased_accounts").at(0).at("participant").as_string(), "Responder");
  HttpResult blocked = Publish("{}", IncidentVersion());
  EXPECT_EQ(blocked.status, 409u) << blocked.body;
  EXPECT_NE(blocked.body.find("neither released"), std::string::npos);
  // Nothing was published.
  EXPECT_TRUE(
      server_.Get(base_ + "/versions", server_.alice()).Json().at("items").as_array().empty());
}

// Whose released accounts tell of each key moment: the facilitator's hint, no one else's.
TEST_F(PublishTest, TheFacilitatorSeesWhoseAccountsTellOfEachKeyMoment) {
  HttpResult entry =
      server_.Post(account_path_ + "/entries", server_.alice(),
                   {{"at", "2026-03-14T10:05:00Z"}, {"did", "Looked at the consumer lag"}});
  ASSERT_EQ(entry.status, 201u) << entry.body;
  Release();
  ASSERT_EQ(server_
                .Post(base_ + "/participants", server_.alice(),
                      {{"user_id", server_.bob().id}, {"role", "responder"}})
                .status,
            201u);
  ASSERT_EQ(
      server_
          .Patch(base_, server_.alice(), {{"facilitator_id", server_.bob().id}}, IncidentVersion())
          .status,
      200u);
  bj::value check = server_.Get(base_ + "/publish", server_.bob()).Json();
  ASSERT_TRUE(check.as_object().contains("coverage")) << check;
  const bj::array& coverage = check.at("coverage").as_array();
  ASSERT_EQ(coverage.size(), 2u);  // Started and resolved are set.
  EXPECT_EQ(coverage[0].at("moment").as_string(), "started");
  EXPECT_EQ(coverage[0].at("told").as_int64(), 1);  // Alice's 10:05 entry; Bob wrote nothing.
  EXPECT_EQ(coverage[0].at("involved").as_int64(), 2);
  EXPECT_EQ(coverage[1].at("told").as_int64(), 0);  // Nobody wrote of 11:00.
  // A hand-off Alice tells of, which Bob's side does not.
  ASSERT_EQ(server_
                .Post(account_path_ + "/entries", server_.alice(),
                      {{"at", "2026-03-14T10:30:00Z"}, {"did", "Handed the incident over to Bob"}})
                .status,
            201u);
  check = server_.Get(base_ + "/publish", server_.bob()).Json();
  ASSERT_EQ(check.at("coverage").as_array().size(), 3u) << check;
  const bj::value& hand_off = check.at("coverage").at(2);
  EXPECT_EQ(hand_off.at("moment").as_string(), "hand_off");
  EXPECT_EQ(hand_off.at("between").as_string(), "Alice \u2192 Bob");
  EXPECT_EQ(hand_off.at("involved").as_int64(), 2);
  EXPECT_EQ(hand_off.at("told").as_int64(), 1);
  // Not for anyone else, and not in the anonymised view.
  EXPECT_FALSE(
      server_.Get(base_ + "/publish", server_.alice()).Json().as_object().contains("coverage"));
  EXPECT_FALSE(
      server_.Get(base_ + "/publish", server_.viewer()).Json().as_object().contains("coverage"));
  EXPECT_FALSE(server_.Get(base_ + "/publish?anonymised=true", server_.bob())
                   .Json()
                   .as_object()
                   .contains("coverage"));
}

TEST_F(PublishTest, LanguageFindingsMustBeAcknowledgedNotSilentlyIgnored) {
  Release();
  AddRootCauseLesson();
  bj::value check = server_.Get(base_ + "/publish", server_.alice()).Json();
  EXPECT_TRUE(check.at("ready").as_bool());
  ASSERT_EQ(check.at("findings").as_array().size(), 1u);
  EXPECT_EQ(check.at("findings").at(0).at("record").as_string(), "lesson");
  EXPECT_EQ(check.at("findings").at(0).at("rule").as_string(), "root-cause");

  HttpResult unacknowledged = Publish("{}", IncidentVersion());
  EXPECT_EQ(unacknowledged.status, 409u);
  EXPECT_NE(unacknowledged.body.find("acknowledge_findings"), std::string::npos);
  HttpResult published = Publish(R"({"acknowledge_findings": true})", IncidentVersion());
  ASSERT_EQ(published.status, 201u) << published.body;
  EXPECT_EQ(published.Json().at("number").as_int64(), 1);
  EXPECT_EQ(published.Json().at("acknowledged_findings").as_int64(), 1);
  EXPECT_EQ(published.Header("location"), base_ + "/versions/1");
  EXPECT_EQ(server_.Get(base_, server_.alice()).Json().at("review_status").as_string(),
            "published");
}

// "Not blame here" from the publish check: the finding is named by where it is, the server
// finds its text, and the check no longer lists it — nor asks to acknowledge it.
TEST_F(PublishTest, AFindingTheCheckListsCanBeDismissedThere) {
  Release();
  AddRootCauseLesson();
  bj::value check = server_.Get(base_ + "/publish", server_.alice()).Json();
  ASSERT_EQ(check.at("findings").as_array().size(), 1u);
  const bj::object& finding = check.at("findings").at(0).as_object();
  bj::object dismissal{{"record", finding.at("record")}, {"record_id", finding.at("record_id")},
                       {"field", finding.at("field")},   {"rule", finding.at("rule")},
                       {"start", finding.at("start")},   {"end", finding.at("end")}};
  std::string path = base_ + "/publish/dismissals";
  EXPECT_EQ(server_.Post(path, server_.viewer(), dismissal).status, 403u);
  bj::object elsewhere = dismissal;
  elsewhere["record_id"] = finding.at("record_id").as_int64() + 100;
  EXPECT_EQ(server_.Post(path, server_.alice(), elsewhere).status, 400u);
  bj::object other_rule = dismissal;
  other_rule["rule"] = "human-error";
  EXPECT_EQ(server_.Post(path, server_.alice(), other_rule).status, 400u);
  bj::object past_end = dismissal;
  past_end["end"] = 5000;
  EXPECT_EQ(server_.Post(path, server_.alice(), past_end).status, 400u);
  bj::object untyped = dismissal;
  untyped["record_id"] = "1";
  EXPECT_EQ(server_.Post(path, server_.alice(), untyped).status, 400u);
  EXPECT_EQ(
      server_.Get(base_ + "/publish", server_.alice()).Json().at("findings").as_array().size(), 1u);

  HttpResult dismissed = server_.Post(path, server_.bob(), dismissal);
  ASSERT_EQ(dismissed.status, 201u) << dismissed.body;
  EXPECT_EQ(dismissed.Json().at("rule").as_string(), "root-cause");
  EXPECT_EQ(server_.Post(path, server_.bob(), dismissal).status, 200u);
  check = server_.Get(base_ + "/publish", server_.alice()).Json();
  EXPECT_TRUE(check.at("findings").as_array().empty()) << bj::serialize(check);
  HttpResult published = Publish("{}", IncidentVersion());
  ASSERT_EQ(published.status, 201u) << published.body;
}

TEST_F(PublishTest, VersionsAreNumberedAndStayAsTheyWerePublished) {
  Release();
  ASSERT_EQ(Publish("{}", IncidentVersion()).status, 201u);
  // A later edit, then a second publish.
  ASSERT_EQ(server_
                .Post(base_ + "/lessons", server_.alice(),
                      {{"title", "Alert on queue age"}, {"body", "Age tells more than depth."}})
                .status,
            201u);
  HttpResult second = Publish("{}", IncidentVersion());
  ASSERT_EQ(second.status, 201u) << second.body;
  EXPECT_EQ(second.Json().at("number").as_int64(), 2);

  bj::value list = server_.Get(base_ + "/versions", server_.viewer()).Json();
  ASSERT_EQ(list.at("items").as_array().size(), 2u);
  EXPECT_EQ(list.at("items").at(0).at("number").as_int64(), 2);  // Newest first.
  bj::value first = server_.Get(base_ + "/versions/1", server_.alice()).Json();
  EXPECT_TRUE(first.at("review").at("lessons").as_array().empty());
  EXPECT_EQ(first.at("review").at("accounts").at(0).at("narrative").as_string(),
            "I saw the backlog.");
  bj::value latest = server_.Get(base_ + "/versions/2", server_.alice()).Json();
  EXPECT_EQ(latest.at("review").at("lessons").as_array().size(), 1u);
  EXPECT_EQ(server_.Get(base_ + "/versions/3", server_.alice()).status, 404u);

  // The diff names what changed between the two: the lesson added after version 1.
  bj::value diff = server_.Get(base_ + "/versions/2/diff", server_.alice()).Json();
  EXPECT_EQ(diff.at("from").as_int64(), 1);
  const bj::array& changes = diff.at("changes").as_array();
  ASSERT_EQ(changes.size(), 1u) << diff;
  EXPECT_EQ(changes.at(0).at("section").as_string(), "lessons");
  EXPECT_EQ(changes.at(0).at("change").as_string(), "added");
  EXPECT_EQ(changes.at(0).at("record").at("title").as_string(), "Alert on queue age");
  // Backwards, it was removed; version 1 against nothing is all additions.
  bj::value backwards = server_.Get(base_ + "/versions/1/diff?against=2", server_.alice()).Json();
  EXPECT_EQ(backwards.at("changes").at(0).at("change").as_string(), "removed");
  bj::value from_nothing = server_.Get(base_ + "/versions/1/diff", server_.alice()).Json();
  EXPECT_TRUE(from_nothing.at("from").is_null());
  EXPECT_GE(from_nothing.at("changes").as_array().size(), 3u);  // Incident, person, account.
  EXPECT_EQ(server_.Get(base_ + "/versions/2/diff?against=x", server_.alice()).status, 400u);
  EXPECT_EQ(server_.Get(base_ + "/versions/2/diff?against=9", server_.alice()).status, 404u);
  EXPECT_EQ(server_.Get(base_ + "/versions/x", server_.alice()).status, 404u);
}

TEST_F(PublishTest, UnhappyPaths) {
  Release();
  HttpResult stale = Publish("{}", IncidentVersion() + 5);
  EXPECT_EQ(stale.status, 412u) << stale.body;
  HttpResult unversioned = Publish("{}", std::nullopt);
  EXPECT_EQ(unversioned.status, 400u) << unversioned.body;
  EXPECT_NE(unversioned.body.find("If-Match"), std::string::npos);
  EXPECT_EQ(Publish("{}", IncidentVersion(), &server_.viewer()).status, 403u);
  EXPECT_EQ(Publish(R"({"acknowledge_findings": "yes"})", IncidentVersion()).status, 400u);
  EXPECT_EQ(Publish(R"({"acknowledge": true})", IncidentVersion()).status, 400u);
  EXPECT_EQ(Publish("not json", IncidentVersion()).status, 400u);
  EXPECT_TRUE(
      server_.Get(base_ + "/versions", server_.alice()).Json().at("items").as_array().empty());
  // The status cannot be set by hand, which would skip the checks and the frozen version.
  HttpResult by_hand =
      server_.Patch(base_, server_.alice(), {{"review_status", "published"}}, IncidentVersion());
  EXPECT_EQ(by_hand.status, 409u) << by_hand.body;
  EXPECT_NE(by_hand.body.find("review_status"), std::string::npos);
  // Once published, an account can no longer be withdrawn from the review.
  ASSERT_EQ(Publish("{}", IncidentVersion()).status, 201u);
  int64_t version = server_.Get(account_path_, server_.alice()).Json().at("version").as_int64();
  EXPECT_EQ(server_.Delete(account_path_, server_.alice(), version).status, 409u);
}

TEST_F(PublishTest, AnOldVersionReadsAsItWasPublished) {
  Release();
  ASSERT_EQ(Publish("{}", IncidentVersion()).status, 201u);
  ASSERT_EQ(server_.Post(base_ + "/lessons", server_.alice(), {{"title", "Added later"}}).status,
            201u);
  ASSERT_EQ(Publish("{}", IncidentVersion()).status, 201u);
  HttpResult first = server_.Get(base_ + "/versions/1/export", server_.alice());
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(first.Header("content-disposition"), "inline; filename=\"" + key_ + "-v1.html\"");
  EXPECT_THAT(first.Header("content-security-policy"), ::testing::HasSubstr("default-src 'none'"));
  EXPECT_THAT(first.body, ::testing::HasSubstr("Queue backlog"));
  EXPECT_THAT(first.body, ::testing::HasSubstr("I saw the backlog."));
  EXPECT_EQ(first.body.find("Added later"), std::string::npos);
  EXPECT_THAT(server_.Get(base_ + "/versions/2/export?format=md", server_.alice()).body,
              ::testing::HasSubstr("Added later"));
  // Viewers read it anonymised, like everything else.
  HttpResult anonymised = server_.Get(base_ + "/versions/1/export", server_.viewer());
  ASSERT_EQ(anonymised.status, 200u);
  EXPECT_EQ(anonymised.body.find("Alice"), std::string::npos);
  EXPECT_EQ(anonymised.Header("debrief-anonymised"), "true");
  EXPECT_EQ(server_.Get(base_ + "/versions/3/export", server_.alice()).status, 404u);
  EXPECT_EQ(server_.Get(base_ + "/versions/1/export?format=json", server_.alice()).status, 400u);
  EXPECT_EQ(server_.Request("GET", base_ + "/versions/1/export").status, 401u);
}

}  // namespace
}  // namespace debrief::http
