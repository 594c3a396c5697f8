// The language checker through the API: POST /api/v1/lint, and the findings every write of a
// prose field returns beside the saved record.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

class LanguageApiTest : public ::testing::Test {
 protected:
  HttpResult Lint(const bj::value& body) {
    return server_.Post("/api/v1/lint", server_.viewer(), body);
  }
  static std::vector<std::string> Rules(const bj::array& findings) {
    std::vector<std::string> rules;
    for (const bj::value& finding : findings) {
      rules.emplace_back(finding.at("rule").as_string());
    }
    return rules;
  }
  TestServer server_;
};

TEST_F(LanguageApiTest, LintReturnsFindingsWithUtf16OffsetsAndExplanations) {
  // "🙂 Zoë " is 7 UTF-16 units before "forgot": the emoji is a surrogate pair.
  HttpResult result = Lint({{"text", "🙂 Zoë forgot to page the DBA. It was human error."},
                            {"participants", {"Zoë Adams"}}});
  ASSERT_EQ(result.status, 200u) << result.body;
  bj::value json = result.Json();
  const bj::array& findings = json.at("findings").as_array();
  ASSERT_EQ(findings.size(), 2u) << result.body;
  const bj::object& forgot = findings.at(0).as_object();
  EXPECT_EQ(forgot.at("rule").as_string(), "counterfactual-failed-to");
  EXPECT_EQ(forgot.at("start").as_int64(), 7);
  EXPECT_EQ(forgot.at("end").as_int64(), 16);
  EXPECT_EQ(forgot.at("excerpt").as_string(), "forgot to");
  EXPECT_FALSE(forgot.at("message").as_string().empty());
  EXPECT_FALSE(forgot.at("suggestion").as_string().empty());
  EXPECT_FALSE(forgot.contains("field"));
  EXPECT_EQ(findings.at(1).at("rule").as_string(), "human-error");
}

TEST_F(LanguageApiTest, ManyTextsInOneRequestAndMechanicalReplacements) {
  HttpResult result =
      Lint({{"texts", {"Obviously Sam saw it.", "All fine here.", "The root cause was DNS."}}});
  ASSERT_EQ(result.status, 200u) << result.body;
  bj::value json = result.Json();
  const bj::array& results = json.at("results").as_array();
  ASSERT_EQ(results.size(), 3u);
  const bj::object& obviously = results.at(0).at("findings").at(0).as_object();
  EXPECT_EQ(obviously.at("replacement").as_string(), "");
  EXPECT_TRUE(results.at(1).at("findings").as_array().empty());
  EXPECT_EQ(results.at(2).at("findings").at(0).at("replacement").as_string(),
            "contributing factor");
  // A rule without a mechanical fix offers advice only.
  bj::value human = Lint({{"text", "It was human error."}}).Json();
  EXPECT_FALSE(human.at("findings").at(0).as_object().contains("replacement"));
  EXPECT_EQ(Lint({{"text", "a"}, {"texts", {"b"}}}).status, 400u);
  EXPECT_EQ(Lint({{"texts", {"a", 1}}}).status, 400u);
}

// A whole document is checked on a worker; the answer is the same as for a short text.
TEST_F(LanguageApiTest, LargeDocumentsAreCheckedToo) {
  std::string document;
  while (document.size() < 40 * 1024) document += "The deploy went out at noon and paged us. ";
  document += "It was human error.";
  bj::value checked = Lint({{"text", document}}).Json();
  ASSERT_EQ(checked.at("findings").as_array().size(), 1u) << bj::serialize(checked);
  bj::value batch = Lint({{"texts", {document, "It was human error."}}}).Json();
  EXPECT_EQ(batch.at("results").as_array().size(), 2u);
}

TEST_F(LanguageApiTest, NamesComeFromTheIncidentToo) {
  std::string key = server_.CreateIncident(server_.alice());
  ASSERT_EQ(server_
                .Post("/api/v1/incidents/" + key + "/participants", server_.alice(),
                      {{"name", "Bob Marsh"}, {"role", "responder"}})
                .status,
            201u);
  // "Bob" is also an English word: a person only where someone has that name.
  EXPECT_TRUE(Lint({{"text", "Bob forgot to check."}}).Json().at("findings").as_array().empty());
  HttpResult with_incident = Lint({{"text", "Bob forgot to check."}, {"incident", key}});
  EXPECT_THAT(Rules(with_incident.Json().at("findings").as_array()),
              ::testing::ElementsAre("counterfactual-failed-to"));
  EXPECT_EQ(Lint({{"text", "x"}, {"incident", "INC-1999-0001"}}).status, 404u);
}

TEST_F(LanguageApiTest, MarkdownModeHonoursDirectivesAndCode) {
  std::string text = "`human error` <!-- debrief-disable-next-line -->\nIt was human error.";
  EXPECT_TRUE(Lint({{"text", text}}).Json().at("findings").as_array().empty());
  EXPECT_EQ(Lint({{"text", text}, {"markdown", false}}).Json().at("findings").as_array().size(),
            2u);
}

TEST_F(LanguageApiTest, BadRequestsAreRefusedWithTheField) {
  auto expect_field = [&](const bj::value& body, std::string_view field) {
    HttpResult result = Lint(body);
    EXPECT_EQ(result.status, 400u) << result.body;
    EXPECT_NE(result.body.find(field), std::string::npos) << result.body;
  };
  expect_field(bj::object{}, "text");
  expect_field({{"text", 42}}, "text");
  expect_field({{"text", "ok"}, {"participants", "Priya"}}, "participants");
  expect_field({{"text", "ok"}, {"participants", {1, 2}}}, "participants");
  expect_field({{"text", "ok"}, {"markdown", "yes"}}, "markdown");
  expect_field({{"text", "ok"}, {"incident", 7}}, "incident");
  expect_field({{"text", "ok"}, {"txet", "typo"}}, "txet");
  // Over the server's body limit (64 KiB in tests, 1 MiB by default): refused before parsing.
  EXPECT_EQ(Lint({{"text", std::string(70'000, 'a')}}).status, 413u);
  HttpResult invalid_utf8 =
      server_.Request("POST", "/api/v1/lint", server_.viewer().token, "{\"text\": \"caf\xe9\"}",
                      {{"Content-Type", "application/json"}});
  EXPECT_EQ(invalid_utf8.status, 400u) << invalid_utf8.body;
  EXPECT_EQ(server_
                .Request("POST", "/api/v1/lint", {}, R"({"text": "x"})",
                         {{"Content-Type", "application/json"}})
                .status,
            401u);
}

TEST_F(LanguageApiTest, RulesAreListedWithExplanations) {
  HttpResult result = server_.Get("/api/v1/lint/rules", server_.viewer());
  ASSERT_EQ(result.status, 200u);
  bj::value json = result.Json();
  const bj::array& rules = json.at("rules").as_array();
  EXPECT_GT(rules.size(), 10u);
  for (const bj::value& rule : rules) {
    EXPECT_FALSE(rule.at("message").as_string().empty()) << rule.at("id").as_string();
    // A rule of the learned classifier has no phrases but says how sure it must be.
    if (rule.at("learned").as_bool()) {
      EXPECT_TRUE(rule.at("phrases").as_array().empty()) << rule.at("id").as_string();
      EXPECT_GT(rule.at("min_probability").as_double(), 0.5) << rule.at("id").as_string();
    } else {
      EXPECT_FALSE(rule.at("phrases").as_array().empty()) << rule.at("id").as_string();
    }
  }
  EXPECT_TRUE(std::any_of(rules.begin(), rules.end(),
                          [](const bj::value& rule) { return rule.at("learned").as_bool(); }));
}

TEST_F(LanguageApiTest, WritesReturnFindingsBesideTheSavedRecordAndAreNeverBlocked) {
  std::string key = server_.CreateIncident(server_.alice());
  std::string base = "/api/v1/incidents/" + key;
  HttpResult account =
      server_.Post(base + "/accounts", server_.alice(), {{"narrative", "Alice forgot to look."}});
  ASSERT_EQ(account.status, 201u) << account.body;
  // Alice is a participant now (writing an account adds her), so her name counts as a person.
  EXPECT_THAT(Rules(account.Json().at("language_findings").as_array()),
              ::testing::ElementsAre("counterfactual-failed-to"));
  EXPECT_EQ(account.Json().at("language_findings").at(0).at("field").as_string(), "narrative");

  std::string path = base + "/accounts/" + std::to_string(account.Json().at("id").as_int64());
  HttpResult entry = server_.Post(path + "/entries", server_.alice(),
                                  {{"at", "2026-03-14T10:05:00Z"},
                                   {"did", "Restarted the pods."},
                                   {"assumed", "It was human error on the deploy."}});
  ASSERT_EQ(entry.status, 201u) << entry.body;
  bj::value entry_json = entry.Json();
  const bj::array& entry_findings = entry_json.at("language_findings").as_array();
  ASSERT_EQ(entry_findings.size(), 1u);
  EXPECT_EQ(entry_findings.at(0).at("field").as_string(), "assumed");
  // Stored as written: the checker advises, it does not edit or refuse.
  EXPECT_EQ(entry_json.at("assumed").as_string(), "It was human error on the deploy.");

  HttpResult decision = server_.Post(base + "/decisions", server_.alice(),
                                     {{"at", "2026-03-14T10:06:00Z"},
                                      {"situation", "Errors rising."},
                                      {"options", {"Roll back", "Obviously Sam saw it"}},
                                      {"choice", "Roll back"}});
  ASSERT_EQ(decision.status, 201u) << decision.body;
  bj::value decision_json = decision.Json();
  const bj::array& decision_findings = decision_json.at("language_findings").as_array();
  ASSERT_EQ(decision_findings.size(), 1u) << decision.body;
  EXPECT_EQ(decision_findings.at(0).at("field").as_string(), "options");
  EXPECT_EQ(decision_findings.at(0).at("index").as_int64(), 1);

  HttpResult patched =
      server_.Patch(base, server_.alice(), {{"summary", "The root cause was a bad config push."}},
                    server_.Get(base, server_.alice()).Json().at("version").as_int64());
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_THAT(Rules(patched.Json().at("language_findings").as_array()),
              ::testing::ElementsAre("root-cause"));
  // Reads do not carry findings; GET is for the record alone.
  EXPECT_FALSE(server_.Get(base, server_.alice()).Json().as_object().contains("language_findings"));
}

// "Not blame here": a member dismisses one finding; the same sentence draws no finding of that
// rule again, for anyone, while the same phrase elsewhere still does.
TEST_F(LanguageApiTest, ADismissedFindingIsNotReportedAgainAndIsCounted) {
  std::string text = "🙂 Obviously Sam saw the alert. Later Sam obviously restarted it.";
  bj::value before = Lint({{"text", text}}).Json();
  const bj::array& findings = before.at("findings").as_array();
  ASSERT_EQ(findings.size(), 2u) << bj::serialize(before);
  const bj::object& first = findings.at(0).as_object();
  bj::object dismissal{{"text", text},
                       {"rule", first.at("rule")},
                       {"start", first.at("start")},
                       {"end", first.at("end")}};
  // Viewers read; they do not dismiss.
  EXPECT_EQ(server_.Post("/api/v1/lint/dismissals", server_.viewer(), dismissal).status, 403u);
  HttpResult dismissed = server_.Post("/api/v1/lint/dismissals", server_.alice(), dismissal);
  ASSERT_EQ(dismissed.status, 201u) << dismissed.body;
  EXPECT_EQ(dismissed.Json().at("phrase").as_string(), "obviously");
  EXPECT_TRUE(dismissed.Json().at("recorded").as_bool());
  EXPECT_EQ(server_.Post("/api/v1/lint/dismissals", server_.alice(), dismissal).status, 200u);

  bj::value after = Lint({{"text", text}}).Json();
  ASSERT_EQ(after.at("findings").as_array().size(), 1u) << bj::serialize(after);
  EXPECT_EQ(after.at("findings").at(0).at("excerpt").as_string(), "obviously");
  EXPECT_GT(after.at("findings").at(0).at("start").as_int64(), first.at("start").as_int64());
  // The same words in another text, for another person.
  bj::value elsewhere =
      server_.Post("/api/v1/lint", server_.bob(), {{"text", "OBVIOUSLY sam saw   the alert"}})
          .Json();
  EXPECT_TRUE(elsewhere.at("findings").as_array().empty()) << bj::serialize(elsewhere);

  // Admins see the counts, never the sentence.
  EXPECT_EQ(server_.Get("/api/v1/lint/dismissals", server_.alice()).status, 403u);
  HttpResult report = server_.Get("/api/v1/lint/dismissals", server_.admin());
  ASSERT_EQ(report.status, 200u) << report.body;
  EXPECT_EQ(report.body.find("alert"), std::string::npos) << report.body;
  bj::value report_json = report.Json();
  const bj::object& rule = report_json.at("rules").at(0).as_object();
  EXPECT_EQ(rule.at("rule"), first.at("rule"));
  EXPECT_EQ(rule.at("dismissals").as_int64(), 1);
  EXPECT_EQ(rule.at("phrases").at(0).at("phrase").as_string(), "obviously");
  EXPECT_TRUE(rule.at("phrases").at(0).at("allow_entry").is_null());

  // A careless "not blame here" is undone by an admin: the hint comes back.
  std::string clear = "/api/v1/lint/dismissals?rule=judgmental-obviously&phrase=Obviously";
  EXPECT_EQ(server_.Request("DELETE", clear, server_.alice().token).status, 403u);
  EXPECT_EQ(server_.Request("DELETE", "/api/v1/lint/dismissals", server_.admin().token).status,
            400u);
  HttpResult cleared = server_.Request("DELETE", clear, server_.admin().token);
  ASSERT_EQ(cleared.status, 200u) << cleared.body;
  EXPECT_EQ(cleared.Json().at("removed").as_int64(), 1);
  EXPECT_EQ(Lint({{"text", text}}).Json().at("findings").as_array().size(), 2u);
}

TEST_F(LanguageApiTest, DismissalsOfWhatTheCheckerDoesNotReportAreRefused) {
  std::string text = "We should have checked the logs.";
  bj::value checked = Lint({{"text", text}}).Json();
  const bj::object& finding = checked.at("findings").at(0).as_object();
  auto dismiss = [&](bj::object body) {
    return server_.Post("/api/v1/lint/dismissals", server_.alice(), body);
  };
  bj::object good{{"text", text},
                  {"rule", finding.at("rule")},
                  {"start", finding.at("start")},
                  {"end", finding.at("end")}};
  bj::object wrong_rule = good;
  wrong_rule["rule"] = "human-error";
  EXPECT_EQ(dismiss(wrong_rule).status, 400u);
  bj::object wrong_place = good;
  wrong_place["start"] = 0;
  EXPECT_EQ(dismiss(wrong_place).status, 400u);
  bj::object past_end = good;
  past_end["end"] = 1000;
  HttpResult refused = dismiss(past_end);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_NE(refused.body.find("\"end\""), std::string::npos) << refused.body;
  bj::object not_a_number = good;
  not_a_number["start"] = "3";
  EXPECT_EQ(dismiss(not_a_number).status, 400u);
  bj::object unknown = good;
  unknown["sentence"] = "x";
  EXPECT_EQ(dismiss(unknown).status, 400u);
  bj::object missing = good;
  missing.erase("text");
  EXPECT_EQ(dismiss(missing).status, 400u);
  // Inside a surrogate pair is no offset at all.
  EXPECT_EQ(dismiss({{"text", "🙂 We should have checked."},
                     {"rule", finding.at("rule")},
                     {"start", 1},
                     {"end", 4}})
                .status,
            400u);
  EXPECT_EQ(server_
                .Request("POST", "/api/v1/lint/dismissals", server_.alice().token,
                         "{\"text\": \"\xff\xfe\", \"rule\": \"x\", \"start\": 0, \"end\": 1}")
                .status,
            400u);
  EXPECT_EQ(server_.Request("POST", "/api/v1/lint/dismissals", "", bj::serialize(good)).status,
            401u);
  // Nothing was recorded.
  bj::value report = server_.Get("/api/v1/lint/dismissals", server_.admin()).Json();
  EXPECT_TRUE(report.at("rules").as_array().empty());
  EXPECT_EQ(Lint({{"text", text}}).Json().at("findings").as_array().size(), 1u);
}

TEST_F(LanguageApiTest, AdminsTurnAPhraseIntoAnAllowEntry) {
  std::string text = "Obviously Sam saw the alert. Later Sam obviously restarted it.";
  ASSERT_EQ(Lint({{"text", text}}).Json().at("findings").as_array().size(), 2u);
  bj::object entry{{"phrase", "Obviously  Sam saw"}, {"rule", "judgmental-obviously"}};
  EXPECT_EQ(server_.Post("/api/v1/lint/allowed", server_.alice(), entry).status, 403u);
  HttpResult added = server_.Post("/api/v1/lint/allowed", server_.admin(), entry);
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.Json().at("phrase").as_string(), "obviously sam saw");
  EXPECT_EQ(server_.Post("/api/v1/lint/allowed", server_.admin(), entry).status, 409u);
  EXPECT_EQ(server_
                .Post("/api/v1/lint/allowed", server_.admin(),
                      {{"phrase", "x"}, {"rule", "no-such-rule"}})
                .status,
            400u);
  EXPECT_EQ(server_.Post("/api/v1/lint/allowed", server_.admin(), {{"phrase", " ,. "}}).status,
            400u);
  EXPECT_EQ(server_.Post("/api/v1/lint/allowed", server_.admin(), {{"phrase", 3}}).status, 400u);

  // Only the finding inside the phrase goes; the other "obviously" stays.
  bj::value after = Lint({{"text", text}}).Json();
  ASSERT_EQ(after.at("findings").as_array().size(), 1u) << bj::serialize(after);
  EXPECT_EQ(after.at("findings").at(0).at("start").as_int64(), 39);
  HttpResult listed = server_.Get("/api/v1/lint/allowed", server_.viewer());
  ASSERT_EQ(listed.status, 200u);
  ASSERT_EQ(listed.Json().at("allowed").as_array().size(), 1u);
  int64_t id = listed.Json().at("allowed").at(0).at("id").as_int64();

  std::string path = "/api/v1/lint/allowed/" + std::to_string(id);
  EXPECT_EQ(server_.Request("DELETE", path, server_.alice().token).status, 403u);
  EXPECT_EQ(server_.Request("DELETE", path, server_.admin().token).status, 204u);
  EXPECT_EQ(server_.Request("DELETE", path, server_.admin().token).status, 404u);
  EXPECT_EQ(Lint({{"text", text}}).Json().at("findings").as_array().size(), 2u);
}

}  // namespace
}  // namespace debrief::http
