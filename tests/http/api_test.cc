// The API end to end on a real server: each route's happy path, and the bad-input matrix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using ::testing::HasSubstr;
using testing::HttpResult;
using testing::TestServer;

int64_t Version(const HttpResult& result) { return result.Json().at("version").as_int64(); }
int64_t Id(const HttpResult& result) { return result.Json().at("id").as_int64(); }

class ApiTest : public ::testing::Test {
 protected:
  TestServer server_;
};

void ExpectProblem(const HttpResult& result, unsigned status, std::string_view field = {}) {
  EXPECT_EQ(result.status, status) << result.body;
  EXPECT_EQ(result.Header("content-type"), "application/problem+json") << result.body;
  bj::value problem = result.Json();
  EXPECT_EQ(problem.at("status").as_int64(), status);
  EXPECT_FALSE(problem.at("detail").as_string().empty());
  EXPECT_FALSE(problem.at("request_id").as_string().empty());
  if (!field.empty()) {
    EXPECT_EQ(problem.at("field").as_string(), field) << result.body;
  }
}

TEST_F(ApiTest, HealthChecksNeedNoAuth) {
  EXPECT_EQ(server_.Request("GET", "/healthz").status, 200u);
  EXPECT_EQ(server_.Request("GET", "/readyz").status, 200u);
}

TEST_F(ApiTest, EverythingElseNeedsAuth) {
  ExpectProblem(server_.Request("GET", "/api/v1/incidents"), 401);
  ExpectProblem(server_.Request("GET", "/metrics"), 401);
  ExpectProblem(server_.Request("GET", "/api/v1/incidents", "dbr_not-a-real-token"), 401);
  HttpResult malformed =
      server_.Request("GET", "/api/v1/me", {}, {}, {{"Authorization", "Basic x"}});
  ExpectProblem(malformed, 401);
}

TEST_F(ApiTest, CreatesReadsAndListsIncidents) {
  HttpResult created = server_.Post("/api/v1/incidents", server_.alice(),
                                    {{"title", "Checkout errors"},
                                     {"severity", "SEV2"},
                                     {"services", {"checkout", "payments"}},
                                     {"started_at", "2026-03-14T10:00:00Z"},
                                     {"detected_at", "2026-03-14T10:07:00Z"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  bj::value incident = created.Json();
  EXPECT_EQ(incident.at("key").as_string(), "INC-2026-0001");
  EXPECT_EQ(incident.at("status").as_string(), "investigating");
  EXPECT_EQ(incident.at("created_by").as_int64(), server_.alice().id);
  EXPECT_EQ(incident.at("metrics").at("time_to_detect_seconds").as_int64(), 420);
  EXPECT_EQ(created.Header("etag"), "\"1\"");
  EXPECT_EQ(created.Header("location"), "/api/v1/incidents/INC-2026-0001");

  HttpResult read = server_.Get("/api/v1/incidents/INC-2026-0001", server_.viewer());
  EXPECT_EQ(read.status, 200u);
  EXPECT_EQ(read.Json().at("title").as_string(), "Checkout errors");

  server_.CreateIncident(server_.alice(),
                         {{"title", "Billing backlog"}, {"services", {"billing"}}});
  HttpResult filtered = server_.Get("/api/v1/incidents?service=billing", server_.viewer());
  ASSERT_EQ(filtered.status, 200u);
  ASSERT_EQ(filtered.Json().at("items").as_array().size(), 1u);
  HttpResult searched = server_.Get("/api/v1/incidents?q=checkout", server_.viewer());
  EXPECT_EQ(searched.Json().at("items").as_array().size(), 1u);
  HttpResult paged = server_.Get("/api/v1/incidents?limit=1", server_.viewer());
  std::string cursor(paged.Json().at("next_cursor").as_string());
  HttpResult next = server_.Get("/api/v1/incidents?limit=1&cursor=" + cursor, server_.viewer());
  EXPECT_EQ(next.Json().at("items").at(0).at("key").as_string(), "INC-2026-0001");
  EXPECT_TRUE(next.Json().at("next_cursor").is_null());
}

// The list is written as text, not through JSON documents: each item must be exactly the
// incident as GET /incidents/{key} answers it, whatever its fields hold.
// A near miss is reviewed like an incident and says what it is: in its record, and in the
// review's export.
TEST_F(ApiTest, ANearMissIsAKindOfIncident) {
  HttpResult created = server_.Post("/api/v1/incidents", server_.alice(),
                                    {{"title", "Backup nearly overwrote production"},
                                     {"severity", "SEV3"},
                                     {"kind", "near_miss"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Json().at("kind"), "near_miss");
  std::string key(created.Json().at("key").as_string());
  std::string base = "/api/v1/incidents/" + key;
  HttpResult exported = server_.Get(base + "/export?format=md", server_.alice());
  ASSERT_EQ(exported.status, 200u);
  EXPECT_NE(exported.body.find("A near miss: the harm did not happen this time."),
            std::string::npos)
      << exported.body;
  // An incident by default; a kind it does not know is refused by name.
  HttpResult plain = server_.Post("/api/v1/incidents", server_.alice(),
                                  {{"title", "Checkout errors"}, {"severity", "SEV2"}});
  EXPECT_EQ(plain.Json().at("kind"), "incident");
  HttpResult wrong = server_.Post("/api/v1/incidents", server_.alice(),
                                  {{"title", "x"}, {"severity", "SEV2"}, {"kind", "close_call"}});
  EXPECT_EQ(wrong.status, 400u);
  EXPECT_NE(wrong.body.find("kind"), std::string::npos) << wrong.body;
  // The list is filtered by kind.
  auto listed = [&](const std::string& query) {
    std::vector<std::string> keys;
    bj::value page = server_.Get("/api/v1/incidents?" + query, server_.alice()).Json();
    for (const bj::value& item : page.at("items").as_array()) {
      keys.emplace_back(item.at("key").as_string());
    }
    return keys;
  };
  EXPECT_EQ(listed("kind=near_miss"), std::vector<std::string>{key});
  EXPECT_EQ(listed("kind=incident"),
            std::vector<std::string>{std::string(plain.Json().at("key").as_string())});
  EXPECT_EQ(listed("").size(), 2u);
  HttpResult unknown = server_.Get("/api/v1/incidents?kind=close_call", server_.alice());
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_NE(unknown.body.find("near_miss"), std::string::npos) << unknown.body;
  // Changed like any field.
  int64_t version = created.Json().at("version").as_int64();
  HttpResult changed = server_.Patch(base, server_.alice(), {{"kind", "incident"}}, version);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.Json().at("kind"), "incident");
}

TEST_F(ApiTest, ListedIncidentsAreTheIncidentsAsReadOneByOne) {
  server_.CreateIncident(server_.alice(),
                         {{"title", "Quotes \" and \\ and </script> and caf\u00e9 \U0001F525"},
                          {"summary", "Two lines\n\twith a tab and \u2028 a separator"},
                          {"severity", "SEV1"},
                          {"services", {"payments", "search"}},
                          {"started_at", "2026-03-14T09:58:00Z"},
                          {"detected_at", "2026-03-14T10:05:00Z"},
                          {"mitigated_at", "2026-03-14T10:40:00Z"}});
  server_.CreateIncident(server_.alice(), {{"title", "Plain"}});
  for (const testing::TestUser* reader : {&server_.alice(), &server_.viewer()}) {
    HttpResult list = server_.Get("/api/v1/incidents", *reader);
    ASSERT_EQ(list.status, 200u) << list.body;
    bj::value listed = list.Json();
    const bj::array& items = listed.at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    for (const bj::value& item : items) {
      std::string key(item.at("key").as_string());
      HttpResult one = server_.Get("/api/v1/incidents/" + key, *reader);
      ASSERT_EQ(one.status, 200u) << one.body;
      EXPECT_EQ(item, one.Json()) << key;
    }
    EXPECT_TRUE(listed.at("next_cursor").is_null());
  }
  bj::value first = server_.Get("/api/v1/incidents?limit=1", server_.alice()).Json();
  EXPECT_TRUE(first.at("next_cursor").is_string());
}

TEST_F(ApiTest, RejectsBadListParameters) {
  ExpectProblem(server_.Get("/api/v1/incidents?status=exploded", server_.alice()), 400, "status");
  ExpectProblem(server_.Get("/api/v1/incidents?limit=0", server_.alice()), 400, "limit");
  ExpectProblem(server_.Get("/api/v1/incidents?limit=abc", server_.alice()), 400, "limit");
  ExpectProblem(server_.Get("/api/v1/incidents?cursor=-4", server_.alice()), 400, "cursor");
  ExpectProblem(server_.Get("/api/v1/incidents?q=%FF%FE", server_.alice()), 400);
}

TEST_F(ApiTest, PatchNeedsTheCurrentVersion) {
  std::string key = server_.CreateIncident(server_.alice());
  std::string path = "/api/v1/incidents/" + key;
  HttpResult first = server_.Patch(path, server_.alice(), {{"title", "Checkout 5xx"}}, 1);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(Version(first), 2);
  HttpResult stale = server_.Patch(path, server_.bob(), {{"title", "Something else"}}, 1);
  ExpectProblem(stale, 412);
  EXPECT_THAT(std::string(stale.Json().at("detail").as_string()), HasSubstr("version 2"));
  EXPECT_EQ(server_.Get(path, server_.alice()).Json().at("title").as_string(), "Checkout 5xx");
  HttpResult no_version = server_.Request("PATCH", path, server_.alice().token, R"({"title":"x"})");
  ExpectProblem(no_version, 400, "If-Match");
  // An entity tag the server never gave cannot match: 412, as RFC 9110 asks; a header that is
  // no entity tag at all is a malformed request.
  for (const char* foreign : {"\"abc\"", "\"stale-0\"", "W/\"0\""}) {
    HttpResult stale_tag = server_.Request("PATCH", path, server_.alice().token, R"({"title":"x"})",
                                           {{"If-Match", foreign}});
    ExpectProblem(stale_tag, 412);
  }
  HttpResult junk_version = server_.Request("PATCH", path, server_.alice().token,
                                            R"({"title":"x"})", {{"If-Match", "abc"}});
  ExpectProblem(junk_version, 400, "If-Match");
}

TEST_F(ApiTest, ValidationErrorsNameTheFields) {
  HttpResult result = server_.Post("/api/v1/incidents", server_.alice(),
                                   {{"title", "Outage"},
                                    {"severity", "SEV2"},
                                    {"started_at", "2026-03-14T10:00:00Z"},
                                    {"resolved_at", "2026-03-14T09:00:00Z"}});
  ExpectProblem(result, 400, "resolved_at");
  EXPECT_THAT(std::string(result.Json().at("detail").as_string()), HasSubstr("started_at"));
  HttpResult several = server_.Post("/api/v1/incidents", server_.alice(), {{"severity", "P0"}});
  ExpectProblem(several, 400);
  EXPECT_GE(several.Json().at("errors").as_array().size(), 2u);
}

TEST_F(ApiTest, BadBodiesGetClearErrorsAndChangeNothing) {
  auto post = [&](const std::string& body, std::map<std::string, std::string> headers = {}) {
    return server_.Request("POST", "/api/v1/incidents", server_.alice().token, body,
                           std::move(headers));
  };
  ExpectProblem(post("{\"title\": "), 400);
  ExpectProblem(post("[1, 2]"), 400);
  ExpectProblem(post(R"({"title": 42, "severity": "SEV2"})"), 400, "title");
  ExpectProblem(post(R"({"title": "x", "severity": "SEV2", "colour": "red"})"), 400, "colour");
  ExpectProblem(post(R"({"title": "x", "severity": "SEV2", "key": "INC-1"})"), 400, "key");
  ExpectProblem(post(R"({"title": "x", "severity": "SEV2", "started_at": "yesterday"})"), 400,
                "started_at");
  ExpectProblem(post(R"({"title": "x", "severity": "SEV2", "services": "api"})"), 400, "services");
  ExpectProblem(post(R"({"title": "x", "severity": "SEV2", "status": "on fire"})"), 400, "status");
  ExpectProblem(post(std::string(R"({"title": "caf)") + "\xC3\x28" + R"(", "severity": "SEV2"})"),
                400);
  ExpectProblem(post(R"({"title": "x"})", {{"Content-Type", "text/plain"}}), 400, "Content-Type");
  ExpectProblem(post(R"({"title": ")" + std::string(300, 'a') + R"(", "severity": "SEV2"})"), 400,
                "title");
  ExpectProblem(post(R"({"title": "a\u0000b", "severity": "SEV2"})"), 400, "title");
  std::string deep(100, '[');
  ExpectProblem(post(deep), 400);
  EXPECT_TRUE(
      server_.Get("/api/v1/incidents", server_.alice()).Json().at("items").as_array().empty());
}

TEST_F(ApiTest, OversizedBodiesAre413) {
  std::string huge = R"({"title": ")" + std::string(200 * 1024, 'a') + R"("})";
  ExpectProblem(server_.Request("POST", "/api/v1/incidents", server_.alice().token, huge), 413);
  EXPECT_EQ(server_.Request("GET", "/healthz").status, 200u);
}

TEST_F(ApiTest, UnknownRoutesAndMethods) {
  ExpectProblem(server_.Get("/api/v1/nothing-here", server_.alice()), 404);
  HttpResult wrong_method = server_.Request("PUT", "/api/v1/incidents", server_.alice().token);
  ExpectProblem(wrong_method, 405);
  EXPECT_THAT(wrong_method.Header("allow"), HasSubstr("GET"));
  ExpectProblem(server_.Get("/api/v1/incidents/INC-2026-9999", server_.alice()), 404);
  ExpectProblem(server_.Get("/api/v1/incidents/INC-2026-9999/events/abc", server_.alice()), 404);
}

TEST_F(ApiTest, ViewersCannotWrite) {
  HttpResult result =
      server_.Post("/api/v1/incidents", server_.viewer(), {{"title", "x"}, {"severity", "SEV2"}});
  ExpectProblem(result, 403);
}

TEST_F(ApiTest, RecordsOfAnIncidentHaveFullCrud) {
  std::string key = server_.CreateIncident(server_.alice());
  std::string base = "/api/v1/incidents/" + key;
  HttpResult factor =
      server_.Post(base + "/factors", server_.alice(),
                   {{"category", "detection_monitoring"}, {"text", "No alert on pool wait time"}});
  ASSERT_EQ(factor.status, 201u) << factor.body;
  int64_t factor_id = Id(factor);

  HttpResult action = server_.Post(base + "/actions", server_.bob(),
                                   {{"title", "Alert on pool wait"},
                                    {"owner_id", server_.bob().id},
                                    {"due_on", "2026-03-01"},
                                    {"factor_ids", {factor_id}}});
  ASSERT_EQ(action.status, 201u) << action.body;
  ExpectProblem(server_.Post(base + "/actions", server_.bob(),
                             {{"title", "x"}, {"factor_ids", {factor_id + 100}}}),
                400, "factor_ids");
  ExpectProblem(server_.Post(base + "/actions", server_.bob(), {{"title", "x"}, {"owner_id", 999}}),
                400, "owner_id");

  std::string action_path = base + "/actions/" + std::to_string(Id(action));
  HttpResult done = server_.Patch(action_path, server_.bob(), {{"status", "done"}}, 1);
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.Json().at("status").as_string(), "done");

  HttpResult mine = server_.Get("/api/v1/actions?owner=me", server_.bob());
  ASSERT_EQ(mine.status, 200u);
  ASSERT_EQ(mine.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(mine.Json().at("items").at(0).at("incident").as_string(), key);
  EXPECT_TRUE(server_.Get("/api/v1/actions?owner=me&overdue=true", server_.bob())
                  .Json()
                  .at("items")
                  .as_array()
                  .empty());
  ExpectProblem(server_.Get("/api/v1/actions?overdue=maybe", server_.bob()), 400, "overdue");

  HttpResult event = server_.Post(base + "/events", server_.alice(),
                                  {{"at", "2026-03-14T10:07:00Z"},
                                   {"kind", "alert"},
                                   {"text", "PaymentsHighErrorRate firing"}});
  ASSERT_EQ(event.status, 201u) << event.body;
  HttpResult decision = server_.Post(base + "/decisions", server_.alice(),
                                     {{"at", "2026-03-14T10:30:00Z"},
                                      {"who", "incident commander"},
                                      {"situation", "Errors steady after the deploy"},
                                      {"seen_event_ids", {Id(event)}},
                                      {"options", {"Roll back", "Wait"}},
                                      {"choice", "Roll back"},
                                      {"rationale", "A known, tested path"}});
  ASSERT_EQ(decision.status, 201u) << decision.body;
  ExpectProblem(server_.Post(base + "/decisions", server_.alice(),
                             {{"at", "2026-03-14T10:30:00Z"},
                              {"situation", "s"},
                              {"choice", "c"},
                              {"seen_event_ids", {424242}}}),
                400, "seen_event_ids");
  HttpResult work = server_.Post(base + "/work-as-done", server_.alice(),
                                 {{"procedure", "Payments runbook"},
                                  {"prescribed", "Check the card network first"},
                                  {"done", "Checked pool metrics"},
                                  {"why", "The card network looked fine"}});
  ASSERT_EQ(work.status, 201u) << work.body;
  HttpResult lesson =
      server_.Post(base + "/lessons", server_.alice(),
                   {{"title", "Limits depend on traffic"}, {"author_ids", {server_.alice().id}}});
  ASSERT_EQ(lesson.status, 201u) << lesson.body;

  for (const char* collection :
       {"factors", "actions", "events", "decisions", "work-as-done", "lessons"}) {
    HttpResult list = server_.Get(base + "/" + collection, server_.viewer());
    ASSERT_EQ(list.status, 200u) << collection;
    EXPECT_EQ(list.Json().at("items").as_array().size(), 1u) << collection;
  }
  std::string lesson_path = base + "/lessons/" + std::to_string(Id(lesson));
  ExpectProblem(server_.Delete(lesson_path, server_.alice(), 7), 412);
  EXPECT_EQ(server_.Delete(lesson_path, server_.alice(), 1).status, 204u);
  ExpectProblem(server_.Get(lesson_path, server_.alice()), 404);
}

TEST_F(ApiTest, ParticipantsDefaultToTheUsersNameAndAreUnique) {
  std::string base = "/api/v1/incidents/" + server_.CreateIncident(server_.alice());
  HttpResult added = server_.Post(base + "/participants", server_.alice(),
                                  {{"user_id", server_.bob().id}, {"role", "on_call"}});
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.Json().at("name").as_string(), "Bob");
  ExpectProblem(
      server_.Post(base + "/participants", server_.alice(), {{"user_id", server_.bob().id}}), 409,
      "user_id");
  HttpResult named = server_.Post(base + "/participants", server_.alice(),
                                  {{"name", "Dana from the vendor"}, {"role", "observer"}});
  EXPECT_EQ(named.status, 201u) << named.body;
  ExpectProblem(server_.Post(base + "/participants", server_.alice(), {{"role", "observer"}}), 400,
                "name");
}

TEST_F(ApiTest, ImportedEventsAreNotDuplicated) {
  std::string base = "/api/v1/incidents/" + server_.CreateIncident(server_.alice());
  bj::object event{{"at", "2026-03-14T10:07:00Z"},
                   {"kind", "alert"},
                   {"text", "firing"},
                   {"source", "import:alertmanager:abc"}};
  EXPECT_EQ(server_.Post(base + "/events", server_.alice(), event).status, 201u);
  ExpectProblem(server_.Post(base + "/events", server_.alice(), event), 409);
  EXPECT_EQ(server_.Get(base + "/events", server_.alice()).Json().at("items").as_array().size(),
            1u);
}

// Linking an entry to a moment in someone's private account must not reveal that it exists.
TEST_F(ApiTest, SameAsCannotProbeAPrivateAccount) {
  std::string base = "/api/v1/incidents/" + server_.CreateIncident(server_.alice());
  HttpResult bobs = server_.Post(base + "/accounts", server_.bob(), {{"narrative", "Mine."}});
  ASSERT_EQ(bobs.status, 201u);
  HttpResult hidden = server_.Post(base + "/accounts/" + std::to_string(Id(bobs)) + "/entries",
                                   server_.bob(), {{"at", "2026-03-14T10:05:00Z"}, {"did", "x"}});
  ASSERT_EQ(hidden.status, 201u);
  HttpResult alices = server_.Post(base + "/accounts", server_.alice(), {{"narrative", "Mine."}});
  std::string entries = base + "/accounts/" + std::to_string(Id(alices)) + "/entries";
  auto link = [&](int64_t id) {
    return server_.Post(entries, server_.alice(),
                        {{"at", "2026-03-14T10:06:00Z"},
                         {"did", "Paged"},
                         {"same_as", bj::array{"entry:" + std::to_string(id)}}});
  };
  HttpResult to_hidden = link(Id(hidden));
  HttpResult to_none = link(999999);
  ExpectProblem(to_hidden, 400, "same_as");
  ExpectProblem(to_none, 400, "same_as");
  EXPECT_THAT(std::string(to_hidden.Json().at("detail").as_string()),
              HasSubstr("which is not on this incident"));
  // Released to the review, the same link is accepted.
  ASSERT_EQ(server_
                .Patch(base + "/accounts/" + std::to_string(Id(bobs)), server_.bob(),
                       {{"visibility", "in_review"}}, 1)
                .status,
            200u);
  EXPECT_EQ(link(Id(hidden)).status, 201u);
}

// The account list is written as text (for the incident page); each item is the account as
// GET of it answers, entries and all, for its author and for another reader once released.
TEST_F(ApiTest, ListedAccountsAreTheAccountsAsReadOneByOne) {
  std::string base = "/api/v1/incidents/" + server_.CreateIncident(server_.alice());
  for (const testing::TestUser* author : {&server_.alice(), &server_.bob()}) {
    HttpResult account = server_.Post(
        base + "/accounts", *author,
        {{"narrative", "Quotes \" and \\ and </script>, caf\u00e9 \U0001F525\n\ta tab"}});
    ASSERT_EQ(account.status, 201u) << account.body;
    std::string path = base + "/accounts/" + std::to_string(Id(account));
    for (int minute = 0; minute < 3; ++minute) {
      HttpResult entry = server_.Post(path + "/entries", *author,
                                      {{"at", "2026-03-14T10:0" + std::to_string(minute) + ":00Z"},
                                       {"did", "Step \u2028 " + std::to_string(minute)},
                                       {"assumed", "A blip"}});
      ASSERT_EQ(entry.status, 201u) << entry.body;
    }
  }
  // Bob releases his; Alice keeps hers private.
  HttpResult bobs = server_.Get(base + "/accounts", server_.bob());
  int64_t bobs_id = bobs.Json().at("items").at(0).at("id").as_int64();
  ASSERT_EQ(server_
                .Patch(base + "/accounts/" + std::to_string(bobs_id), server_.bob(),
                       {{"visibility", "in_review"}}, 1)
                .status,
            200u);
  for (const testing::TestUser* reader : {&server_.alice(), &server_.bob(), &server_.viewer()}) {
    HttpResult list = server_.Get(base + "/accounts", *reader);
    ASSERT_EQ(list.status, 200u) << list.body;
    bj::value listed = list.Json();
    const bj::array& items = listed.at("items").as_array();
    EXPECT_EQ(items.size(), reader == &server_.alice() ? 2u : 1u) << reader->email;
    for (const bj::value& item : items) {
      EXPECT_EQ(item.at("entries").as_array().size(), 3u);
      HttpResult one =
          server_.Get(base + "/accounts/" + std::to_string(item.at("id").as_int64()), *reader);
      ASSERT_EQ(one.status, 200u) << one.body;
      EXPECT_EQ(item, one.Json()) << reader->email;
    }
  }
}

TEST_F(ApiTest, AuthorsOwnTheirAccounts) {
  std::string base = "/api/v1/incidents/" + server_.CreateIncident(server_.alice());
  HttpResult account =
      server_.Post(base + "/accounts", server_.alice(), {{"narrative", "I was on call."}});
  ASSERT_EQ(account.status, 201u) << account.body;
  EXPECT_EQ(account.Json().at("visibility").as_string(), "private");
  std::string path = base + "/accounts/" + std::to_string(Id(account));
  ExpectProblem(server_.Post(base + "/accounts", server_.alice(), bj::object{}), 409);

  HttpResult entry = server_.Post(path + "/entries", server_.alice(),
                                  {{"at", "2026-03-14T10:07:00Z"},
                                   {"uncertainty_minutes", 5},
                                   {"did", "Acknowledged the page"},
                                   {"assumed", "A card-network blip"}});
  ASSERT_EQ(entry.status, 201u) << entry.body;
  std::string entry_path = path + "/entries/" + std::to_string(Id(entry));

  // Private: others cannot even see it exists, not even an admin.
  ExpectProblem(server_.Get(path, server_.bob()), 404);
  ExpectProblem(server_.Get(path, server_.admin()), 404);
  EXPECT_TRUE(server_.Get(base + "/accounts", server_.bob()).Json().at("items").as_array().empty());
  ExpectProblem(server_.Patch(path, server_.bob(), {{"narrative", "x"}}, 1), 404);

  // Released for review: others read it but still cannot change it.
  HttpResult released = server_.Patch(path, server_.alice(), {{"visibility", "in_review"}}, 1);
  ASSERT_EQ(released.status, 200u) << released.body;
  EXPECT_EQ(server_.Get(path, server_.viewer()).status, 200u);
  EXPECT_EQ(server_.Get(path, server_.bob()).Json().at("entries").as_array().size(), 1u);
  ExpectProblem(server_.Patch(path, server_.bob(), {{"narrative", "x"}}, 2), 403);
  ExpectProblem(server_.Patch(path, server_.admin(), {{"narrative", "x"}}, 2), 403);
  ExpectProblem(server_.Patch(entry_path, server_.bob(), {{"did", "x"}}, 1), 403);
  ExpectProblem(server_.Delete(entry_path, server_.bob(), 1), 403);
  ExpectProblem(server_.Post(path + "/entries", server_.bob(),
                             {{"at", "2026-03-14T10:07:00Z"}, {"did", "x"}}),
                403);

  HttpResult changed = server_.Patch(entry_path, server_.alice(), {{"did", "Acked the page"}}, 1);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  ExpectProblem(server_.Patch(entry_path, server_.alice(), {{"did", "x"}}, 1), 412);

  // Withdrawn: back to the author alone.
  HttpResult withdrawn = server_.Delete(path, server_.alice(), 2);
  ASSERT_EQ(withdrawn.status, 200u) << withdrawn.body;
  EXPECT_EQ(withdrawn.Json().at("visibility").as_string(), "withdrawn");
  ExpectProblem(server_.Get(path, server_.viewer()), 404);
  EXPECT_EQ(server_.Delete(entry_path, server_.alice(), 2).status, 204u);
}

TEST_F(ApiTest, SharedAccountsAreForParticipantsNotViewers) {
  std::string base = "/api/v1/incidents/" + server_.CreateIncident(server_.alice());
  HttpResult account =
      server_.Post(base + "/accounts", server_.alice(), {{"visibility", "shared"}});
  ASSERT_EQ(account.status, 201u);
  std::string path = base + "/accounts/" + std::to_string(Id(account));
  ExpectProblem(server_.Get(path, server_.bob()), 404);
  ASSERT_EQ(
      server_.Post(base + "/participants", server_.alice(), {{"user_id", server_.bob().id}}).status,
      201u);
  EXPECT_EQ(server_.Get(path, server_.bob()).status, 200u);
  ASSERT_EQ(
      server_.Post(base + "/participants", server_.alice(), {{"user_id", server_.viewer().id}})
          .status,
      201u);
  ExpectProblem(server_.Get(path, server_.viewer()), 404);
}

TEST_F(ApiTest, EntriesMustReferToThisIncident) {
  std::string base = "/api/v1/incidents/" + server_.CreateIncident(server_.alice());
  HttpResult account = server_.Post(base + "/accounts", server_.alice(), bj::object{});
  std::string path = base + "/accounts/" + std::to_string(Id(account)) + "/entries";
  ExpectProblem(
      server_.Post(path, server_.alice(),
                   {{"at", "2026-03-14T10:07:00Z"}, {"did", "x"}, {"same_as", {"entry:999"}}}),
      400, "same_as");
  ExpectProblem(
      server_.Post(path, server_.alice(),
                   {{"at", "2026-03-14T10:07:00Z"}, {"did", "x"}, {"seen_event_ids", {5}}}),
      400, "seen_event_ids");
  ExpectProblem(server_.Post(path, server_.alice(), {{"at", "2026-03-14T10:07:00Z"}}), 400, "did");
}

TEST_F(ApiTest, SignsInWithACookieAndNeedsCsrfForWrites) {
  server_.SetPassword(server_.alice(), "correct horse battery");
  HttpResult wrong =
      server_.Request("POST", "/api/v1/session", {},
                      R"({"email":"alice@example.com","password":"nope nope nope"})");
  ExpectProblem(wrong, 401);
  HttpResult signed_in =
      server_.Request("POST", "/api/v1/session", {},
                      R"({"email":"ALICE@example.com","password":"correct horse battery"})");
  ASSERT_EQ(signed_in.status, 201u) << signed_in.body;
  std::string cookie = signed_in.Header("set-cookie");
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Strict"));
  std::string session = cookie.substr(0, cookie.find(';'));
  std::string csrf(signed_in.Json().at("csrf_token").as_string());

  HttpResult me = server_.Request("GET", "/api/v1/me", {}, {}, {{"Cookie", session}});
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(me.Json().at("email").as_string(), "alice@example.com");
  EXPECT_FALSE(me.Json().as_object().contains("password_hash"));

  std::string body = R"({"title":"From the browser","severity":"SEV3"})";
  ExpectProblem(server_.Request("POST", "/api/v1/incidents", {}, body, {{"Cookie", session}}), 403);
  ExpectProblem(server_.Request("POST", "/api/v1/incidents", {}, body,
                                {{"Cookie", session}, {"X-CSRF-Token", "forged"}}),
                403);
  EXPECT_EQ(server_
                .Request("POST", "/api/v1/incidents", {}, body,
                         {{"Cookie", session}, {"X-CSRF-Token", csrf}})
                .status,
            201u);
  EXPECT_EQ(server_
                .Request("POST", "/api/v1/incidents", {}, body,
                         {{"Cookie", session},
                          {"X-CSRF-Token", csrf},
                          {"Origin", "http://127.0.0.1"},
                          {"Sec-Fetch-Site", "same-origin"}})
                .status,
            201u);
  // The token alone is not enough from another site's page.
  ExpectProblem(server_.Request("POST", "/api/v1/incidents", {}, body,
                                {{"Cookie", session},
                                 {"X-CSRF-Token", csrf},
                                 {"Origin", "https://elsewhere.example.net"}}),
                403);
  ExpectProblem(
      server_.Request(
          "POST", "/api/v1/incidents", {}, body,
          {{"Cookie", session}, {"X-CSRF-Token", csrf}, {"Sec-Fetch-Site", "cross-site"}}),
      403);

  EXPECT_EQ(server_.Request("DELETE", "/api/v1/session", {}, {}, {{"Cookie", session}}).status,
            204u);
  ExpectProblem(server_.Request("GET", "/api/v1/me", {}, {}, {{"Cookie", session}}), 401);
}

TEST_F(ApiTest, SignInRejectsMalformedBodies) {
  ExpectProblem(server_.Request("POST", "/api/v1/session", {}, R"({"email":"a@b.c"})"), 400,
                "password");
  ExpectProblem(server_.Request("POST", "/api/v1/session", {}, R"({"email":1,"password":"x"})"),
                400, "email");
  ExpectProblem(server_.Request("POST", "/api/v1/session", {},
                                R"({"email":"a@b.c","password":"x","remember":true})"),
                400, "remember");
}

TEST_F(ApiTest, AdminsManageUsersAndReadTheAuditLog) {
  HttpResult created = server_.Post("/api/v1/users", server_.admin(),
                                    {{"email", "New@Example.com"},
                                     {"name", "New Person"},
                                     {"role", "viewer"},
                                     {"password", "a long enough password"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Json().at("email").as_string(), "new@example.com");
  ExpectProblem(server_.Post("/api/v1/users", server_.admin(),
                             {{"email", "x@example.com"}, {"name", "X"}, {"password", "short"}}),
                400, "password");
  ExpectProblem(
      server_.Post(
          "/api/v1/users", server_.admin(),
          {{"email", "new@example.com"}, {"name", "Dup"}, {"password", "a long enough password"}}),
      409, "email");
  HttpResult promoted = server_.Patch("/api/v1/users/" + std::to_string(Id(created)),
                                      server_.admin(), {{"role", "member"}}, 1);
  ASSERT_EQ(promoted.status, 200u) << promoted.body;
  EXPECT_EQ(promoted.Json().at("role").as_string(), "member");
  EXPECT_EQ(promoted.Json().at("version").as_int64(), 2);
  EXPECT_EQ(promoted.Header("etag"), "\"2\"");
  // A second admin's change made from the page read before the first one is refused, not obeyed;
  // one that names no version is asked for it.
  ExpectProblem(server_.Patch("/api/v1/users/" + std::to_string(Id(created)), server_.admin(),
                              {{"role", "admin"}}, 1),
                412);
  ExpectProblem(server_.Request("PATCH", "/api/v1/users/" + std::to_string(Id(created)),
                                server_.admin().token, R"({"role":"admin"})"),
                400, "If-Match");
  bj::value unchanged = server_.Get("/api/v1/users", server_.admin()).Json();
  for (const auto& listed : unchanged.at("items").as_array()) {
    if (listed.at("id").as_int64() == Id(created)) {
      EXPECT_EQ(listed.at("role").as_string(), "member");
    }
  }
  ExpectProblem(server_.Patch("/api/v1/users/" + std::to_string(server_.admin().id),
                              server_.admin(), {{"role", "member"}}, 1),
                409);

  std::string key = server_.CreateIncident(server_.alice());
  ASSERT_EQ(
      server_.Patch("/api/v1/incidents/" + key, server_.bob(), {{"title", "Renamed"}}, 1).status,
      200u);
  HttpResult audit = server_.Get("/api/v1/audit?incident=" + key, server_.admin());
  ASSERT_EQ(audit.status, 200u) << audit.body;
  bj::value audit_body = audit.Json();
  const bj::array& items = audit_body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("action").as_string(), "update");
  EXPECT_EQ(items[0].at("actor_id").as_int64(), server_.bob().id);
  EXPECT_EQ(items[0].at("changes").at("title").at("from").as_string(), "Checkout errors");
  EXPECT_EQ(items[0].at("changes").at("title").at("to").as_string(), "Renamed");
  ExpectProblem(server_.Get("/api/v1/audit", server_.alice()), 403);
  ExpectProblem(server_.Get("/api/v1/users", server_.alice()), 403);
}

TEST_F(ApiTest, UsersCreateTheirOwnApiTokens) {
  HttpResult created = server_.Post("/api/v1/me/tokens", server_.bob(), {{"name", "laptop"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string token(created.Json().at("token").as_string());
  EXPECT_TRUE(token.starts_with("dbr_"));
  HttpResult me = server_.Request("GET", "/api/v1/me", token);
  EXPECT_EQ(me.Json().at("email").as_string(), "bob@example.com");
}

TEST_F(ApiTest, ServesMetricsAndTheOpenApiDocument) {
  server_.Get("/api/v1/incidents", server_.alice());
  HttpResult metrics = server_.Get("/metrics", server_.alice());
  ASSERT_EQ(metrics.status, 200u);
  EXPECT_THAT(metrics.body, HasSubstr("debrief_http_requests_total{method=\"GET\",route=\"/api/v1/"
                                      "incidents\",status=\"200\"} 1"));
  EXPECT_THAT(metrics.body, HasSubstr("debrief_http_request_duration_seconds_bucket"));
  EXPECT_THAT(metrics.body, HasSubstr("debrief_db_query_duration_seconds_count"));
  // The library's index is built once, at the first search (on either back end).
  ASSERT_EQ(server_.Get("/api/v1/library/search?q=pool", server_.alice()).status, 200u);
  EXPECT_THAT(server_.Get("/metrics", server_.alice()).body,
              HasSubstr("debrief_library_index_builds_total 1\n"));

  HttpResult openapi = server_.Get("/api/v1/openapi.json", server_.alice());
  ASSERT_EQ(openapi.status, 200u);
  bj::value document = openapi.Json();
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  const bj::object& paths = document.at("paths").as_object();
  EXPECT_TRUE(paths.contains("/api/v1/incidents/{key}/timeline"));
  EXPECT_TRUE(paths.at("/api/v1/incidents/{key}/accounts/{id}").as_object().contains("patch"));
  EXPECT_TRUE(paths.at("/api/v1/incidents/{key}/accounts/{id}").as_object().contains("delete"));
  EXPECT_TRUE(document.at("components").at("schemas").as_object().contains("AccountEntry"));
}

TEST_F(ApiTest, SecurityHeadersOnEveryResponse) {
  HttpResult result = server_.Get("/api/v1/incidents", server_.alice());
  EXPECT_EQ(result.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(result.Header("cache-control"), "no-store");
}

// Issue 19: evidence links and tracker links took javascript: and data: addresses.
TEST_F(ApiTest, Issue19LinkFieldsTakeWebAddressesOnly) {
  std::string key = server_.CreateIncident(server_.alice());
  std::string base = "/api/v1/incidents/" + key;
  ExpectProblem(server_.Post(base + "/events", server_.alice(),
                             {{"at", "2026-03-14T10:00:00Z"},
                              {"text", "Deploy"},
                              {"evidence_links", bj::array{"javascript:alert(1)"}}}),
                400, "evidence_links");
  ExpectProblem(server_.Post(base + "/factors", server_.alice(),
                             {{"category", "capacity"},
                              {"text", "Pool too small"},
                              {"evidence_links", bj::array{"data:text/html,<b>x</b>"}}}),
                400, "evidence_links");
  ExpectProblem(server_.Post(base + "/actions", server_.alice(),
                             {{"title", "Alert on pool wait"}, {"tracker_url", "JaVaScRiPt:x"}}),
                400, "tracker_url");
  HttpResult event = server_.Post(base + "/events", server_.alice(),
                                  {{"at", "2026-03-14T10:00:00Z"},
                                   {"text", "Deploy"},
                                   {"evidence_links", bj::array{"https://ci.example.com/run/7"}}});
  ASSERT_EQ(event.status, 201u) << event.body;
  ExpectProblem(
      server_.Patch(base + "/events/" + std::to_string(Id(event)), server_.alice(),
                    {{"evidence_links", bj::array{"vbscript:msgbox(1)"}}}, Version(event)),
      400, "evidence_links");
  // Nothing unsafe was stored along the way.
  HttpResult events = server_.Get(base + "/events", server_.alice());
  EXPECT_EQ(events.body.find("script:"), std::string::npos) << events.body;
}

}  // namespace
}  // namespace debrief::http

namespace debrief::http {
namespace {

// Create, read, list, change and delete for every record collection of an incident.
struct Collection {
  const char* path;
  const char* create;  // JSON body.
  const char* change;  // JSON body for PATCH.
  const char* changed_field;
  bool deletable;
};

class RecordLifecycle : public ::testing::TestWithParam<Collection> {
 protected:
  testing::TestServer server_;
};

TEST_P(RecordLifecycle, CreateReadListChangeDelete) {
  const Collection& collection = GetParam();
  std::string base =
      "/api/v1/incidents/" + server_.CreateIncident(server_.alice()) + "/" + collection.path;
  testing::HttpResult created =
      server_.Request("POST", base, server_.alice().token, collection.create);
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string path = base + "/" + std::to_string(created.Json().at("id").as_int64());
  EXPECT_EQ(created.Header("location"), path);
  testing::HttpResult read = server_.Get(path, server_.viewer());
  ASSERT_EQ(read.status, 200u) << read.body;
  EXPECT_EQ(read.Header("etag"), "\"1\"");
  EXPECT_EQ(server_.Get(base, server_.viewer()).Json().at("items").as_array().size(), 1u);
  testing::HttpResult changed = server_.Request("PATCH", path, server_.bob().token,
                                                collection.change, {{"If-Match", "\"1\""}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.Json().at("version").as_int64(), 2);
  EXPECT_NE(changed.Json().at(collection.changed_field), read.Json().at(collection.changed_field));
  if (collection.deletable) {
    EXPECT_EQ(server_.Delete(path, server_.bob(), 2).status, 204u);
    EXPECT_EQ(server_.Get(path, server_.viewer()).status, 404u);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Collections, RecordLifecycle,
    ::testing::Values(
        Collection{"participants", R"({"name": "Dana", "role": "responder"})",
                   R"({"role": "incident_commander"})", "role", false},
        Collection{"events",
                   R"({"at": "2026-03-14T10:00:00Z", "kind": "change", "text": "Deploy 4812"})",
                   R"({"text": "Deploy 4812, config only"})", "text", true},
        Collection{
            "decisions",
            R"({"at": "2026-03-14T10:30:00Z", "situation": "Errors steady", "choice": "Roll back"})",
            R"({"rationale": "A tested path"})", "rationale", true},
        Collection{"factors", R"({"category": "capacity", "text": "Pool too small for peak"})",
                   R"({"category": "change_process"})", "category", true},
        Collection{"work-as-done", R"({"procedure": "Runbook", "done": "Skipped step 2"})",
                   R"({"why": "Step 2 pages the vendor at night"})", "why", true},
        Collection{"actions", R"({"title": "Alert on pool wait"})", R"({"status": "in_progress"})",
                   "status", true},
        Collection{"lessons", R"({"title": "Limits depend on traffic"})",
                   R"({"body": "Review limits against peak traffic."})", "body", true}),
    [](const auto& info) {
      std::string name = info.param.path;
      name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
      return name;
    });

TEST(UsersApi, MembersSeeTheDirectoryWithoutEmails) {
  testing::TestServer server;
  testing::HttpResult directory = server.Get("/api/v1/directory", server.bob());
  ASSERT_EQ(directory.status, 200u) << directory.body;
  EXPECT_EQ(directory.Json().at("items").as_array().size(), 4u);
  EXPECT_EQ(directory.body.find("@example.com"), std::string::npos);
  EXPECT_EQ(directory.Json().at("items").at(1).at("name").as_string(), "Alice");
}

TEST(UsersApi, AdminsListUsersWithoutSecrets) {
  testing::TestServer server;
  testing::HttpResult users = server.Get("/api/v1/users", server.admin());
  ASSERT_EQ(users.status, 200u) << users.body;
  EXPECT_EQ(users.Json().at("items").as_array().size(), 4u);
  EXPECT_EQ(users.body.find("password"), std::string::npos);
  EXPECT_EQ(users.body.find("unset"), std::string::npos);
}

}  // namespace
}  // namespace debrief::http
