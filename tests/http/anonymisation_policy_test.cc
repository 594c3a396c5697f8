// One anonymisation policy, wherever an anonymised reader gets an incident: the example incident,
// with the names of its people and of a colleague who is not in it written into every free-text
// field of every record, read by a viewer through every GET route of the incident, the incident
// and action lists, the exports (Markdown, HTML, JSON), a published version and its export, the
// library's search, and what `debrief export --anonymised` writes. No real name is in any of it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <type_traits>

#include "app/anonymisation.h"
#include "app/incident_document.h"
#include "cli/demo_incident.h"
#include "core/schema.h"
#include "formats/incident_snapshot.h"
#include "http/router.h"
#include "render/incident_html.h"
#include "render/incident_markdown.h"
#include "support/route_paths.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

// Written into every text of every record: the example's four people by full name, surname and
// handle, and a colleague from the directory who takes no part in the incident.
constexpr char kNames[] =
    " Priya Raman and Dana Okonkwo checked the pool; Marcus Chen paged Lena Fischer, Okafor "
    "updated the status page and @sam agreed with Raman.";
constexpr std::string_view kForbidden[] = {"Priya", "Raman", "Dana",    "Okonkwo", "Marcus",
                                           "Chen",  "Lena",  "Fischer", "Okafor",  "@sam"};

// Every text field people write in `record` with the names added, within its limit.
template <class T>
void WriteNamesInto(T& record) {
  core::ForEachField<T>([&](const auto& field) {
    using Member = std::remove_cvref_t<decltype(record.*(field.member))>;
    if constexpr (std::is_same_v<Member, std::string>) {
      // What people write: not what the server sets (a key) or the URL holds.
      if (field.access == core::FieldAccess::kInternal ||
          field.access == core::FieldAccess::kServer) {
        return;
      }
      std::string& text = record.*(field.member);
      if (text.starts_with("import:") || text.starts_with("http")) return;  // Sources, links.
      if (text.size() + sizeof(kNames) <= field.max_length) text += kNames;
    }
  });
}

template <class T>
void WriteNamesIntoAll(store::Store& store, int64_t incident_id) {
  auto& records = store::RecordsOf<T>(store);
  auto listed = records.List(incident_id);
  ASSERT_TRUE(listed) << listed.error().message();
  for (T record : *listed) {
    int64_t version = record.version;
    WriteNamesInto(record);
    auto updated = records.Update(record, version, {});
    ASSERT_TRUE(updated) << T::kNoun << ": " << updated.error().message();
  }
}

void ExpectNoName(std::string_view where, std::string_view text) {
  for (std::string_view name : kForbidden) {
    EXPECT_EQ(text.find(name), std::string_view::npos) << where << " shows " << name << ":\n"
                                                       << text.substr(0, 2000);
  }
}

class AnonymisationPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Store& store = server_.store();
    auto seed = cli::SeedDemo(store, server_.clock());
    ASSERT_TRUE(seed) << seed.error().message();
    key_ = seed->incident_key;
    published_key_ = seed->published_key;
    core::User colleague;
    colleague.email = "dana@example.com";
    colleague.name = "Dana Okonkwo";
    colleague.role = core::Role::kMember;
    colleague.password_hash = "unset";
    ASSERT_TRUE(store.CreateUser(colleague, {}));

    auto incident = store.GetIncident(key_);
    ASSERT_TRUE(incident);
    core::Incident named = *incident;
    WriteNamesInto(named);
    ASSERT_TRUE(store.UpdateIncident(named, incident->version, {}));
    int64_t id = incident->id;
    WriteNamesIntoAll<core::Account>(store, id);
    WriteNamesIntoAll<core::AccountEntry>(store, id);
    WriteNamesIntoAll<core::TimelineEvent>(store, id);
    WriteNamesIntoAll<core::DecisionPoint>(store, id);
    WriteNamesIntoAll<core::ContributingFactor>(store, id);
    WriteNamesIntoAll<core::WorkAsDone>(store, id);
    WriteNamesIntoAll<core::ActionItem>(store, id);
    WriteNamesIntoAll<core::Lesson>(store, id);
    WriteNamesIntoAll<core::ReviewAnswer>(store, id);
  }

  HttpResult Read(const std::string& path) { return server_.Get(path, server_.viewer()); }

  TestServer server_;
  std::string key_;
  std::string published_key_;
};

TEST_F(AnonymisationPolicyTest, NoRealNameReachesAnAnonymisedReader) {
  // Every GET route of the incident, its lists and its records.
  testing::RouteIds ids;
  ids.incident_key = key_;
  auto events = server_.store().events().List(server_.store().GetIncident(key_)->id);
  ASSERT_TRUE(events && !events->empty());
  ids.other_id = events->front().id;
  int read = 0;
  for (const Route& route : Routes()) {
    if (route.method != boost::beast::http::verb::get ||
        !route.pattern.starts_with("/api/v1/incidents/{key}"))
      continue;
    std::string path = testing::FillRoute(route.pattern, ids);
    HttpResult result = Read(path);
    if (result.status != 200) continue;  // A viewer may not read it, or the id is not of its kind.
    ExpectNoName(path, result.body);
    ++read;
  }
  EXPECT_GE(read, 15);
  for (std::string path : {"/api/v1/incidents", "/api/v1/actions"}) {
    HttpResult result = Read(path);
    ASSERT_EQ(result.status, 200u) << path << ": " << result.body;
    ExpectNoName(path, result.body);
  }
  for (std::string format : {"md", "html", "json"}) {
    std::string path = "/api/v1/incidents/" + key_ + "/export?format=" + format;
    HttpResult result = Read(path);
    ASSERT_EQ(result.status, 200u) << path << ": " << result.body;
    EXPECT_NE(result.body.find("the pool"), std::string::npos) << path;  // The text is there.
    ExpectNoName(path, result.body);
  }

  // What `debrief export --anonymised` writes, by the same code it runs.
  auto document = app::LoadIncidentDocument(server_.store(), key_);
  ASSERT_TRUE(document) << document.error().message();
  ASSERT_TRUE(app::Anonymisation(server_.store()).Anonymise(*document));
  ExpectNoName("export --anonymised (md)", render::RenderMarkdown(*document));
  ExpectNoName("export --anonymised (html)", render::RenderHtml(*document));
  ExpectNoName("export --anonymised (json)",
               bj::serialize(formats::IncidentDocumentJson(*document, {.anonymised = true})));
}

TEST_F(AnonymisationPolicyTest, NoRealNameReachesTheLibraryOrAPublishedVersion) {
  // Every author releases their account to the review, as publishing needs.
  store::Store& store = server_.store();
  auto accounts = store.accounts().List(store.GetIncident(key_)->id);
  ASSERT_TRUE(accounts);
  for (core::Account account : *accounts) {
    int64_t version = account.version;
    account.visibility = core::AccountVisibility::kInReview;
    ASSERT_TRUE(store.accounts().Update(account, version, {}));
  }
  server_.ApproveReview(key_, server_.alice(), server_.bob());
  HttpResult published = server_.PublishReview(key_, server_.alice());
  ASSERT_EQ(published.status, 201u) << published.body;
  for (const std::string& path : std::vector<std::string>{
           "/api/v1/incidents/" + key_ + "/versions/1",
           "/api/v1/incidents/" + key_ + "/versions/1/export?format=md",
           "/api/v1/incidents/" + key_ + "/versions/1/export?format=html",
           "/api/v1/library/search?q=pool", "/api/v1/library/search?q=status+page",
           "/api/v1/incidents/" + published_key_ + "/related"}) {
    HttpResult result = Read(path);
    ASSERT_EQ(result.status, 200u) << path << ": " << result.body;
    ExpectNoName(path, result.body);
  }
  HttpResult found = Read("/api/v1/library/search?q=pool");
  EXPECT_FALSE(found.Json().at("items").as_array().empty()) << found.body;
  // A name finds nothing for a reader of the anonymised library.
  for (std::string name : {"Okonkwo", "Raman"}) {
    HttpResult searched = Read("/api/v1/library/search?q=" + name);
    ASSERT_EQ(searched.status, 200u);
    EXPECT_TRUE(searched.Json().at("items").as_array().empty()) << name << ": " << searched.body;
  }
}

}  // namespace
}  // namespace debrief::http
