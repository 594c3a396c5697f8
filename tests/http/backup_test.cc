// Backups of a database with everything in it: private and released accounts, every kind of
// record, reviewers and comments, published versions, rules, tokens and the audit log. Restored
// into an empty database, it reads back to the same bytes and behaves as the original.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/backup/backup_json.h"
#include "security/token.h"
#include "store/backup.h"
#include "store/open.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using testing::HttpResult;
using testing::TestServer;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-backup-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    key_ = server_.CreateIncident(server_.alice(), {{"title", "Queue backlog"},
                                                    {"severity", "SEV2"},
                                                    {"status", "resolved"},
                                                    {"services", bj::array{"queue"}},
                                                    {"started_at", "2026-03-13T10:00:00Z"},
                                                    {"resolved_at", "2026-03-13T11:00:00Z"}});
    std::string base = "/api/v1/incidents/" + key_;
    Ok(server_.Post(base + "/participants", server_.alice(),
                    {{"user_id", server_.bob().id}, {"role", "on_call"}}));
    HttpResult bob =
        server_.Post(base + "/accounts", server_.bob(),
                     {{"narrative", "I restarted the consumer."}, {"visibility", "in_review"}});
    Ok(bob);
    std::string bob_account = base + "/accounts/" + std::to_string(bob.Json().at("id").as_int64());
    Ok(server_.Post(
        bob_account + "/entries", server_.bob(),
        {{"at", "2026-03-13T10:05:00Z"}, {"did", "Restarted it"}, {"saw", "Lag: 2 h"}}));
    HttpResult event = server_.Post(base + "/events", server_.alice(),
                                    {{"at", "2026-03-13T10:00:00Z"},
                                     {"kind", "alert"},
                                     {"text", "Lag alert — «queue» ünïcode"}});
    Ok(event);
    Ok(server_.Post(
        base + "/decisions", server_.alice(),
        {{"at", "2026-03-13T10:06:00Z"}, {"situation", "Lag growing"}, {"choice", "Restart"}}));
    HttpResult factor = server_.Post(base + "/factors", server_.alice(),
                                     {{"category", "capacity"}, {"text", "One consumer"}});
    Ok(factor);
    Ok(server_.Post(base + "/work-as-done", server_.alice(),
                    {{"procedure", "Runbook"}, {"done", "Skipped"}}));
    Ok(server_.Post(base + "/actions", server_.alice(),
                    {{"title", "Scale consumers"},
                     {"owner_id", server_.bob().id},
                     {"factor_ids", bj::array{factor.Json().at("id")}},
                     {"due_on", "2026-04-01"}}));
    Ok(server_.Post(base + "/lessons", server_.alice(),
                    {{"title", "Lag hides"}, {"author_ids", bj::array{server_.bob().id}}}));
    HttpResult comment =
        server_.Post(base + "/comments", server_.bob(),
                     {{"anchor", "event:" + std::to_string(event.Json().at("id").as_int64())},
                      {"body", "When did the lag start?"}});
    Ok(comment);
    Ok(server_.Post(base + "/comments", server_.alice(),
                    {{"reply_to", comment.Json().at("id")}, {"body", "At 09:40."}}));
    // Two imports, one of them undone: each kept as a unit its events name.
    for (const char* content :
         {"10:01 consumer lag 5 min\n10:02 consumer lag 9 min\n", "10:03 consumer restarted\n"}) {
      Ok(server_.Post(base + "/timeline/import", server_.alice(),
                      {{"format", "paste"}, {"content", content}, {"date", "2026-03-13"}}));
    }
    bj::value imports = server_.Get(base + "/imports", server_.alice()).Json();
    Ok(server_.Request(
        "DELETE",
        base + "/imports/" + std::to_string(imports.at("items").at(0).at("id").as_int64()),
        server_.alice().token));
    Ok(server_.Request("PUT", "/api/v1/me/notification-settings", server_.bob().token,
                       R"({"email_kinds": ["mentioned"], "email_digest_hour": 8})",
                       {{"Content-Type", "application/json"}, {"If-None-Match", "*"}}));
    Ok(server_.Request(
        "PUT", "/api/v1/review-templates/SEV2", server_.admin().token,
        R"({"sections": [{"section": "lessons", "questions": ["Who should know?"]}]})",
        {{"Content-Type", "application/json"}, {"If-None-Match", "*"}}));
    Ok(server_.Post(base + "/answers", server_.bob(),
                    {{"section", "lessons"},
                     {"question", "Who should know?"},
                     {"answer", "The «data» team."}}));
    server_.ApproveReview(key_, server_.alice(), server_.bob(), "Good.");
    HttpResult published = server_.PublishReview(key_, server_.alice());
    Ok(published);
    // An incident still open, with an account its author keeps private.
    std::string open = server_.CreateIncident(server_.bob(), {{"title", "Still open"}});
    Ok(server_.Post("/api/v1/incidents/" + open + "/accounts", server_.alice(),
                    {{"narrative", "Private notes."}}));
    {
      // The file an incident was imported from, written through a second connection as the CLI
      // would.
      auto importer = store::OpenStore(server_.database(), server_.clock());
      ASSERT_TRUE(importer);
      auto incident = (*importer)->GetIncident(open);
      ASSERT_TRUE(incident);
      store::ImportedDocument document;
      document.incident_id = incident->id;
      document.name = "archive/2019-queue.md";
      document.digest = "ab12";
      document.content =
          "# Queue backlog\n\n## Timeline\n\n- 10:00 lag alert \u2014 \u00fcn\u00efcode\n";
      ASSERT_TRUE((*importer)->AddImportedDocument(document, {}));
      // Who was in the incident channel, and since when.
      auto people = (*importer)->participants().List(incident->id);
      ASSERT_TRUE(people && !people->empty());
      core::AudienceMembership membership;
      membership.participant_id = people->front().id;
      membership.audience = "channel:#still-open";
      membership.since = core::ParseRfc3339("2026-03-14T10:04:00Z");
      ASSERT_TRUE((*importer)->ReplaceAudienceMemberships(incident->id, "import:slack:C9",
                                                          {membership}, {}));
      // A review pulse answered: who answered and the counts, kept apart.
      ASSERT_TRUE(
          (*importer)->AddPulseAnswer(incident->id, server_.bob().id, {"somewhat", "maybe"}, {}));
    }
    Ok(server_.Request("PUT", "/api/v1/review-rules/SEV4", server_.admin().token,
                       R"({"review_required": true, "due_business_days": 3})",
                       {{"Content-Type", "application/json"}, {"If-None-Match", "*"}}));
    Ok(server_.Post("/api/v1/me/tokens", server_.alice(), {{"name", "ci"}}));
    Ok(server_.Post("/api/v1/webhooks", server_.admin(),
                    {{"url", "https://hooks.example.com/debrief"},
                     {"events", {"review.published"}},
                     {"secret", "a-long-shared-secret"}}));
    HttpResult hook = server_.Post(
        "/api/v1/alert-hooks", server_.admin(),
        {{"name", "prod"},
         {"routes",
          bj::array{bj::object{{"matchers", {"service=~\"check.*\""}}, {"incident_key", key_}}}}});
    Ok(hook);
    alert_hook_token_ = std::string(hook.Json().at("token").as_string());
    // What people told the language checker.
    std::string text = "Obviously Sam saw the alert.";
    Ok(server_.Post("/api/v1/lint/dismissals", server_.alice(),
                    {{"text", text}, {"rule", "judgmental-obviously"}, {"start", 0}, {"end", 9}}));
    Ok(server_.Post("/api/v1/lint/allowed", server_.admin(), {{"phrase", "obviously wrong"}}));
  }
  void TearDown() override { fs::remove_all(directory_); }

  static void Ok(const HttpResult& result) { ASSERT_LT(result.status, 300u) << result.body; }

  std::string BackupText(store::Store& store) {
    auto backup = store::ReadBackup(store);
    EXPECT_TRUE(backup) << backup.error().message();
    return bj::serialize(formats::EncodeBackup(*backup));
  }

  std::unique_ptr<store::Store> EmptyStore(const std::string& name) {
    auto store = store::OpenStore((directory_ / name).string(), server_.clock());
    EXPECT_TRUE(store);
    return std::move(*store);
  }

  TestServer server_;
  fs::path directory_;
  std::string key_;
  std::string alert_hook_token_;
};

TEST_F(BackupTest, RestoresEverythingByteForByte) {
  std::string original = BackupText(server_.store());
  bj::value json = bj::parse(original);
  EXPECT_EQ(json.at("users").as_array().size(), 4u);
  EXPECT_EQ(json.at("api_tokens").as_array().size(), 5u);  // One per test user, and "ci".
  ASSERT_EQ(json.at("webhooks").as_array().size(), 1u);
  EXPECT_EQ(json.at("webhooks").at(0).at("secret").as_string(), "a-long-shared-secret");
  ASSERT_EQ(json.at("incidents").as_array().size(), 2u);
  const bj::value& first = json.at("incidents").at(0);
  EXPECT_EQ(first.at("accounts").as_array().size(), 1u);
  EXPECT_EQ(json.at("incidents").at(1).at("accounts").at(0).at("visibility").as_string(),
            "private");  // Private accounts are kept too.
  EXPECT_EQ(first.at("comments").as_array().size(), 2u);
  EXPECT_EQ(first.at("answers").at(0).at("answer").as_string(), "The «data» team.");
  ASSERT_EQ(first.at("event_imports").as_array().size(), 2u);
  EXPECT_EQ(first.at("event_imports").at(0).at("added"), 2);
  EXPECT_TRUE(first.at("event_imports").at(0).at("undone_at").is_null());
  EXPECT_FALSE(first.at("event_imports").at(1).at("undone_at").is_null());
  ASSERT_EQ(json.at("notification_settings").as_array().size(), 1u);
  EXPECT_EQ(json.at("notification_settings").at(0).at("email_digest_hour"), 8);
  EXPECT_EQ(json.at("review_templates").at(0).at("sections").at(0).at("questions").at(0),
            "Who should know?");
  EXPECT_EQ(first.at("published_versions").as_array().size(), 1u);
  const bj::array& documents = json.at("incidents").at(1).at("imported_documents").as_array();
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents.at(0).at("name").as_string(), "archive/2019-queue.md");
  EXPECT_NE(std::string(documents.at(0).at("content").as_string()).find("lag alert"),
            std::string::npos);
  const bj::array& memberships = json.at("incidents").at(1).at("audience_memberships").as_array();
  ASSERT_EQ(memberships.size(), 1u);
  EXPECT_EQ(memberships.at(0).at("since").as_string(), "2026-03-14T10:04:00Z");
  EXPECT_TRUE(memberships.at(0).at("until").is_null());
  const bj::value& pulse = json.at("incidents").at(1).at("pulse");
  EXPECT_EQ(pulse.at("respondents").as_array(), (bj::array{server_.bob().id}));
  ASSERT_EQ(pulse.at("counts").as_array().size(), 2u);
  EXPECT_EQ(pulse.at("counts").at(0).at("question").as_string(), "again");
  EXPECT_EQ(pulse.at("counts").at(0).at("answer").as_string(), "maybe");

  auto decoded = formats::DecodeBackup(json);
  ASSERT_TRUE(decoded) << decoded.error().message();
  auto restored = EmptyStore("restored.db");
  auto written = restored->Restore(*decoded);
  ASSERT_TRUE(written) << written.error().message();
  EXPECT_EQ(BackupText(*restored), original);

  // The restored database carries on where the original stopped.
  auto incident = restored->GetIncident(key_);
  ASSERT_TRUE(incident);
  EXPECT_EQ(incident->version, server_.store().GetIncident(key_)->version);
  EXPECT_EQ(incident->review_status, core::ReviewStatus::kPublished);
  // Each incident's generation goes on from its restored audit log, and keeps growing.
  int64_t generation = *restored->IncidentGeneration(incident->id);
  EXPECT_GT(generation, 0);
  core::Incident retitled = *incident;
  retitled.title = "Checkout errors (restored)";
  auto updated = restored->UpdateIncident(retitled, incident->version, {});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_GT(*restored->IncidentGeneration(incident->id), generation);
  core::Incident next;
  next.title = "After the restore";
  next.severity = "SEV3";
  next.created_by = server_.alice().id;
  auto created = restored->CreateIncident(next, {});
  ASSERT_TRUE(created);
  EXPECT_EQ(created->key, "INC-2026-0003");
  // Webhooks come back with their secrets, so deliveries are signed as before.
  auto webhooks = restored->ListWebhooks();
  ASSERT_EQ(webhooks->size(), 1u);
  EXPECT_EQ((*webhooks)[0].secret, "a-long-shared-secret");
  // Alert hooks come back with their routes, and Alertmanager's token still opens them.
  ASSERT_EQ(json.at("alert_hooks").as_array().size(), 1u);
  auto hook = restored->FindAlertHookByToken(security::HashToken(alert_hook_token_));
  ASSERT_TRUE(hook) << hook.error().message();
  EXPECT_EQ(hook->name, "prod");
  ASSERT_EQ(hook->routes.size(), 1u);
  EXPECT_EQ(hook->routes[0].matchers, std::vector<std::string>{"service=~\"check.*\""});
  EXPECT_EQ(hook->routes[0].incident_key, key_);
  // Dismissals and allow-entries come back: the checker stays quiet where it was told to.
  ASSERT_EQ(json.at("language_dismissals").as_array().size(), 1u);
  EXPECT_EQ(json.at("language_allow_entries").at(0).at("phrase").as_string(), "obviously wrong");
  EXPECT_EQ(restored->ListDismissedSentences()->size(), 1u);
  EXPECT_EQ(restored->ListLanguageAllowEntries()->size(), 1u);
  // Imports can still be undone after a restore; people keep what they chose to be told.
  auto restored_imports = restored->ListEventImports(incident->id);
  ASSERT_TRUE(restored_imports);
  ASSERT_EQ(restored_imports->size(), 2u);
  EXPECT_EQ(restored_imports->back().added, 2);
  auto settings = restored->GetNotificationSettings(server_.bob().id);
  ASSERT_TRUE(settings && *settings);
  EXPECT_EQ((*settings)->email_digest_hour, 8);
  // Its published review is waiting to be indexed for the library (the import command does it).
  EXPECT_EQ(restored->LibraryBacklog()->size(), 1u);
}

TEST_F(BackupTest, BackupsFromEarlierVersionsStillRestore) {
  auto backup = store::ReadBackup(server_.store());
  ASSERT_TRUE(backup);
  bj::object json = formats::EncodeBackup(*backup);
  json.erase("review_templates");
  json.erase("notification_settings");
  for (bj::value& incident : json["incidents"].as_array()) {
    incident.as_object().erase("answers");
    incident.as_object().erase("event_imports");
  }
  auto decoded = formats::DecodeBackup(json);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_TRUE(decoded->review_templates.empty());
  EXPECT_TRUE(decoded->incidents[0].answers.empty());
  auto restored = EmptyStore("before-templates.db");
  ASSERT_TRUE(restored->Restore(*decoded));
  EXPECT_TRUE(restored->ListReviewTemplates()->empty());
  EXPECT_FALSE(*restored->GetNotificationSettings(server_.bob().id));
  // A notification kind this version does not know is refused by where it is.
  json = formats::EncodeBackup(*backup);
  json["notification_settings"].as_array()[0].as_object()["chat_kinds"] = bj::array{"gossip"};
  decoded = formats::DecodeBackup(json);
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().message(), ::testing::HasSubstr("notification_settings[0]"));
  // A broken template is refused by where it is, like any other part.
  json = formats::EncodeBackup(*backup);
  json["review_templates"].as_array()[0].as_object()["sections"] = "lessons";
  decoded = formats::DecodeBackup(json);
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().message(), ::testing::HasSubstr("review_templates[0]"));
}

// A hostile key of megabytes is named by its start: the error line stays a line.
TEST_F(BackupTest, AnUnknownKeyIsNamedShortly) {
  auto backup = store::ReadBackup(server_.store());
  ASSERT_TRUE(backup);
  bj::object json = formats::EncodeBackup(*backup);
  json["users"].as_array()[0].as_object()[std::string(4'000'000, 'k')] = 1;
  auto decoded = formats::DecodeBackup(json);
  ASSERT_FALSE(decoded);
  EXPECT_LT(decoded.error().message().size(), 300u);
  EXPECT_THAT(decoded.error().message(), ::testing::HasSubstr("unknown field kkkk"));
  // The API says it as shortly.
  HttpResult refused = server_.Post("/api/v1/incidents", server_.alice(),
                                    {{"title", "x"}, {std::string(60'000, 'z'), 1}});
  EXPECT_EQ(refused.status, 400u);
  EXPECT_LT(refused.body.size(), 1'000u);
}

TEST_F(BackupTest, RestoresOnlyIntoAnEmptyDatabase) {
  auto backup = store::ReadBackup(server_.store());
  ASSERT_TRUE(backup);
  auto restored = EmptyStore("twice.db");
  ASSERT_TRUE(restored->Restore(*backup));
  std::string once = BackupText(*restored);
  auto again = restored->Restore(*backup);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(BackupText(*restored), once);
}

TEST_F(BackupTest, AFailedRestoreLeavesNothingBehind) {
  auto backup = store::ReadBackup(server_.store());
  ASSERT_TRUE(backup);
  // A comment that answers a comment the backup does not hold breaks a reference.
  backup->incidents[0].comments[1].reply_to = 999;
  auto restored = EmptyStore("broken.db");
  auto failed = restored->Restore(*backup);
  ASSERT_FALSE(failed);
  EXPECT_THAT(failed.error().message(),
              ::testing::HasSubstr(key_ + ", comment " +
                                   std::to_string(backup->incidents[0].comments[1].id)));
  EXPECT_TRUE(restored->ListUsers()->empty());
  EXPECT_EQ(restored->ListReviewRules()->size(), 2u);  // The defaults, untouched.
}

TEST_F(BackupTest, ABrokenRecordIsRefusedByWhereItIs) {
  auto backup = store::ReadBackup(server_.store());
  ASSERT_TRUE(backup);
  bj::object json = formats::EncodeBackup(*backup);
  json["incidents"].as_array()[0].as_object()["events"].as_array()[0].as_object()["colour"] = "red";
  auto decoded = formats::DecodeBackup(json);
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().message(), ::testing::HasSubstr("incidents[0].events[0]: colour"));
  json = formats::EncodeBackup(*backup);
  json["incidents"].as_array()[0].as_object()["comments"].as_array()[0].as_object()["body"] = 7;
  decoded = formats::DecodeBackup(json);
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().message(), ::testing::HasSubstr("incidents[0].comments[0]: body"));
  // A pulse count of an answer its question does not take, or a respondent that is not an id.
  json = formats::EncodeBackup(*backup);
  json["incidents"]
      .as_array()[1]
      .as_object()["pulse"]
      .as_object()["counts"]
      .as_array()[0]
      .as_object()["answer"] = "somewhat";
  decoded = formats::DecodeBackup(json);
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().message(),
              ::testing::HasSubstr("incidents[1].pulse.counts[0]: not an answer of the pulse"));
  json = formats::EncodeBackup(*backup);
  json["incidents"].as_array()[1].as_object()["pulse"].as_object()["respondents"] =
      bj::array{"bob"};
  decoded = formats::DecodeBackup(json);
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().message(),
              ::testing::HasSubstr("incidents[1].pulse.respondents[0]: must be a user id"));
}

TEST(BackupJson, RefusesWhatIsNotABackupAndSaysWhere) {
  auto refused = [](const std::string& text) {
    auto decoded = formats::DecodeBackup(bj::parse(text));
    EXPECT_FALSE(decoded) << text;
    return decoded ? std::string() : decoded.error().message();
  };
  EXPECT_THAT(refused("[]"), ::testing::HasSubstr("must be an object"));
  EXPECT_THAT(refused(R"({"format": "debrief-incident"})"), ::testing::HasSubstr("export --all"));
  EXPECT_THAT(refused(R"({"format": "debrief-backup", "format_version": 9})"),
              ::testing::HasSubstr("format_version 9"));
  std::string head = R"({"format": "debrief-backup", "format_version": 1, "users": [], )"
                     R"("api_tokens": [], "review_rules": [], "webhooks": [], )";
  EXPECT_THAT(refused(head + R"("incidents": [], "audit": [{"id": "one"}]})"),
              ::testing::HasSubstr("audit[0]: id must be a whole number"));
  EXPECT_THAT(refused(R"({"format": "debrief-backup", "format_version": 1, "users": [{"id": 1, )"
                      R"("email": "a@b.c", "name": "A", "role": "owner", "password_hash": "x", )"
                      R"("disabled": false, "created_at": "2026-01-01T00:00:00Z"}]})"),
              ::testing::HasSubstr("users[0]: role must be"));
}

}  // namespace
}  // namespace debrief::http
