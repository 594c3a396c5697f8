// Review templates on the real server: admins set them per severity or for every other, the
// review follows the incident's one, answers to its questions are records of the incident, and
// every export (live, published, anonymised) follows the template without losing content.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using ::testing::HasSubstr;
using testing::HttpResult;
using ::testing::Not;
using testing::TestServer;
using testing::TestUser;

class ReviewTemplatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice(), {{"title", "Queue backlog"},
                                                    {"severity", "SEV2"},
                                                    {"status", "resolved"},
                                                    {"summary", "The consumer fell behind."},
                                                    {"started_at", "2026-03-14T10:00:00Z"},
                                                    {"resolved_at", "2026-03-14T11:00:00Z"}});
    base_ = "/api/v1/incidents/" + key_;
  }

  HttpResult PutTemplate(const std::string& severity, const bj::value& sections,
                         std::optional<int64_t> version = std::nullopt,
                         const TestUser* user = nullptr) {
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (version) {
      headers["If-Match"] = std::to_string(*version);
    } else {
      headers["If-None-Match"] = "*";
    }
    return server_.Request("PUT", "/api/v1/review-templates/" + severity,
                           (user ? *user : server_.admin()).token,
                           bj::serialize(bj::object{{"sections", sections}}), headers);
  }

  static bj::object Section(const char* name, bj::array questions = {}) {
    return {{"section", name}, {"questions", std::move(questions)}};
  }

  std::string Markdown(const std::string& path, const TestUser& user) {
    HttpResult result = server_.Get(path + "?format=md", user);
    EXPECT_EQ(result.status, 200u) << result.body;
    return result.body;
  }

  TestServer server_;
  std::string key_;
  std::string base_;
};

TEST_F(ReviewTemplatesTest, AdminsSetATemplatePerSeverityAndReviewsFollowIt) {
  // No template yet: the built-in one, every section, the lessons asking what went right and
  // where luck helped.
  HttpResult built_in = server_.Get(base_ + "/template", server_.alice());
  ASSERT_EQ(built_in.status, 200u) << built_in.body;
  EXPECT_EQ(built_in.Json().at("sections").as_array().size(), 9u);
  bj::value built_in_json = built_in.Json();
  const bj::value& lessons = built_in_json.at("sections").as_array().back();
  EXPECT_EQ(lessons.at("section"), "lessons");
  ASSERT_EQ(lessons.at("questions").as_array().size(), 2u);
  EXPECT_EQ(lessons.at("questions").at(0),
            "What went right? Which people, tools or habits helped, and how?");
  EXPECT_EQ(built_in.Json().at("severity"), "default");

  bj::array fallback{Section("summary"), Section("timeline")};
  ASSERT_EQ(PutTemplate("default", fallback).status, 200u);
  HttpResult sev2 =
      PutTemplate("SEV2", bj::array{Section("factors", {"What made the backlog hard to see?"}),
                                    Section("summary"), Section("lessons")});
  ASSERT_EQ(sev2.status, 200u) << sev2.body;
  EXPECT_EQ(sev2.Json().at("version"), 1);

  bj::value followed = server_.Get(base_ + "/template", server_.viewer()).Json();
  EXPECT_EQ(followed.at("severity"), "SEV2");
  EXPECT_EQ(followed.at("sections").at(0).at("section"), "factors");
  EXPECT_EQ(followed.at("sections").at(0).at("questions").at(0),
            "What made the backlog hard to see?");
  // Another severity falls back to the default.
  std::string other = server_.CreateIncident(server_.alice(), {{"severity", "SEV4"}});
  EXPECT_EQ(server_.Get("/api/v1/incidents/" + other + "/template", server_.alice())
                .Json()
                .at("severity"),
            "default");

  bj::value listed = server_.Get("/api/v1/review-templates", server_.viewer()).Json();
  EXPECT_EQ(listed.at("items").as_array().size(), 2u);
  EXPECT_EQ(listed.at("built_in").at("sections").as_array().size(), 9u);

  // Replacing needs the version it was read at; removing falls back to the default.
  EXPECT_EQ(PutTemplate("SEV2", bj::array{Section("summary")}, 7).status, 412u);
  ASSERT_EQ(PutTemplate("SEV2", bj::array{Section("summary")}, 1).status, 200u);
  EXPECT_EQ(server_.Delete("/api/v1/review-templates/SEV2", server_.admin(), 1).status, 412u);
  EXPECT_EQ(server_.Delete("/api/v1/review-templates/SEV2", server_.admin(), 2).status, 204u);
  EXPECT_EQ(server_.Get(base_ + "/template", server_.alice()).Json().at("severity"), "default");
  bj::array audit = server_.Get("/api/v1/audit", server_.admin()).Json().at("items").as_array();
  EXPECT_THAT(bj::serialize(audit), HasSubstr("review_templates"));
}

TEST_F(ReviewTemplatesTest, BadTemplatesAreRefusedWithReasons) {
  EXPECT_EQ(
      PutTemplate("SEV2", bj::array{Section("summary")}, std::nullopt, &server_.alice()).status,
      403u);
  HttpResult unknown_severity = PutTemplate("SEV9", bj::array{Section("summary")});
  EXPECT_EQ(unknown_severity.status, 404u);
  EXPECT_THAT(unknown_severity.body, HasSubstr("SEV1"));
  HttpResult unknown_section = PutTemplate("SEV2", bj::array{Section("verdict")});
  EXPECT_EQ(unknown_section.status, 400u);
  EXPECT_THAT(unknown_section.body, HasSubstr("work_as_done"));
  HttpResult twice = PutTemplate("SEV2", bj::array{Section("summary"), Section("summary")});
  EXPECT_EQ(twice.status, 400u);
  EXPECT_THAT(twice.body, HasSubstr("listed twice"));
  HttpResult blank = PutTemplate("SEV2", bj::array{Section("summary", {"   "})});
  EXPECT_EQ(blank.status, 400u);
  EXPECT_THAT(blank.body, HasSubstr("1 to 300 characters"));
  EXPECT_EQ(PutTemplate("SEV2", bj::array{Section("summary", {42})}).status, 400u);
  EXPECT_EQ(PutTemplate("SEV2", bj::value("summary")).status, 400u);
  EXPECT_EQ(server_
                .Request("PUT", "/api/v1/review-templates/SEV2", server_.admin().token,
                         R"({"sections": [], "extra": 1})",
                         {{"Content-Type", "application/json"}, {"If-None-Match", "*"}})
                .status,
            400u);
  EXPECT_EQ(PutTemplate("SEV2", bj::array{}).status, 200u);  // Every section hidden.
  EXPECT_EQ(PutTemplate("SEV2", bj::array{}).status, 409u);  // Created already.
  EXPECT_TRUE(server_.Get("/api/v1/review-templates", server_.viewer()).status == 200u);
  EXPECT_EQ(server_.Request("GET", "/api/v1/review-templates").status, 401u);
}

TEST_F(ReviewTemplatesTest, EachQuestionIsAnsweredOnceAndOnlyByMembers) {
  bj::object answer{{"section", "factors"},
                    {"question", "What made the backlog hard to see?"},
                    {"answer", "Lag was averaged over **every** partition."}};
  HttpResult created = server_.Post(base_ + "/answers", server_.alice(), answer);
  ASSERT_EQ(created.status, 201u) << created.body;
  HttpResult again = server_.Post(base_ + "/answers", server_.bob(), answer);
  EXPECT_EQ(again.status, 409u);
  EXPECT_THAT(again.body,
              HasSubstr("answer " + std::to_string(created.Json().at("id").as_int64())));
  EXPECT_EQ(server_.Post(base_ + "/answers", server_.viewer(), answer).status, 403u);
  answer["question"] = "";
  HttpResult unasked = server_.Post(base_ + "/answers", server_.alice(), answer);
  EXPECT_EQ(unasked.status, 400u);
  EXPECT_THAT(unasked.body, HasSubstr("question is required"));
  answer["question"] = "Another question";
  answer["section"] = "verdicts";
  EXPECT_EQ(server_.Post(base_ + "/answers", server_.alice(), answer).status, 400u);

  std::string path = base_ + "/answers/" + std::to_string(created.Json().at("id").as_int64());
  HttpResult edited = server_.Patch(path, server_.bob(), {{"answer", "Lag was averaged."}}, 1);
  ASSERT_EQ(edited.status, 200u) << edited.body;
  EXPECT_EQ(server_.Patch(path, server_.bob(), {{"answer", "Stale."}}, 1).status, 412u);
  EXPECT_EQ(server_.Get(base_ + "/answers", server_.viewer()).Json().at("items").as_array().size(),
            1u);
}

TEST_F(ReviewTemplatesTest, ExportsFollowTheTemplateAndKeepWhatItHides) {
  ASSERT_EQ(PutTemplate("SEV2", bj::array{Section("lessons",
                                                  {"What surprised you?", "Who else should know?"}),
                                          Section("summary"), Section("factors")})
                .status,
            200u);
  ASSERT_EQ(server_.Post(base_ + "/lessons", server_.alice(), {{"title", "Lag hides"}}).status,
            201u);
  // Answered in the reverse of the template's order; an answer to a question it no longer asks.
  for (auto [question, text] : {std::pair{"Who else should know?", "The data team."},
                                std::pair{"What surprised you?", "That lag was <averaged>."},
                                std::pair{"An older question", "Still kept."}}) {
    ASSERT_EQ(server_
                  .Post(base_ + "/answers", server_.alice(),
                        {{"section", "lessons"}, {"question", question}, {"answer", text}})
                  .status,
              201u);
  }
  // Work as done is not in the template, but was written: it is kept, after the template's own.
  ASSERT_EQ(server_
                .Post(base_ + "/work-as-done", server_.alice(),
                      {{"procedure", "Runbook"}, {"done", "Skipped a step"}})
                .status,
            201u);

  std::string markdown = Markdown(base_ + "/export", server_.alice());
  size_t lessons = markdown.find("## Lessons");
  size_t surprised = markdown.find("**What surprised you?**");
  size_t know = markdown.find("**Who else should know?**");
  size_t older = markdown.find("**An older question**");
  size_t summary = markdown.find("## Summary");
  size_t work = markdown.find("## Work as imagined");
  ASSERT_NE(lessons, std::string::npos) << markdown;
  EXPECT_LT(lessons, surprised);
  EXPECT_LT(surprised, know);
  EXPECT_LT(know, older);
  EXPECT_LT(older, summary);
  EXPECT_LT(summary, work);
  EXPECT_THAT(markdown, HasSubstr("That lag was \\<averaged\\>."));
  // Empty sections the template hides are not shown; factors is listed but empty.
  EXPECT_THAT(markdown, Not(HasSubstr("## Timeline")));
  EXPECT_THAT(markdown, Not(HasSubstr("## Contributing factors")));

  HttpResult json = server_.Get(base_ + "/export?format=json", server_.alice());
  ASSERT_EQ(json.status, 200u);
  EXPECT_EQ(json.Json().at("template").at("sections").at(0).at("section"), "lessons");
  EXPECT_EQ(json.Json().at("answers").as_array().size(), 3u);

  // A published version keeps the template it was published with.
  server_.ApproveReview(key_, server_.alice(), server_.bob(), "Good.");
  ASSERT_EQ(server_.PublishReview(key_, server_.alice()).status, 201u);
  ASSERT_EQ(PutTemplate("SEV2", bj::array{Section("summary")}, 1).status, 200u);
  std::string published = Markdown(base_ + "/versions/1/export", server_.alice());
  EXPECT_LT(published.find("**What surprised you?**"), published.find("## Summary"));
  std::string live = Markdown(base_ + "/export", server_.alice());
  EXPECT_LT(live.find("## Summary"), live.find("**What surprised you?**"));
}

}  // namespace
}  // namespace debrief::http
