// The review pulse on the real server: who may answer and when, once each, counts shown only
// once the review is published and from three answers, never beside who answered (not even in
// the audit log), and the counts over every closed review.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;
using testing::TestUser;

class PulseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice(), {{"title", "Queue backlog"}});
    base_ = "/api/v1/incidents/" + key_;
    for (const TestUser* user : {&server_.alice(), &server_.bob(), &server_.admin()}) {
      ASSERT_EQ(server_
                    .Post(base_ + "/participants", server_.alice(),
                          {{"user_id", user->id}, {"role", "responder"}})
                    .status,
                201u);
    }
  }

  void Resolve() {
    int64_t version = server_.Get(base_, server_.alice()).Json().at("version").as_int64();
    ASSERT_EQ(server_
                  .Patch(base_, server_.alice(),
                         {{"status", "resolved"}, {"resolved_at", "2026-03-14T11:00:00Z"}}, version)
                  .status,
              200u);
  }

  HttpResult Answer(const TestUser& user, bj::object answer) {
    return server_.Post(base_ + "/pulse", user, answer);
  }

  TestServer server_;
  std::string key_;
  std::string base_;
};

TEST_F(PulseTest, ParticipantsAnswerOnceAfterTheIncidentIsResolved) {
  HttpResult early = Answer(server_.alice(), {{"learned", "yes"}, {"again", "yes"}});
  EXPECT_EQ(early.status, 409u) << early.body;
  EXPECT_NE(early.body.find("resolved"), std::string::npos);
  Resolve();
  bj::value before = server_.Get(base_ + "/pulse", server_.alice()).Json();
  EXPECT_TRUE(before.at("can_answer").as_bool());
  EXPECT_EQ(before.at("questions").as_array().size(), 2u);

  HttpResult answered = Answer(server_.alice(), {{"learned", "yes"}, {"again", "maybe"}});
  ASSERT_EQ(answered.status, 201u) << answered.body;
  EXPECT_TRUE(answered.Json().at("answered").as_bool());
  EXPECT_FALSE(answered.Json().at("can_answer").as_bool());
  EXPECT_EQ(answered.Json().at("responses").as_int64(), 1);
  EXPECT_TRUE(answered.Json().at("counts").is_null());  // One answer would be Alice's.
  HttpResult twice = Answer(server_.alice(), {{"learned", "no"}, {"again", "no"}});
  EXPECT_EQ(twice.status, 409u) << twice.body;
  EXPECT_EQ(server_.Get(base_ + "/pulse", server_.alice()).Json().at("responses").as_int64(), 1);
}

TEST_F(PulseTest, OnlyParticipantsAnswerAndBadAnswersAreRefused) {
  Resolve();
  // On an incident Bob is not part of, he answers nothing.
  std::string other = server_.CreateIncident(
      server_.alice(),
      {{"title", "Elsewhere"}, {"status", "resolved"}, {"resolved_at", "2026-03-14T11:00:00Z"}});
  EXPECT_EQ(server_
                .Post("/api/v1/incidents/" + other + "/pulse", server_.bob(),
                      {{"learned", "yes"}, {"again", "yes"}})
                .status,
            403u);
  EXPECT_EQ(Answer(server_.viewer(), {{"learned", "yes"}, {"again", "yes"}}).status, 403u);
  HttpResult anonymous =
      server_.Request("POST", base_ + "/pulse", "", R"({"learned":"yes","again":"yes"})",
                      {{"Content-Type", "application/json"}});
  EXPECT_EQ(anonymous.status, 401u);
  for (const std::string& body :
       {std::string(R"({"learned":"maybe","again":"yes"})"), std::string(R"({"learned":"yes"})"),
        std::string(R"({"learned":"yes","again":"yes","who":"alice"})"),
        std::string(R"({"learned":1,"again":"yes"})"), std::string(R"([1])"),
        std::string("{\"learned\":\"y\xff\",\"again\":\"yes\"}")}) {
    HttpResult bad = server_.Request("POST", base_ + "/pulse", server_.bob().token, body,
                                     {{"Content-Type", "application/json"}});
    EXPECT_EQ(bad.status, 400u) << body << ": " << bad.body;
  }
  // Nothing was counted, and Bob may still answer.
  bj::value pulse = server_.Get(base_ + "/pulse", server_.bob()).Json();
  EXPECT_EQ(pulse.at("responses").as_int64(), 0);
  EXPECT_TRUE(pulse.at("can_answer").as_bool());
}

TEST_F(PulseTest, CountsShowFromThreeAnswersAndNeverBesideWhoAnswered) {
  Resolve();
  ASSERT_EQ(Answer(server_.alice(), {{"learned", "yes"}, {"again", "yes"}}).status, 201u);
  ASSERT_EQ(Answer(server_.bob(), {{"learned", "somewhat"}, {"again", "yes"}}).status, 201u);
  EXPECT_TRUE(server_.Get(base_ + "/pulse", server_.alice()).Json().at("counts").is_null());
  HttpResult third = Answer(server_.admin(), {{"learned", "yes"}, {"again", "no"}});
  ASSERT_EQ(third.status, 201u) << third.body;
  // While it is open the counts stay hidden, and over every review it counts for nothing: the
  // difference one more answer made would be that answer.
  EXPECT_TRUE(third.Json().at("counts").is_null());
  EXPECT_EQ(server_.Get("/api/v1/pulse", server_.alice()).Json().at("responses").as_int64(), 0);
  // Publishing the review closes the pulse: no more answers, and the counts are final.
  ASSERT_EQ(server_.PublishReview(key_, server_.alice()).status, 201u);
  EXPECT_EQ(Answer(server_.viewer(), {{"learned", "no"}, {"again", "no"}}).status, 403u);
  // Anyone who reads the incident reads its counts, a viewer too.
  bj::value pulse = server_.Get(base_ + "/pulse", server_.viewer()).Json();
  EXPECT_TRUE(pulse.at("closed").as_bool());
  bj::value counts = pulse.at("counts");
  EXPECT_EQ(counts.at("learned").at("yes").as_int64(), 2);
  EXPECT_EQ(counts.at("learned").at("somewhat").as_int64(), 1);
  EXPECT_EQ(counts.at("learned").at("no").as_int64(), 0);
  EXPECT_EQ(counts.at("again").at("yes").as_int64(), 2);
  EXPECT_EQ(counts.at("again").at("no").as_int64(), 1);
  // The audit log says three answers were given, and nothing of what they were.
  std::string audit = server_.Get("/api/v1/audit?limit=200", server_.admin()).body;
  EXPECT_NE(audit.find("pulse_answers"), std::string::npos) << audit;
  EXPECT_EQ(audit.find("somewhat"), std::string::npos) << audit;
  EXPECT_EQ(audit.find("\"learned\""), std::string::npos) << audit;
  // Over every review.
  bj::value overall = server_.Get("/api/v1/pulse", server_.viewer()).Json();
  EXPECT_EQ(overall.at("responses").as_int64(), 3);
  EXPECT_EQ(overall.at("reviews").as_int64(), 1);
  EXPECT_EQ(overall.at("counts").at("learned").at("yes").as_int64(), 2);
}

TEST_F(PulseTest, AClosedPulseTakesNoMoreAnswersAndTooSmallOnesCountNowhere) {
  Resolve();
  ASSERT_EQ(Answer(server_.alice(), {{"learned", "yes"}, {"again", "yes"}}).status, 201u);
  ASSERT_EQ(server_.PublishReview(key_, server_.alice()).status, 201u);
  HttpResult late = Answer(server_.bob(), {{"learned", "yes"}, {"again", "yes"}});
  EXPECT_EQ(late.status, 409u) << late.body;
  EXPECT_NE(late.body.find("published"), std::string::npos);
  bj::value pulse = server_.Get(base_ + "/pulse", server_.bob()).Json();
  EXPECT_FALSE(pulse.at("can_answer").as_bool());
  EXPECT_TRUE(pulse.at("counts").is_null());  // One answer: Alice's, were it shown.
  // Over every review, a pulse of one answer is left out, or a total minus the others' counts
  // would be it.
  bj::value overall = server_.Get("/api/v1/pulse", server_.bob()).Json();
  EXPECT_EQ(overall.at("responses").as_int64(), 0);
  EXPECT_TRUE(overall.at("counts").is_null());
}

TEST(Pulse, OverEveryReviewTooFewAnswersShowNoCounts) {
  TestServer server;
  bj::value overall = server.Get("/api/v1/pulse", server.alice()).Json();
  EXPECT_EQ(overall.at("responses").as_int64(), 0);
  EXPECT_TRUE(overall.at("counts").is_null());
  EXPECT_EQ(overall.at("shown_from").as_int64(), 3);
}

}  // namespace
}  // namespace debrief::http
