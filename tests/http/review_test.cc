// The review workflow on the real server: requesting review, reviewers' decisions, what they mean
// for publishing, reopening, due dates, per-severity rules and anchored comments, with the
// unhappy paths (wrong people, stale versions, bad bodies, private accounts).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using ::testing::HasSubstr;
using testing::HttpResult;
using testing::TestServer;
using testing::TestUser;

class ReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // SEV2: reviewed before publishing (one approval), due 10 business days after resolution.
    key_ = server_.CreateIncident(server_.alice(), {{"title", "Queue backlog"},
                                                    {"severity", "SEV2"},
                                                    {"status", "resolved"},
                                                    {"started_at", "2026-03-13T10:00:00Z"},
                                                    {"resolved_at", "2026-03-13T11:00:00Z"}});
    base_ = "/api/v1/incidents/" + key_;
  }

  int64_t IncidentVersion() {
    return server_.Get(base_, server_.alice()).Json().at("version").as_int64();
  }

  HttpResult PostWithVersion(const std::string& path, const TestUser& user, const std::string& body,
                             std::optional<int64_t> version) {
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (version) headers["If-Match"] = std::to_string(*version);
    return server_.Request("POST", path, user.token, body, headers);
  }

  HttpResult RequestReview(const std::vector<int64_t>& reviewers, const TestUser* user = nullptr) {
    bj::array ids;
    for (int64_t id : reviewers) ids.push_back(id);
    return PostWithVersion(base_ + "/review/request", user ? *user : server_.alice(),
                           bj::serialize(bj::object{{"reviewers", ids}}), IncidentVersion());
  }

  HttpResult Decide(const TestUser& user, const std::string& body) {
    return PostWithVersion(base_ + "/review/decision", user, body, IncidentVersion());
  }

  HttpResult Publish() {
    return PostWithVersion(base_ + "/publish", server_.alice(), R"({"acknowledge_findings": true})",
                           IncidentVersion());
  }

  bj::value Review(const TestUser& user) { return server_.Get(base_ + "/review", user).Json(); }

  TestServer server_;
  std::string key_;
  std::string base_;
};

TEST_F(ReviewTest, ASev2ReviewIsApprovedBeforeItIsPublished) {
  bj::value review = Review(server_.alice());
  EXPECT_EQ(review.at("status").as_string(), "none");
  EXPECT_TRUE(review.at("rule").at("review_required").as_bool());
  EXPECT_EQ(review.at("approvals_needed").as_int64(), 1);

  HttpResult early = Publish();
  EXPECT_EQ(early.status, 409u) << early.body;
  EXPECT_THAT(early.body, HasSubstr("SEV2 reviews need 1 approval"));
  bj::value check = server_.Get(base_ + "/publish", server_.alice()).Json();
  EXPECT_FALSE(check.at("ready").as_bool());
  EXPECT_THAT(std::string(check.at("review_blocker").as_string()), HasSubstr("approval"));

  HttpResult requested = RequestReview({server_.bob().id});
  ASSERT_EQ(requested.status, 200u) << requested.body;
  EXPECT_EQ(requested.Json().at("status").as_string(), "in_review");
  EXPECT_EQ(requested.Header("etag"), "\"" + std::to_string(IncidentVersion()) + "\"");
  ASSERT_EQ(requested.Json().at("reviewers").as_array().size(), 1u);
  EXPECT_EQ(requested.Json().at("reviewers").at(0).at("name").as_string(), "Bob");
  EXPECT_EQ(requested.Json().at("reviewers").at(0).at("decision").as_string(), "pending");
  // Waiting for the reviewer: not yet.
  EXPECT_THAT(Publish().body, HasSubstr("waiting for its reviewers"));

  HttpResult approved = Decide(server_.bob(), R"({"decision": "approve", "note": "Clear."})");
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.Json().at("status").as_string(), "approved");
  EXPECT_EQ(approved.Json().at("approvals").as_int64(), 1);
  EXPECT_EQ(approved.Json().at("reviewers").at(0).at("decided_at").as_string(),
            "2026-03-14T12:00:00Z");
  EXPECT_EQ(approved.Json().at("reviewers").at(0).at("note").as_string(), "Clear.");

  // The audit log says what Bob decided.
  bj::value audit = server_.Get("/api/v1/audit", server_.admin()).Json();
  bool decision_audited = false;
  for (const bj::value& entry : audit.at("items").as_array()) {
    if (entry.at("entity").as_string() != "reviewers" ||
        entry.at("action").as_string() != "update") {
      continue;
    }
    const bj::value* changes = entry.as_object().if_contains("changes");
    decision_audited =
        decision_audited ||
        (changes && changes->is_object() && changes->as_object().contains("decision") &&
         changes->at("decision").at("to").as_string() == "approved");
  }
  EXPECT_TRUE(decision_audited) << bj::serialize(audit);
  HttpResult published = Publish();
  ASSERT_EQ(published.status, 201u) << published.body;
  EXPECT_EQ(Review(server_.alice()).at("status").as_string(), "published");
  // A published review asks to be reopened before a new round.
  EXPECT_THAT(RequestReview({server_.bob().id}).body, HasSubstr("reopen"));
}

TEST_F(ReviewTest, ChangesRequestedBlockPublishingUntilANewRound) {
  ASSERT_EQ(RequestReview({server_.bob().id, server_.admin().id}).status, 200u);
  // A request for changes says what should change.
  HttpResult silent = Decide(server_.bob(), R"({"decision": "request_changes"})");
  EXPECT_EQ(silent.status, 400u);
  EXPECT_THAT(silent.body, HasSubstr("note"));
  HttpResult changes =
      Decide(server_.bob(),
             R"({"decision": "request_changes", "note": "Add what the dashboard showed."})");
  ASSERT_EQ(changes.status, 200u) << changes.body;
  EXPECT_EQ(changes.Json().at("status").as_string(), "changes_requested");
  // The admin's approval does not outweigh Bob's request.
  HttpResult admin = Decide(server_.admin(), R"({"decision": "approve"})");
  ASSERT_EQ(admin.status, 200u) << admin.body;
  EXPECT_EQ(admin.Json().at("status").as_string(), "changes_requested");
  HttpResult blocked = Publish();
  EXPECT_EQ(blocked.status, 409u);
  EXPECT_THAT(blocked.body, HasSubstr("asked for changes"));

  // A new round: everyone back to pending.
  HttpResult again = RequestReview({server_.bob().id, server_.admin().id});
  ASSERT_EQ(again.status, 200u) << again.body;
  bj::value round = again.Json();
  for (const bj::value& reviewer : round.at("reviewers").as_array()) {
    EXPECT_EQ(reviewer.at("decision").as_string(), "pending");
    EXPECT_TRUE(reviewer.at("decided_at").is_null());
  }
  EXPECT_EQ(Decide(server_.bob(), R"({"decision": "approve"})").Json().at("status").as_string(),
            "approved");
  EXPECT_EQ(Publish().status, 201u);
}

TEST_F(ReviewTest, OnlyNamedReviewersDecideAndReviewersAreChosenWithCare) {
  EXPECT_THAT(RequestReview({server_.alice().id}).body, HasSubstr("someone else"));
  EXPECT_THAT(RequestReview({server_.viewer().id}).body, HasSubstr("viewer"));
  EXPECT_THAT(RequestReview({999}).body, HasSubstr("does not exist"));
  EXPECT_THAT(RequestReview({server_.bob().id, server_.bob().id}).body, HasSubstr("twice"));
  EXPECT_EQ(RequestReview({}).status, 400u);
  for (const char* body : {R"({"reviewers": "bob"})", R"({"reviewers": [1.5]})",
                           R"({"reviewers": [2], "urgent": true})", "[]", "{"}) {
    HttpResult bad =
        PostWithVersion(base_ + "/review/request", server_.alice(), body, IncidentVersion());
    EXPECT_EQ(bad.status, 400u) << body << ": " << bad.body;
  }
  // Nothing was changed by the refused requests.
  EXPECT_EQ(Review(server_.alice()).at("status").as_string(), "none");

  ASSERT_EQ(RequestReview({server_.bob().id}).status, 200u);
  HttpResult requester = Decide(server_.alice(), R"({"decision": "approve"})");
  EXPECT_EQ(requester.status, 403u);
  EXPECT_EQ(Decide(server_.admin(), R"({"decision": "approve"})").status, 403u);
  EXPECT_EQ(Decide(server_.viewer(), R"({"decision": "approve"})").status, 403u);
  EXPECT_EQ(Decide(server_.bob(), R"({"decision": "lgtm"})").status, 400u);
  EXPECT_EQ(Decide(server_.bob(), R"({"decision": "approve", "note": 7})").status, 400u);
  // A decision on a version of the review the reviewer has not read is refused.
  HttpResult stale = PostWithVersion(base_ + "/review/decision", server_.bob(),
                                     R"({"decision": "approve"})", IncidentVersion() - 1);
  EXPECT_EQ(stale.status, 412u) << stale.body;
  HttpResult missing = PostWithVersion(base_ + "/review/decision", server_.bob(),
                                       R"({"decision": "approve"})", std::nullopt);
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(Review(server_.alice()).at("reviewers").at(0).at("decision").as_string(), "pending");

  // Changing who reviews: Bob is dropped, the admin is asked.
  HttpResult swapped = RequestReview({server_.admin().id});
  ASSERT_EQ(swapped.status, 200u);
  ASSERT_EQ(swapped.Json().at("reviewers").as_array().size(), 1u);
  EXPECT_EQ(swapped.Json().at("reviewers").at(0).at("user_id").as_int64(), server_.admin().id);
  EXPECT_EQ(Decide(server_.bob(), R"({"decision": "approve"})").status, 403u);
}

TEST_F(ReviewTest, StatusesPastDraftingAreNotSetByHand) {
  HttpResult drafting =
      server_.Patch(base_, server_.alice(), {{"review_status", "drafting"}}, IncidentVersion());
  ASSERT_EQ(drafting.status, 200u) << drafting.body;
  for (const char* status :
       {"in_review", "approved", "changes_requested", "published", "reopened"}) {
    HttpResult by_hand =
        server_.Patch(base_, server_.alice(), {{"review_status", status}}, IncidentVersion());
    EXPECT_EQ(by_hand.status, 409u) << status;
    EXPECT_THAT(by_hand.body, HasSubstr("review_status")) << status;
  }
  // Taking the request back is allowed.
  ASSERT_EQ(RequestReview({server_.bob().id}).status, 200u);
  EXPECT_EQ(
      server_.Patch(base_, server_.alice(), {{"review_status", "drafting"}}, IncidentVersion())
          .status,
      200u);
  EXPECT_EQ(Decide(server_.bob(), R"({"decision": "approve"})").status, 409u);
}

TEST_F(ReviewTest, ReopeningStartsTheNextVersionWithANewRound) {
  ASSERT_EQ(RequestReview({server_.bob().id}).status, 200u);
  ASSERT_EQ(Decide(server_.bob(), R"({"decision": "approve"})").status, 200u);
  ASSERT_EQ(Publish().status, 201u);
  EXPECT_EQ(PostWithVersion(base_ + "/review/reopen", server_.alice(), "{}", IncidentVersion() - 1)
                .status,
            412u);
  HttpResult reopened =
      PostWithVersion(base_ + "/review/reopen", server_.alice(), "{}", IncidentVersion());
  ASSERT_EQ(reopened.status, 200u) << reopened.body;
  EXPECT_EQ(reopened.Json().at("status").as_string(), "reopened");
  EXPECT_EQ(reopened.Json().at("reviewers").at(0).at("decision").as_string(), "pending");
  EXPECT_EQ(
      PostWithVersion(base_ + "/review/reopen", server_.alice(), "{}", IncidentVersion()).status,
      409u);
  // Version 2 of a SEV2 review is approved again.
  EXPECT_EQ(Publish().status, 409u);
  ASSERT_EQ(RequestReview({server_.bob().id}).status, 200u);
  ASSERT_EQ(Decide(server_.bob(), R"({"decision": "approve"})").status, 200u);
  HttpResult second = Publish();
  ASSERT_EQ(second.status, 201u) << second.body;
  EXPECT_EQ(second.Json().at("number").as_int64(), 2);
}

TEST_F(ReviewTest, TheIncidentShowsWhenItsReviewIsOverdue) {
  // Resolved on Friday 13 March: ten business days later is Friday 27 March.
  bj::value incident = server_.Get(base_, server_.alice()).Json();
  EXPECT_EQ(incident.at("review_due_on").as_string(), "2026-03-27");
  EXPECT_FALSE(incident.at("review_overdue").as_bool());
  server_.clock().Set(*core::ParseRfc3339("2026-03-28T09:00:00Z"));
  EXPECT_TRUE(server_.Get(base_, server_.alice()).Json().at("review_overdue").as_bool());
  EXPECT_TRUE(Review(server_.viewer()).at("overdue").as_bool());
  bj::value list = server_.Get("/api/v1/incidents", server_.alice()).Json();
  EXPECT_TRUE(list.at("items").at(0).at("review_overdue").as_bool());
  // Published, it is no longer overdue.
  ASSERT_EQ(RequestReview({server_.bob().id}).status, 200u);
  ASSERT_EQ(Decide(server_.bob(), R"({"decision": "approve"})").status, 200u);
  ASSERT_EQ(Publish().status, 201u);
  EXPECT_FALSE(server_.Get(base_, server_.alice()).Json().at("review_overdue").as_bool());
  // A SEV3 incident has no rule: no due date.
  std::string other = server_.CreateIncident(server_.alice(), {{"severity", "SEV3"}});
  EXPECT_TRUE(server_.Get("/api/v1/incidents/" + other, server_.alice())
                  .Json()
                  .at("review_due_on")
                  .is_null());
}

TEST_F(ReviewTest, AdminsSetRulesPerSeverity) {
  bj::value rules = server_.Get("/api/v1/review-rules", server_.viewer()).Json();
  ASSERT_EQ(rules.at("items").as_array().size(), 2u);
  EXPECT_EQ(rules.at("severities").as_array().size(), 4u);

  auto put = [&](const std::string& severity, const std::string& body,
                 std::map<std::string, std::string> headers, const TestUser& user) {
    headers["Content-Type"] = "application/json";
    return server_.Request("PUT", "/api/v1/review-rules/" + severity, user.token, body, headers);
  };
  std::string rule =
      R"({"review_required": true, "approvals_required": 2, "due_business_days": 3})";
  EXPECT_EQ(put("SEV3", rule, {{"If-None-Match", "*"}}, server_.alice()).status, 403u);
  EXPECT_EQ(put("SEV9", rule, {{"If-None-Match", "*"}}, server_.admin()).status, 404u);
  EXPECT_EQ(put("SEV3", rule, {}, server_.admin()).status, 400u);  // Neither header.
  for (const char* bad : {R"({"approvals_required": 2})", R"({"review_required": "yes"})",
                          R"({"review_required": true, "approvals_required": 0})",
                          R"({"review_required": true, "due_business_days": -1})",
                          R"({"review_required": true, "due_business_days": 2.5})",
                          R"({"review_required": true, "owner": "sre"})"}) {
    HttpResult refused = put("SEV3", bad, {{"If-None-Match", "*"}}, server_.admin());
    EXPECT_EQ(refused.status, 400u) << bad << ": " << refused.body;
  }
  HttpResult created = put("SEV3", rule, {{"If-None-Match", "*"}}, server_.admin());
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Header("etag"), "\"1\"");
  EXPECT_EQ(put("SEV3", rule, {{"If-None-Match", "*"}}, server_.admin()).status, 409u);
  EXPECT_EQ(put("SEV3", rule, {{"If-Match", "7"}}, server_.admin()).status, 412u);

  // The new rule applies at once: a SEV3 review now needs two reviewers and two approvals.
  std::string sev3 = server_.CreateIncident(
      server_.alice(),
      {{"severity", "SEV3"}, {"status", "resolved"}, {"resolved_at", "2026-03-14T08:00:00Z"}});
  base_ = "/api/v1/incidents/" + sev3;
  EXPECT_THAT(RequestReview({server_.bob().id}).body, HasSubstr("at least that many"));
  ASSERT_EQ(RequestReview({server_.bob().id, server_.admin().id}).status, 200u);
  EXPECT_EQ(Decide(server_.bob(), R"({"decision": "approve"})").Json().at("status").as_string(),
            "in_review");
  EXPECT_EQ(Decide(server_.admin(), R"({"decision": "approve"})").Json().at("status").as_string(),
            "approved");

  EXPECT_EQ(server_
                .Request("DELETE", "/api/v1/review-rules/SEV3", server_.admin().token, "",
                         {{"If-Match", "1"}})
                .status,
            204u);
  EXPECT_EQ(
      server_.Get("/api/v1/review-rules", server_.alice()).Json().at("items").as_array().size(),
      2u);
}

class CommentTest : public ReviewTest {
 protected:
  HttpResult Comment(const TestUser& user, const bj::object& body) {
    return server_.Post(base_ + "/comments", user, body);
  }
  std::vector<std::string> Bodies(const TestUser& user, const std::string& query = "") {
    std::vector<std::string> bodies;
    bj::value list = server_.Get(base_ + "/comments" + query, user).Json();
    for (const bj::value& item : list.at("items").as_array()) {
      bodies.emplace_back(item.at("body").as_string());
    }
    return bodies;
  }
};

TEST_F(CommentTest, CommentsAnchorToSectionsAndRecordsAndThread) {
  HttpResult event = server_.Post(
      base_ + "/events", server_.alice(),
      {{"at", "2026-03-13T10:05:00Z"}, {"kind", "alert"}, {"text", "Queue depth alert"}});
  ASSERT_EQ(event.status, 201u);
  std::string event_anchor = "event:" + std::to_string(event.Json().at("id").as_int64());
  HttpResult first = Comment(server_.bob(), {{"anchor", event_anchor},
                                             {"body", "What did the alert say about the cause?"}});
  ASSERT_EQ(first.status, 201u) << first.body;
  EXPECT_EQ(first.Json().at("author").as_string(), "Bob");
  EXPECT_FALSE(first.Json().at("resolved").as_bool());
  EXPECT_TRUE(first.Json().as_object().contains("language_findings"));
  int64_t first_id = first.Json().at("id").as_int64();
  HttpResult reply =
      Comment(server_.alice(), {{"reply_to", first_id}, {"body", "Only the queue name."}});
  ASSERT_EQ(reply.status, 201u) << reply.body;
  EXPECT_EQ(reply.Json().at("anchor").as_string(), event_anchor);
  ASSERT_EQ(
      Comment(server_.alice(), {{"anchor", "section:factors"}, {"body", "Add the pool."}}).status,
      201u);
  EXPECT_THAT(
      Bodies(server_.alice(), "?anchor=" + event_anchor),
      ::testing::ElementsAre("What did the alert say about the cause?", "Only the queue name."));
  EXPECT_EQ(Review(server_.alice()).at("comments").at("open").as_int64(), 3);

  // Bad anchors and bodies are refused, and nothing is stored.
  for (const bj::object& bad : std::vector<bj::object>{
           {{"body", "No anchor"}},
           {{"anchor", "section:root_cause"}, {"body", "x"}},
           {{"anchor", "event:999"}, {"body", "x"}},
           {{"anchor", "factor:1"}, {"body", "x"}},
           {{"anchor", "section:summary"}, {"body", "   "}},
           {{"anchor", "section:summary"}, {"body", std::string(10'001, 'a')}},
           {{"anchor", "section:summary"}, {"body", "x"}, {"resolved", true}},
           {{"anchor", "section:summary"}, {"body", "x"}, {"author_id", 1}},
           {{"reply_to", 999}, {"body", "x"}},
           {{"reply_to", first_id}, {"anchor", "section:summary"}, {"body", "x"}},
       }) {
    HttpResult refused = Comment(server_.alice(), bad);
    EXPECT_EQ(refused.status, 400u) << bj::serialize(bad) << ": " << refused.body;
  }
  EXPECT_EQ(Bodies(server_.alice()).size(), 3u);
  EXPECT_EQ(Comment(server_.viewer(), {{"anchor", "section:summary"}, {"body", "x"}}).status, 403u);

  // Words are the author's; resolving is anyone's.
  std::string path = base_ + "/comments/" + std::to_string(first_id);
  EXPECT_EQ(server_.Patch(path, server_.alice(), {{"body", "Rewritten"}}, 1).status, 403u);
  HttpResult resolved = server_.Patch(path, server_.alice(), {{"resolved", true}}, 1);
  ASSERT_EQ(resolved.status, 200u) << resolved.body;
  EXPECT_TRUE(resolved.Json().at("resolved").as_bool());
  EXPECT_EQ(server_.Patch(path, server_.bob(), {{"body", "Edited"}}, 1).status, 412u);
  EXPECT_EQ(server_.Patch(path, server_.bob(), {{"anchor", "section:summary"}}, 2).status, 400u);
  EXPECT_EQ(server_.Patch(path, server_.bob(), {{"body", "What did the alert say?"}}, 2).status,
            200u);
  EXPECT_EQ(Review(server_.alice()).at("comments").at("resolved").as_int64(), 1);

  // Deleting: not someone else's; the author's takes its replies along; admins may.
  EXPECT_EQ(server_.Delete(path, server_.alice(), 3).status, 403u);
  EXPECT_EQ(server_.Delete(path, server_.bob(), 3).status, 204u);
  EXPECT_THAT(Bodies(server_.alice()), ::testing::ElementsAre("Add the pool."));
}

TEST_F(CommentTest, ACommentOutlivesTheRecordItIsAbout) {
  HttpResult event =
      server_.Post(base_ + "/events", server_.alice(),
                   {{"at", "2026-03-13T10:05:00Z"}, {"kind", "alert"}, {"text", "Lag"}});
  ASSERT_EQ(event.status, 201u);
  std::string event_path = base_ + "/events/" + std::to_string(event.Json().at("id").as_int64());
  HttpResult comment = Comment(
      server_.bob(), {{"anchor", "event:" + std::to_string(event.Json().at("id").as_int64())},
                      {"body", "Is this the first alert?"}});
  ASSERT_EQ(comment.status, 201u);
  ASSERT_EQ(server_.Delete(event_path, server_.alice(), 1).status, 204u);
  // Still listed, and still resolved or deleted like any other.
  EXPECT_THAT(Bodies(server_.alice()), ::testing::ElementsAre("Is this the first alert?"));
  std::string path = base_ + "/comments/" + std::to_string(comment.Json().at("id").as_int64());
  EXPECT_EQ(server_.Patch(path, server_.alice(), {{"resolved", true}}, 1).status, 200u);
  EXPECT_EQ(server_.Delete(path, server_.bob(), 2).status, 204u);
}

TEST_F(CommentTest, CommentsOnAPrivateAccountAreAsPrivateAsTheAccount) {
  HttpResult account = server_.Post(base_ + "/accounts", server_.alice(),
                                    {{"narrative", "I restarted the consumer."}});
  ASSERT_EQ(account.status, 201u);
  int64_t account_id = account.Json().at("id").as_int64();
  std::string anchor = "account:" + std::to_string(account_id);
  // Bob cannot comment on what he cannot read, and learns nothing from trying.
  HttpResult bob = Comment(server_.bob(), {{"anchor", anchor}, {"body", "Why?"}});
  EXPECT_EQ(bob.status, 400u);
  HttpResult missing = Comment(server_.bob(), {{"anchor", "account:999"}, {"body", "Why?"}});
  EXPECT_EQ(missing.status, 400u);
  EXPECT_THAT(bob.body, HasSubstr("which you cannot read here"));
  EXPECT_THAT(missing.body, HasSubstr("which you cannot read here"));
  // Alice notes something on her own private account; nobody else sees it.
  HttpResult note = Comment(server_.alice(), {{"anchor", anchor}, {"body", "Add the time."}});
  ASSERT_EQ(note.status, 201u) << note.body;
  EXPECT_THAT(Bodies(server_.alice()), ::testing::ElementsAre("Add the time."));
  EXPECT_TRUE(Bodies(server_.bob()).empty());
  EXPECT_TRUE(Bodies(server_.viewer()).empty());
  // Nor can he learn that her note exists by replying to it.
  int64_t note_id = note.Json().at("id").as_int64();
  HttpResult reply = Comment(server_.bob(), {{"reply_to", note_id}, {"body", "And?"}});
  HttpResult reply_to_none = Comment(server_.bob(), {{"reply_to", 999999}, {"body", "And?"}});
  EXPECT_EQ(reply.status, 400u);
  EXPECT_EQ(reply_to_none.status, 400u);
  EXPECT_THAT(reply.body, HasSubstr("which is not on this incident"));
  EXPECT_THAT(reply_to_none.body, HasSubstr("which is not on this incident"));
  std::string path = base_ + "/comments/" + std::to_string(note_id);
  EXPECT_EQ(server_.Patch(path, server_.bob(), {{"resolved", true}}, 1).status, 404u);
  EXPECT_EQ(server_.Delete(path, server_.admin(), 1).status, 404u);
  // Released to the review, the account and its comments are everyone's to read.
  ASSERT_EQ(server_
                .Patch(base_ + "/accounts/" + std::to_string(account_id), server_.alice(),
                       {{"visibility", "in_review"}}, 1)
                .status,
            200u);
  EXPECT_THAT(Bodies(server_.bob()), ::testing::ElementsAre("Add the time."));
}

}  // namespace
}  // namespace debrief::http
