// The audit log tells admins who changed what; it must never become a way to read an account
// its author has not released (nor what they wrote and deleted before releasing it).
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

int64_t Version(const HttpResult& result) { return result.Json().at("version").as_int64(); }
int64_t Id(const HttpResult& result) { return result.Json().at("id").as_int64(); }

class AuditPrivacyTest : public ::testing::Test {
 protected:
  // Every audit entry of the incident an admin can read, through the API.
  std::string AuditBody(const std::string& key) {
    HttpResult audit = server_.Get("/api/v1/audit?incident=" + key, server_.admin());
    EXPECT_EQ(audit.status, 200u) << audit.body;
    HttpResult all = server_.Get("/api/v1/audit", server_.admin());
    EXPECT_EQ(all.status, 200u) << all.body;
    return audit.body + all.body;
  }

  TestServer server_;
};

TEST_F(AuditPrivacyTest, Issue19APrivateAccountsWordsNeverReachTheAuditLog) {
  std::string key = server_.CreateIncident(server_.alice());
  std::string accounts = "/api/v1/incidents/" + key + "/accounts";
  HttpResult account =
      server_.Post(accounts, server_.bob(), {{"narrative", "first draft mentions pager-fatigue"}});
  ASSERT_EQ(account.status, 201u) << account.body;
  std::string path = accounts + "/" + std::to_string(Id(account));
  HttpResult changed = server_.Patch(path, server_.bob(),
                                     {{"narrative", "second draft about the dashboard-we-ignored"}},
                                     Version(account));
  ASSERT_EQ(changed.status, 200u) << changed.body;
  HttpResult entry = server_.Post(path + "/entries", server_.bob(),
                                  {{"at", "2026-03-14T10:05:00Z"},
                                   {"did", "restarted the primary-by-mistake"},
                                   {"assumed", "nobody-else-was-on-it"}});
  ASSERT_EQ(entry.status, 201u) << entry.body;
  std::string entry_path = path + "/entries/" + std::to_string(Id(entry));
  HttpResult entry_changed = server_.Patch(
      entry_path, server_.bob(), {{"did", "restarted the replica-as-planned"}}, Version(entry));
  ASSERT_EQ(entry_changed.status, 200u) << entry_changed.body;
  ASSERT_EQ(server_.Delete(entry_path, server_.bob(), Version(entry_changed)).status, 204u);
  HttpResult comment = server_.Post("/api/v1/incidents/" + key + "/comments", server_.bob(),
                                    {{"anchor", "account:" + std::to_string(Id(account))},
                                     {"body", "note-to-self-about-the-runbook"}});
  ASSERT_EQ(comment.status, 201u) << comment.body;

  std::string audit = AuditBody(key);
  for (std::string_view words :
       {"pager-fatigue", "dashboard-we-ignored", "primary-by-mistake", "nobody-else-was-on-it",
        "replica-as-planned", "note-to-self-about-the-runbook", "10:05"}) {
    EXPECT_EQ(audit.find(words), std::string::npos) << words << " is in the audit log";
  }

  // What the log still says: who changed which field of which account, and when.
  HttpResult listed = server_.Get("/api/v1/audit?incident=" + key, server_.admin());
  bool saw_narrative_change = false;
  bool saw_entry_change = false;
  bj::value listed_body = listed.Json();
  for (const bj::value& item : listed_body.at("items").as_array()) {
    const bj::object& changes = item.at("changes").as_object();
    if (item.at("entity").as_string() == "accounts" && item.at("action").as_string() == "update") {
      EXPECT_EQ(item.at("actor_id").as_int64(), server_.bob().id);
      ASSERT_TRUE(changes.contains("narrative")) << item;
      EXPECT_EQ(changes.at("narrative"), (bj::object{{"changed", true}}));
      saw_narrative_change = true;
    }
    if (item.at("entity").as_string() == "account_entries" &&
        item.at("action").as_string() == "update") {
      EXPECT_TRUE(changes.contains("did")) << item;
      EXPECT_FALSE(changes.contains("assumed")) << "only changed fields are named: " << item;
      saw_entry_change = true;
    }
  }
  EXPECT_TRUE(saw_narrative_change);
  EXPECT_TRUE(saw_entry_change);
}

TEST_F(AuditPrivacyTest, Issue19AReleasingAnAccountIsAuditedWithItsVisibility) {
  std::string key = server_.CreateIncident(server_.alice());
  std::string accounts = "/api/v1/incidents/" + key + "/accounts";
  HttpResult account = server_.Post(accounts, server_.bob(), {{"narrative", "kept-to-myself"}});
  ASSERT_EQ(account.status, 201u) << account.body;
  HttpResult released =
      server_.Patch(accounts + "/" + std::to_string(Id(account)), server_.bob(),
                    {{"visibility", "shared"}, {"narrative", "now-shared"}}, Version(account));
  ASSERT_EQ(released.status, 200u) << released.body;
  HttpResult audit = server_.Get("/api/v1/audit?incident=" + key, server_.admin());
  ASSERT_EQ(audit.status, 200u);
  bj::value audit_body = audit.Json();
  const bj::value& latest = audit_body.at("items").as_array().at(0);
  EXPECT_EQ(latest.at("entity").as_string(), "accounts");
  EXPECT_EQ(latest.at("changes").at("visibility"),
            (bj::object{{"from", "private"}, {"to", "shared"}}));
  EXPECT_EQ(audit.body.find("kept-to-myself"), std::string::npos) << audit.body;
  EXPECT_EQ(audit.body.find("now-shared"), std::string::npos) << audit.body;
}

TEST_F(AuditPrivacyTest, Issue19ACreatedRecordsShowNoServerIdsAsChanges) {
  std::string key = server_.CreateIncident(server_.alice());
  HttpResult lesson = server_.Post("/api/v1/incidents/" + key + "/lessons", server_.alice(),
                                   {{"title", "Pools need headroom"}});
  ASSERT_EQ(lesson.status, 201u) << lesson.body;
  HttpResult audit = server_.Get("/api/v1/audit?incident=" + key, server_.admin());
  bj::value audit_body = audit.Json();
  const bj::value& latest = audit_body.at("items").as_array().at(0);
  EXPECT_EQ(latest.at("entity").as_string(), "lessons");
  EXPECT_FALSE(latest.at("changes").as_object().contains("id")) << latest;
  EXPECT_EQ(latest.at("changes").at("title").at("to").as_string(), "Pools need headroom");
}

}  // namespace
}  // namespace debrief::http
