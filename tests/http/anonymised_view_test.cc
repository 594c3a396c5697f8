// The anonymised view on the real server: a viewer (and anyone asking) reads every incident
// route, the incident list and the action-item list without a single participant's or
// colleague's name, in any field, in any form.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "http/router.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

class AnonymisedViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice(),
                                  {{"title", "Checkout errors after Priya Raman's pool change"},
                                   {"summary", "Alice paged BOB; priya rolled back."},
                                   {"status", "resolved"},
                                   {"started_at", "2026-03-14T10:00:00Z"},
                                   {"resolved_at", "2026-03-14T11:00:00Z"}});
    base_ = "/api/v1/incidents/" + key_;
    ids_["participants"] =
        Created(base_ + "/participants", {{"name", "Priya Raman"}, {"role", "on_call"}});
    int64_t account = Created(base_ + "/accounts", {{"narrative", "I asked Priya and Bob."}});
    ids_["accounts"] = account;
    std::string account_path = base_ + "/accounts/" + std::to_string(account);
    ids_["entries"] = Created(account_path + "/entries", {{"at", "2026-03-14T10:05:00Z"},
                                                          {"did", "Paged Bob."},
                                                          {"saw", "Priya’s dashboard was red."}});
    ASSERT_EQ(server_.Patch(account_path, server_.alice(), {{"visibility", "in_review"}}, 1).status,
              200u);
    ids_["events"] = Created(base_ + "/events", {{"at", "2026-03-14T10:00:00Z"},
                                                 {"kind", "alert"},
                                                 {"text", "Alert routed to Priya Raman"},
                                                 {"actor", "Bob"}});
    ids_["decisions"] =
        Created(base_ + "/decisions", {{"at", "2026-03-14T10:06:00Z"},
                                       {"who", "Alice"},
                                       {"situation", "Bob saw the pool at 100%."},
                                       {"choice", "Roll back, as Priya suggested"}});
    ids_["factors"] = Created(base_ + "/factors", {{"category", "capacity"},
                                                   {"text", "Pool sized for Raman's old load."}});
    ids_["work-as-done"] =
        Created(base_ + "/work-as-done",
                {{"procedure", "Alice's runbook"}, {"prescribed", "x"}, {"done", "y"}});
    ids_["actions"] = Created(base_ + "/actions", {{"title", "Bob and Priya: alert on pool wait"},
                                                   {"owner_id", server_.bob().id}});
    ids_["lessons"] =
        Created(base_ + "/lessons", {{"title", "What Alice learned"}, {"body", "Ask Bob."}});
    ids_["answers"] = Created(base_ + "/answers", {{"section", "lessons"},
                                                   {"question", "Who should hear about this?"},
                                                   {"answer", "Priya Raman and Bob's team."}});
    ids_["comments"] = Created(base_ + "/comments",
                               {{"anchor", "section:summary"}, {"body", "Bob, ask Priya Raman."}});
    // Bob reviews with a note, then a published version, so every route has something to read.
    server_.ApproveReview(key_, server_.alice(), server_.bob(), "Alice and Priya tell it well.");
    HttpResult published = server_.PublishReview(key_, server_.alice());
    ASSERT_EQ(published.status, 201u) << published.body;
    ids_["versions"] = published.Json().at("number").as_int64();
  }

  int64_t Created(const std::string& path, const bj::value& body) {
    HttpResult result = server_.Post(path, server_.alice(), body);
    EXPECT_EQ(result.status, 201u) << path << ": " << result.body;
    return result.status == 201u ? result.Json().at("id").as_int64() : 0;
  }

  // A concrete path for every GET route about the incident.
  std::vector<std::string> IncidentReadPaths() {
    std::vector<std::string> paths;
    for (const Route& route : Routes()) {
      std::string pattern(route.pattern);
      // The facilitator's questions have no anonymised view: they are refused
      // (facilitation_test.cc).
      // Nor do routes for members only (who may name an incident's readers).
      if (route.method != boost::beast::http::verb::get ||
          !pattern.starts_with("/api/v1/incidents/{key}") || pattern.ends_with("/facilitation") ||
          route.permission != core::Permission::kRead) {
        continue;
      }
      std::string path = pattern;
      path.replace(path.find("{key}"), 5, key_);
      if (size_t at = path.find("{entry_id}"); at != std::string::npos) {
        path.replace(at, 10, std::to_string(ids_["entries"]));
      }
      if (size_t at = path.find("/{id}"); at != std::string::npos) {
        std::string collection =
            path.substr(path.rfind('/', at - 1) + 1, at - path.rfind('/', at - 1) - 1);
        path.replace(at + 1, 4, std::to_string(ids_[collection]));
      }
      paths.push_back(path);
    }
    return paths;
  }

  void ExpectNoNames(const HttpResult& result, const std::string& path) {
    EXPECT_EQ(result.status, 200u) << path << ": " << result.body;
    std::string body = Lower(result.body);
    for (const char* name : {"priya", "raman", "alice", "bob"}) {
      EXPECT_EQ(body.find(name), std::string::npos)
          << name << " leaks from " << path << ": " << result.body;
    }
  }

  TestServer server_;
  std::string key_;
  std::string base_;
  std::map<std::string, int64_t> ids_;
};

TEST_F(AnonymisedViewTest, ViewersReadEveryIncidentRouteWithoutNames) {
  std::vector<std::string> paths = IncidentReadPaths();
  EXPECT_GE(paths.size(), 17u);
  for (const std::string& path : paths) {
    HttpResult result = server_.Get(path, server_.viewer());
    ExpectNoNames(result, path);
    EXPECT_EQ(result.Header("debrief-anonymised"), "true") << path;
  }
  ExpectNoNames(server_.Get("/api/v1/incidents", server_.viewer()), "/api/v1/incidents");
  ExpectNoNames(
      server_.Get("/api/v1/actions?owner=" + std::to_string(server_.bob().id), server_.viewer()),
      "/api/v1/actions");
}

TEST_F(AnonymisedViewTest, ViewersCannotMapIdsBackToNamesThroughTheDirectory) {
  EXPECT_EQ(server_.Get("/api/v1/directory", server_.viewer()).status, 403u);
  EXPECT_EQ(server_.Get("/api/v1/directory", server_.alice()).status, 200u);
}

TEST_F(AnonymisedViewTest, RolesReplaceNamesAndStayTheSameAcrossRoutes) {
  bj::value incident = server_.Get(base_, server_.viewer()).Json();
  EXPECT_EQ(incident.at("title").as_string(),
            "Checkout errors after on-call engineer's pool change");
  bj::value participants = server_.Get(base_ + "/participants", server_.viewer()).Json();
  std::vector<std::string> names;
  for (const bj::value& participant : participants.at("items").as_array()) {
    names.emplace_back(participant.at("name").as_string());
  }
  // A whole field that is a name reads as a label with a capital letter.
  EXPECT_THAT(names, ::testing::UnorderedElementsAre("On-call engineer", "Responder"));
  bj::value event =
      server_.Get(base_ + "/events/" + std::to_string(ids_["events"]), server_.viewer()).Json();
  EXPECT_EQ(event.at("text").as_string(), "Alert routed to on-call engineer");
  // Bob is not a participant: a directory colleague, lettered after the admin (user ids order).
  EXPECT_EQ(event.at("actor").as_string(), "Colleague B");
}

TEST_F(AnonymisedViewTest, MembersSeeNamesUnlessTheyAskForTheAnonymisedView) {
  HttpResult named = server_.Get(base_, server_.alice());
  EXPECT_NE(named.body.find("Priya Raman"), std::string::npos);
  EXPECT_EQ(named.Header("debrief-anonymised"), "");
  for (const std::string& path : IncidentReadPaths()) {
    std::string separator = path.find('?') == std::string::npos ? "?" : "&";
    ExpectNoNames(server_.Get(path + separator + "anonymised=true", server_.alice()), path);
  }
  // Routes that cannot be anonymised do not read the parameter at all.
  EXPECT_EQ(server_.Get("/api/v1/me?anonymised=maybe", server_.alice()).status, 200u);
  HttpResult bad = server_.Get(base_ + "?anonymised=maybe", server_.alice());
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.body.find("anonymised"), std::string::npos);
  // Viewers cannot opt out.
  ExpectNoNames(server_.Get(base_ + "?anonymised=false", server_.viewer()), base_);
}

TEST_F(AnonymisedViewTest, ExportsTheReviewAsMarkdownHtmlAndJsonWithoutPrivateAccounts) {
  // Bob's account stays private: no export may contain it.
  ASSERT_EQ(server_
                .Post(base_ + "/accounts", server_.bob(),
                      {{"narrative", "Private thoughts about the pool."}})
                .status,
            201u);
  for (const char* format : {"md", "html", "json"}) {
    HttpResult result = server_.Get(base_ + "/export?format=" + format, server_.alice());
    ASSERT_EQ(result.status, 200u) << format << ": " << result.body;
    EXPECT_EQ(result.body.find("Private thoughts"), std::string::npos) << format;
    EXPECT_NE(result.body.find("I asked Priya and Bob."), std::string::npos) << format;
  }
  HttpResult markdown = server_.Get(base_ + "/export", server_.alice());
  EXPECT_EQ(markdown.Header("content-type"), "text/markdown; charset=utf-8");
  EXPECT_EQ(markdown.Header("content-disposition"), "attachment; filename=\"" + key_ + ".md\"");
  EXPECT_TRUE(markdown.body.starts_with("# " + key_ + ": Checkout errors after Priya Raman's"));
  HttpResult html = server_.Get(base_ + "/export?format=html", server_.alice());
  EXPECT_EQ(html.Header("content-type"), "text/html; charset=utf-8");
  bj::value json = server_.Get(base_ + "/export?format=json", server_.alice()).Json();
  EXPECT_EQ(json.at("format").as_string(), "debrief-incident");
  EXPECT_EQ(json.at("accounts").as_array().size(), 1u);
  EXPECT_EQ(json.at("accounts").at(0).at("entries").as_array().size(), 1u);
  EXPECT_EQ(json.at("lessons").as_array().size(), 1u);
  EXPECT_EQ(server_.Get(base_ + "/export?format=pdf", server_.alice()).status, 400u);
  EXPECT_EQ(server_.Get("/api/v1/incidents/INC-1999-0001/export", server_.alice()).status, 404u);
}

TEST_F(AnonymisedViewTest, AnonymisedExportsNameNobodyInAnyFormat) {
  for (const char* format : {"md", "html", "json"}) {
    std::string path = base_ + "/export?format=" + format;
    ExpectNoNames(server_.Get(path, server_.viewer()), path);
    ExpectNoNames(server_.Get(path + "&anonymised=true", server_.alice()), path);
  }
}

// Issue 19: the anonymised JSON export kept every participant's user id, which leads back to a
// name through the user directory.
TEST_F(AnonymisedViewTest, Issue19AnonymisedJsonExportHoldsNoUserIds) {
  HttpResult exported = server_.Get(base_ + "/export?format=json", server_.viewer());
  ASSERT_EQ(exported.status, 200u) << exported.body;
  EXPECT_EQ(exported.Header("debrief-anonymised"), "true");
  EXPECT_EQ(exported.Header("content-disposition"), "attachment; filename=\"" + key_ + ".json\"");
  for (const char* field : {"\"user_id\"", "\"author_id\"", "\"owner_id\"", "\"author_ids\"",
                            "\"facilitator_id\"", "\"created_by\"", "\"people\""}) {
    EXPECT_EQ(exported.body.find(field), std::string::npos) << field << " in " << exported.body;
  }
  bj::value body = exported.Json();
  // Owners are named by their label instead.
  EXPECT_EQ(body.at("actions").at(0).at("owner").as_string(), "Colleague B");
  EXPECT_EQ(body.at("participants").at(0).at("name").as_string(), "On-call engineer");
}

// Issue 19: a published version's export showed "—" for every action owner.
TEST_F(AnonymisedViewTest, Issue19PublishedVersionsNameActionOwners) {
  HttpResult named = server_.Get(base_ + "/versions/1/export?format=md", server_.alice());
  ASSERT_EQ(named.status, 200u) << named.body;
  EXPECT_NE(named.body.find("| Bob |"), std::string::npos) << named.body;
  HttpResult live = server_.Get(base_ + "/export?format=json", server_.alice());
  ASSERT_EQ(live.status, 200u);
  EXPECT_EQ(live.Json().at("people").at(0).at("name").as_string(), "Bob");
  HttpResult anonymised = server_.Get(base_ + "/versions/1/export?format=md", server_.viewer());
  EXPECT_NE(anonymised.body.find("| Colleague B |"), std::string::npos) << anonymised.body;
}

}  // namespace
}  // namespace debrief::http
