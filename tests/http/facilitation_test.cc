// The facilitator's questions on the real server: what an incident with released accounts, an
// event and a decision point asks, and who may read it (the facilitator alone; not anonymised).
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

class FacilitationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(
        server_.alice(), {{"title", "Invoice lag"}, {"started_at", "2026-03-14T10:00:00Z"}});
    base_ = "/api/v1/incidents/" + key_;
    HttpResult account =
        server_.Post(base_ + "/accounts", server_.alice(), {{"narrative", "The lag night."}});
    ASSERT_EQ(account.status, 201u) << account.body;
    account_path_ = base_ + "/accounts/" + std::to_string(account.Json().at("id").as_int64());
    Entry({{"at", "2026-03-14T10:05:00Z"},
           {"did", "Restarted the invoice consumers"},
           {"expected", "invoice lag drained within 10 minutes"},
           {"looking_at", "Burrow lag dashboard"}});
    Entry({{"at", "2026-03-14T10:12:00Z"},
           {"saw", "Partition 7 far behind the others"},
           {"assumed", "I knew the lag came from one slow partition"}});
    Entry({{"at", "2026-03-14T10:20:00Z"},
           {"saw", "I should have checked the partition skew panel before restarting"}});
    ASSERT_EQ(server_
                  .Post(base_ + "/events", server_.alice(),
                        {{"at", "2026-03-14T10:40:00Z"},
                         {"kind", "alert"},
                         {"text", "invoice lag still growing: 61k messages"}})
                  .status,
              201u);
    ASSERT_EQ(server_
                  .Post(base_ + "/decisions", server_.alice(),
                        {{"at", "2026-03-14T10:22:00Z"},
                         {"who", "Alice"},
                         {"situation", "Lag growing after the restart"},
                         {"choice", "Pause the backfill"}})
                  .status,
              201u);
    int64_t version = server_.Get(account_path_, server_.alice()).Json().at("version").as_int64();
    ASSERT_EQ(server_.Patch(account_path_, server_.alice(), {{"visibility", "in_review"}}, version)
                  .status,
              200u);
    int64_t incident_version = server_.Get(base_, server_.alice()).Json().at("version").as_int64();
    ASSERT_EQ(
        server_
            .Patch(base_, server_.alice(), {{"facilitator_id", server_.bob().id}}, incident_version)
            .status,
        200u);
  }

  void Entry(bj::object fields) {
    HttpResult entry = server_.Post(account_path_ + "/entries", server_.alice(), fields);
    ASSERT_EQ(entry.status, 201u) << entry.body;
  }

  TestServer server_;
  std::string key_;
  std::string base_;
  std::string account_path_;
};

TEST_F(FacilitationTest, TheFacilitatorGetsAQuestionAtEachItemThatAsksOne) {
  HttpResult result = server_.Get(base_ + "/facilitation", server_.bob());
  ASSERT_EQ(result.status, 200u) << result.body;
  bj::value body = result.Json();
  std::vector<std::string> kinds;
  for (const bj::value& question : body.at("questions").as_array()) {
    kinds.emplace_back(question.at("kind").as_string());
  }
  // 10:05 is a restart with no choice or observation; 10:12 claims to have known; 10:20 is an
  // observation; the decision point has neither options nor pressures.
  EXPECT_EQ(kinds, (std::vector<std::string>{"knew", "observation", "decision"}));
  const bj::value& knew = body.at("questions").at(0);
  EXPECT_EQ(knew.at("field").as_string(), "assumed");
  EXPECT_NE(knew.at("question").as_string().find("Alice wrote \u201cI knew\u201d"),
            bj::string::npos);
  EXPECT_TRUE(body.at("questions").at(2).at("participant_id").is_null());
  EXPECT_EQ(body.at("questions").at(2).at("ref").as_string().subview(0, 9), "decision:");
}

TEST_F(FacilitationTest, AnExpectationWhatFollowedDidNotMeetIsAskedAbout) {
  bj::value body = server_.Get(base_ + "/facilitation", server_.bob()).Json();
  const bj::array& beliefs = body.at("beliefs").as_array();
  ASSERT_EQ(beliefs.size(), 1u) << body;
  EXPECT_EQ(beliefs[0].at("kind").as_string(), "expectation_not_met");
  EXPECT_EQ(beliefs[0].at("second").as_string().subview(0, 6), "event:");
  EXPECT_EQ(beliefs[0].at("question").as_string(),
            "Alice expected \u201cinvoice lag drained within 10 minutes\u201d at 10:05; at 10:40 "
            "the record shows \u201cinvoice lag still growing: 61k messages\u201d. What made that "
            "expectation look right at the time?");
}

TEST_F(FacilitationTest, ACounterfactualOpensWhatThePersonCouldKnowThen) {
  bj::value body = server_.Get(base_ + "/facilitation", server_.bob()).Json();
  const bj::array& cards = body.at("counterfactuals").as_array();
  ASSERT_EQ(cards.size(), 1u) << body;
  const bj::value& card = cards[0];
  EXPECT_EQ(card.at("participant_id").as_int64(),
            server_.Get(account_path_, server_.alice()).Json().at("participant_id").as_int64());
  EXPECT_EQ(card.at("at").as_string(), "2026-03-14T10:20:00Z");
  EXPECT_EQ(card.at("missed").as_string(), "checked the partition skew panel");
  // Her 10:12 entry names the partition: it was on her screen. The 10:40 alert was not yet.
  ASSERT_EQ(card.at("missed_seen").as_array().size(), 1u);
  EXPECT_EQ(card.at("missed_seen").at(0).as_string().subview(0, 6), "entry:");
  EXPECT_EQ(card.at("looking_at").as_string(), "Burrow lag dashboard");
  EXPECT_EQ(card.at("decision").at("situation").as_string(), "Lag growing after the restart");
  // Something nothing she could see named: not on her screen, as far as the record shows.
  Entry(
      {{"at", "2026-03-14T10:30:00Z"}, {"did", "Looking back, I should have paged the DBA team"}});
  body = server_.Get(base_ + "/facilitation", server_.bob()).Json();
  ASSERT_EQ(body.at("counterfactuals").as_array().size(), 2u) << body;
  const bj::value& unseen = body.at("counterfactuals").at(1);
  EXPECT_EQ(unseen.at("missed").as_string(), "paged the DBA team");
  EXPECT_TRUE(unseen.at("missed_seen").as_array().empty());
  EXPECT_GE(unseen.at("known_items").as_int64(), 3);
}

TEST_F(FacilitationTest, WorkJudgedAgainstAProcedureDatedAfterTheIncidentBeganIsFlagged) {
  HttpResult later = server_.Post(base_ + "/work-as-done", server_.alice(),
                                  {{"procedure", "Consumer restart runbook v3"},
                                   {"prescribed", "Check partition skew first"},
                                   {"done", "Restarted all consumers"},
                                   {"procedure_dated", "2026-03-16T09:00:00Z"}});
  ASSERT_EQ(later.status, 201u) << later.body;
  HttpResult before = server_.Post(base_ + "/work-as-done", server_.alice(),
                                   {{"procedure", "Consumer restart runbook v2"},
                                    {"prescribed", "Restart the group"},
                                    {"done", "Restarted all consumers"},
                                    {"procedure_dated", "2025-11-02T09:00:00Z"}});
  ASSERT_EQ(before.status, 201u) << before.body;
  bj::value body = server_.Get(base_ + "/facilitation", server_.bob()).Json();
  const bj::array& judged = body.at("judged_later").as_array();
  ASSERT_EQ(judged.size(), 1u) << body;
  EXPECT_EQ(judged[0].at("work_as_done_id").as_int64(), later.Json().at("id").as_int64());
  EXPECT_EQ(judged[0].at("procedure_dated").as_string(), "2026-03-16T09:00:00Z");
  // The date reads back on the record itself.
  EXPECT_EQ(later.Json().at("procedure_dated").as_string(), "2026-03-16T09:00:00Z");
  EXPECT_TRUE(before.Json().at("procedure_dated").is_string());
}

TEST_F(FacilitationTest, NoOneButTheFacilitatorReadsItAndNeverAnonymised) {
  EXPECT_EQ(server_.Get(base_ + "/facilitation", server_.alice()).status, 403u);  // The author.
  EXPECT_EQ(server_.Get(base_ + "/facilitation", server_.admin()).status, 403u);
  EXPECT_EQ(server_.Get(base_ + "/facilitation", server_.viewer()).status, 403u);
  EXPECT_EQ(server_.Get(base_ + "/facilitation?anonymised=true", server_.bob()).status, 403u);
  HttpResult anonymous = server_.Request("GET", base_ + "/facilitation", "", "", {});
  EXPECT_EQ(anonymous.status, 401u);
  EXPECT_EQ(server_.Get("/api/v1/incidents/INC-9999/facilitation", server_.bob()).status, 404u);
}

TEST_F(FacilitationTest, AnAccountNotReleasedAsksNothing) {
  // Withdrawn from the review again, Alice's entries are hers alone: nothing of them is asked.
  int64_t version = server_.Get(account_path_, server_.alice()).Json().at("version").as_int64();
  ASSERT_EQ(
      server_.Patch(account_path_, server_.alice(), {{"visibility", "private"}}, version).status,
      200u);
  bj::value body = server_.Get(base_ + "/facilitation", server_.bob()).Json();
  ASSERT_EQ(body.at("questions").as_array().size(), 1u) << body;  // The decision point's.
  EXPECT_TRUE(body.at("beliefs").as_array().empty());
  EXPECT_TRUE(body.at("counterfactuals").as_array().empty());
}

}  // namespace
}  // namespace debrief::http
