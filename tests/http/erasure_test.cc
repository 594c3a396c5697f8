// Erasing a person on request, end to end: after an admin erases one of the demo's people, no
// answer of any route (for an admin, a member and a viewer), no export, no backup and no byte of a
// copy of the database holds their name or address; what they kept to themselves is gone; what
// they released stays under the label; they can no longer sign in with anything they had.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/demo_incident.h"
#include "formats/backup/backup_json.h"
#include "http/router.h"
#include "security/token.h"
#include "store/backup.h"
#include "support/route_paths.h"
#include "support/test_server.h"

namespace debrief::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace bj = boost::json;

constexpr char kPrivateWord[] = "zephyrquill";  // Only in the account she kept to herself.

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

class ErasureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.OnServerThread([&] {
      store::Store& store = server_.store();
      auto seed = cli::SeedDemo(store, server_.clock());
      ASSERT_TRUE(seed) << seed.error().message();
      seed_ = *seed;
      auto priya = store.FindUserByEmail("priya@example.com");
      ASSERT_TRUE(priya);
      priya_ = *priya;
      priya_token_ = security::NewToken("dbr_");
      core::ApiToken token;
      token.user_id = priya_.id;
      token.name = "Priya's laptop";
      token.token_hash = security::HashToken(priya_token_);
      ASSERT_TRUE(store.CreateApiToken(token, {}));
      // An incident where she wrote an account and kept it to herself.
      core::Incident incident;
      incident.title = "Queue backlog on the ledger consumer";
      incident.summary = "Priya Raman noticed the backlog first.";
      incident.created_by = priya_.id;
      auto created = store.CreateIncident(incident, {priya_.id, "{}"});
      ASSERT_TRUE(created) << created.error().message();
      private_key_ = created->key;
      core::Participant participant;
      participant.incident_id = created->id;
      participant.user_id = priya_.id;
      participant.name = "Priya Raman";
      auto joined = store.participants().Insert(participant, {priya_.id, "{}"});
      ASSERT_TRUE(joined);
      core::Account account;
      account.incident_id = created->id;
      account.participant_id = joined->id;
      account.author_id = priya_.id;
      account.narrative = std::string("I kept this to myself: ") + kPrivateWord;
      account.visibility = core::AccountVisibility::kPrivate;
      ASSERT_TRUE(store.accounts().Insert(account, {priya_.id, "{}"}));
    });
  }

  // Every GET route, filled in for each incident, as each caller; with the exports in every
  // format and the queries that search by her name.
  // The bodies, each after a line naming the request (which never holds what is searched for:
  // the names searched by are left out of it).
  std::string EverythingAnyoneCanRead() {
    std::vector<std::string> targets;
    for (const std::string& key : {seed_.incident_key, seed_.published_key, private_key_}) {
      for (const http::Route& route : http::Routes()) {
        if (route.method != boost::beast::http::verb::get) continue;
        for (int64_t id : {int64_t{1}, int64_t{2}, int64_t{3}}) {
          targets.push_back(FillRoute(route.pattern, {key, id, id, priya_.id, id}));
        }
      }
      std::string base = "/api/v1/incidents/" + key;
      for (const char* format : {"md", "html", "json"}) {
        targets.push_back(base + "/export?format=" + format);
        targets.push_back(base + "/versions/1/export?format=" + format);
      }
      targets.push_back(base + "/export?format=json&anonymised=true");
    }
    for (const char* query : {"priya", "raman", "Priya%20Raman", "zephyrquill"}) {
      targets.push_back(std::string("/api/v1/library/search?q=") + query);
      targets.push_back(std::string("/api/v1/incidents?q=") + query);
      targets.push_back(std::string("/api/v1/library/lessons?q=") + query);
    }
    targets.push_back("/api/v1/audit?limit=500");
    targets.push_back("/api/v1/webhooks/" + std::to_string(webhook_id_) + "/deliveries");
    std::string everything;
    for (const TestUser* user : {&server_.admin(), &server_.alice(), &server_.viewer()}) {
      for (const std::string& target : targets) {
        HttpResult result = server_.Get(target, *user);
        EXPECT_LT(result.status, 500u) << target << ": " << result.body;
        everything += "GET " + std::to_string(&target - targets.data()) + ": " + result.body + "\n";
      }
    }
    return everything;
  }

  std::string Backup() {
    std::string json;
    server_.OnServerThread([&] {
      auto backup = store::ReadBackup(server_.store());
      ASSERT_TRUE(backup) << backup.error().message();
      json = bj::serialize(formats::EncodeBackup(*backup));
    });
    return json;
  }

  // What a copy of the database file holds, byte for byte (SQLite only).
  std::optional<std::string> DatabaseCopy() {
    if (server_.database().starts_with("postgres")) return std::nullopt;
    auto path = std::filesystem::temp_directory_path() /
                ("debrief-erasure-copy-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    server_.OnServerThread([&] { ASSERT_TRUE(server_.store().CopySnapshot(path.string())); });
    std::ifstream file(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    return bytes;
  }

  HttpResult Erase(int64_t user_id, int64_t version, const bj::object& body = {}) {
    return server_.Request(
        "POST", "/api/v1/users/" + std::to_string(user_id) + "/erasure", server_.admin().token,
        bj::serialize(body),
        {{"Content-Type", "application/json"}, {"If-Match", std::to_string(version)}});
  }

  void AskHerToReview() {
    HttpResult webhook = server_.Post("/api/v1/webhooks", server_.admin(),
                                      {{"url", "http://127.0.0.1:9/hook"},
                                       {"events", bj::array{"review.requested"}},
                                       {"secret", "a-secret-of-sixteen-or-more"}});
    ASSERT_EQ(webhook.status, 201u) << webhook.body;
    webhook_id_ = webhook.Json().at("id").as_int64();
    std::string key = server_.CreateIncident(
        server_.alice(), {{"status", "resolved"}, {"resolved_at", "2026-03-14T11:00:00Z"}});
    int64_t version =
        server_.Get("/api/v1/incidents/" + key, server_.alice()).Json().at("version").as_int64();
    HttpResult asked = server_.Request(
        "POST", "/api/v1/incidents/" + key + "/review/request", server_.alice().token,
        bj::serialize(bj::object{{"reviewers", bj::array{priya_.id}}}),
        {{"Content-Type", "application/json"}, {"If-Match", std::to_string(version)}});
    ASSERT_EQ(asked.status, 200u) << asked.body;
  }

  TestServer server_;
  cli::DemoSeed seed_;
  core::User priya_;
  std::string priya_token_;
  std::string private_key_;
  int64_t webhook_id_ = 0;
};

TEST_F(ErasureTest, NoOutputHoldsTheNameOrAddressAfterwards) {
  AskHerToReview();
  // She changed her name once: the old one is in the records and the audit log, the new one in
  // the directory.
  HttpResult renamed = server_.Patch("/api/v1/users/" + std::to_string(priya_.id), server_.admin(),
                                     {{"name", "Priya Raman-Iyer"}}, priya_.version);
  ASSERT_EQ(renamed.status, 200u) << renamed.body;
  priya_.version = renamed.Json().at("version").as_int64();
  // Before: she is everywhere, so the search below is one that finds her.
  std::string before = Lower(EverythingAnyoneCanRead() + Backup());
  ASSERT_THAT(before, HasSubstr("priya raman"));
  ASSERT_THAT(before, HasSubstr("priya@example.com"));
  ASSERT_THAT(before, HasSubstr(kPrivateWord));
  auto copy_before = DatabaseCopy();
  if (copy_before) {
    ASSERT_THAT(*copy_before, HasSubstr("Priya Raman"));
  }

  HttpResult erased = Erase(priya_.id, priya_.version, {{"also_known_as", bj::array{"pri"}}});
  ASSERT_EQ(erased.status, 200u) << erased.body;
  bj::value report = erased.Json();
  std::string label = "erased person " + std::to_string(priya_.id);
  EXPECT_EQ(report.at("label").as_string(), label);
  EXPECT_EQ(report.at("accounts_deleted").as_int64(), 1);
  EXPECT_EQ(report.at("accounts_kept").as_int64(), 2);  // The demo's two, released.
  EXPECT_EQ(report.at("published_incidents_rewritten").as_int64(), 1);
  EXPECT_GE(report.at("library_entries_rebuilt").as_int64(), 1);
  EXPECT_GE(report.at("webhook_deliveries_rewritten").as_int64(), 1);
  EXPECT_GE(report.at("audit_entries_rewritten").as_int64(), 1);
  EXPECT_EQ(report.at("api_token_names_rewritten").as_int64(), 1);
  EXPECT_THAT(Lower(erased.body), Not(HasSubstr("priya")));

  std::string after = Lower(EverythingAnyoneCanRead() + Backup());
  for (std::string gone : {"priya", "raman", kPrivateWord}) {
    size_t found = after.find(gone);
    EXPECT_EQ(found, std::string::npos)
        << gone << " in: " << after.substr(after.rfind("\nget ", found) + 1, 400) << " … "
        << after.substr(found > 200 ? found - 200 : 0, 400);
  }
  EXPECT_THAT(after, Not(HasSubstr("priya@example.com")));
  // Everyone else keeps their name.
  for (const char* kept : {"marcus chen", "lena fischer", "sam okafor"}) {
    EXPECT_THAT(after, HasSubstr(kept)) << kept;
  }
  // What she released stays, under the label.
  EXPECT_THAT(after, HasSubstr("the page came in while i was in a planning meeting"));
  EXPECT_THAT(after, HasSubstr(label));
  if (auto copy = DatabaseCopy()) {
    EXPECT_THAT(*copy, Not(HasSubstr("Priya Raman")));
    EXPECT_THAT(*copy, Not(HasSubstr("priya@example.com")));
    EXPECT_THAT(*copy, Not(HasSubstr(kPrivateWord)));
  }

  // Nothing she had lets her in: her token is refused, and the audit log says an erasure
  // happened, by whom, with what it changed.
  EXPECT_EQ(server_.Request("GET", "/api/v1/me", priya_token_).status, 401u);
  bj::value audit = server_.Get("/api/v1/audit?limit=500", server_.admin()).Json();
  bool recorded = false;
  for (const bj::value& entry : audit.at("items").as_array()) {
    if (entry.at("action").as_string() == "erase" && entry.at("entity").as_string() == "users") {
      recorded = entry.at("entity_id").as_int64() == priya_.id;
    }
  }
  EXPECT_TRUE(recorded) << bj::serialize(audit);
}

TEST_F(ErasureTest, RefusesWhatWouldBeAMistake) {
  // A stale page erases nobody.
  EXPECT_EQ(Erase(priya_.id, priya_.version + 1).status, 412u);
  HttpResult no_version =
      server_.Request("POST", "/api/v1/users/" + std::to_string(priya_.id) + "/erasure",
                      server_.admin().token, "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(no_version.status, 400u) << no_version.body;
  EXPECT_EQ(Erase(priya_.id, priya_.version, {{"also_known_as", "PR"}}).status, 400u);
  EXPECT_EQ(Erase(priya_.id, priya_.version, {{"also_known_as", bj::array{1}}}).status, 400u);
  EXPECT_EQ(Erase(priya_.id, priya_.version, {{"also_known_as", bj::array{"P"}}}).status, 400u);
  EXPECT_EQ(Erase(priya_.id, priya_.version, {{"nickname", "PR"}}).status, 400u);
  EXPECT_EQ(server_
                .Request("POST", "/api/v1/users/" + std::to_string(priya_.id) + "/erasure",
                         server_.admin().token, "{not json",
                         {{"Content-Type", "application/json"},
                          {"If-Match", std::to_string(priya_.version)}})
                .status,
            400u);
  EXPECT_EQ(Erase(999999, 1).status, 404u);
  // Only an admin erases, and never themselves.
  EXPECT_EQ(server_
                .Request("POST", "/api/v1/users/" + std::to_string(priya_.id) + "/erasure",
                         server_.alice().token, "{}",
                         {{"Content-Type", "application/json"},
                          {"If-Match", std::to_string(priya_.version)}})
                .status,
            403u);
  int64_t admin_version = 0;
  bj::value users = server_.Get("/api/v1/users", server_.admin()).Json();
  for (const bj::value& user : users.at("items").as_array()) {
    if (user.at("id").as_int64() == server_.admin().id)
      admin_version = user.at("version").as_int64();
  }
  EXPECT_EQ(Erase(server_.admin().id, admin_version).status, 409u);
  // Nothing of the refused requests changed anything; then, once erased, erased.
  HttpResult user = server_.Get("/api/v1/users", server_.admin());
  EXPECT_THAT(user.body, HasSubstr("priya@example.com"));
  ASSERT_EQ(Erase(priya_.id, priya_.version).status, 200u);
  EXPECT_EQ(Erase(priya_.id, priya_.version + 1).status, 409u);
  // The stand-in cannot be given a password or enabled again.
  EXPECT_EQ(server_
                .Patch("/api/v1/users/" + std::to_string(priya_.id), server_.admin(),
                       {{"disabled", false}}, priya_.version + 1)
                .status,
            409u);
}

}  // namespace
}  // namespace debrief::testing
