// Every write route of the router table, fed malformed bodies and every field with values of
// every wrong type: the answer is always a 4xx problem, never a 500, and the data survives.
#include <gtest/gtest.h>

#include "http/router.h"
#include "support/route_paths.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

class BadInputSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice());
    std::string base = "/api/v1/incidents/" + key_;
    HttpResult account = server_.Post(base + "/accounts", server_.alice(), bj::object{});
    account_id_ = account.Json().at("id").as_int64();
    HttpResult entry =
        server_.Post(base + "/accounts/" + std::to_string(account_id_) + "/entries",
                     server_.alice(), {{"at", "2026-03-14T10:00:00Z"}, {"did", "x"}});
    entry_id_ = entry.Json().at("id").as_int64();
    HttpResult event = server_.Post(base + "/events", server_.alice(),
                                    {{"at", "2026-03-14T10:00:00Z"}, {"text", "an event"}});
    event_id_ = event.Json().at("id").as_int64();
  }

  std::string Fill(std::string_view pattern) {
    return testing::FillRoute(pattern, {key_, account_id_, entry_id_, server_.bob().id, event_id_});
  }

  TestServer server_;
  std::string key_;
  int64_t account_id_ = 0;
  int64_t entry_id_ = 0;
  int64_t event_id_ = 0;
};

TEST_F(BadInputSweep, NoBadInputCausesA500) {
  std::vector<std::string> bodies = {"",
                                     "null",
                                     "[]",
                                     "42",
                                     "\"text\"",
                                     "{",
                                     "{\"a\":}",
                                     "{\"a\" 1}",
                                     std::string(64, '{'),
                                     std::string(40, '[') + std::string(40, ']'),
                                     "{\"title\": 1e999}",
                                     "\xff\xfe{}",
                                     "{\"title\": \"\xc3\x28\"}",
                                     "{\"\": 1}",
                                     "{\"title\": \"a\", \"title\": \"b\"}"};
  const char* fields[] = {"title",
                          "severity",
                          "status",
                          "review_status",
                          "services",
                          "tags",
                          "started_at",
                          "detected_at",
                          "mitigated_at",
                          "resolved_at",
                          "impact",
                          "facilitator_id",
                          "user_id",
                          "name",
                          "role",
                          "narrative",
                          "visibility",
                          "at",
                          "uncertainty_minutes",
                          "did",
                          "same_as",
                          "seen_event_ids",
                          "kind",
                          "text",
                          "source",
                          "visible_to",
                          "evidence_links",
                          "options",
                          "pressures",
                          "category",
                          "owner_id",
                          "due_on",
                          "priority",
                          "factor_ids",
                          "author_ids",
                          "email",
                          "password",
                          "disabled",
                          "id",
                          "version",
                          "key",
                          "account_id",
                          "incident_id"};
  const char* values[] = {"1",
                          "-1",
                          "1.5",
                          "true",
                          "null",
                          "\"x\"",
                          "[]",
                          "{}",
                          "[1,\"a\"]",
                          "9223372036854775808",
                          "\"9999-99-99\"",
                          "\"2026-02-30T00:00:00Z\"",
                          "[null]",
                          "[[]]",
                          "-9223372036854775808"};
  for (const char* field : fields) {
    for (const char* value : values) {
      bodies.push_back(std::string("{\"") + field + "\": " + value + "}");
    }
  }
  int requests = 0;
  for (const Route& route : Routes()) {
    if (route.method == boost::beast::http::verb::get) continue;
    std::string method(boost::beast::http::to_string(route.method));
    std::string path = Fill(route.pattern);
    bool admin_route = route.permission == core::Permission::kAdmin;
    const std::string& token = admin_route ? server_.admin().token : server_.alice().token;
    for (const std::string& body : bodies) {
      // The version the record has now, so checks past If-Match are reached too.
      HttpResult result = server_.Request(method, path, token, body, {{"If-Match", "\"1\""}});
      ++requests;
      ASSERT_LT(result.status, 500u)
          << method << " " << path << " " << body << " -> " << result.body;
      if (result.status >= 400) {
        // SCIM's routes answer in SCIM's own error document, as identity providers read it.
        ASSERT_EQ(result.Header("content-type"), route.pattern.starts_with("/scim/")
                                                     ? "application/scim+json"
                                                     : "application/problem+json")
            << result.body;
      }
    }
  }
  EXPECT_GT(requests, 10'000);
  EXPECT_EQ(server_.Get("/api/v1/incidents/" + key_, server_.alice()).status, 200u);
  EXPECT_EQ(server_.Get("/api/v1/incidents/" + key_ + "/timeline", server_.alice()).status, 200u);
}

TEST_F(BadInputSweep, HostileTargetsAndHeaders) {
  for (const char* target :
       {"/api/v1/incidents/%00", "/api/v1/incidents/%FF", "/api/v1/incidents/../../etc/passwd",
        "/api/v1/incidents?status=%", "/api/v1/incidents?limit=99999999999999999999",
        "/api/v1//incidents", "/api/v1/incidents/INC-2026-0001/accounts/-1",
        "/api/v1/incidents/INC-2026-0001/accounts/99999999999999999999/entries/1",
        "/api/v1/incidents/INC-2026-0001/timeline?known_by=1&known_at=2026-13-01T00:00:00Z"}) {
    HttpResult result = server_.Request("GET", target, server_.alice().token);
    EXPECT_GE(result.status, 400u) << target;
    EXPECT_LT(result.status, 500u) << target << " " << result.body;
  }
  HttpResult weird_if_match =
      server_.Request("PATCH", "/api/v1/incidents/" + key_, server_.alice().token,
                      R"({"title":"x"})", {{"If-Match", "\"99999999999999999999\""}});
  EXPECT_EQ(weird_if_match.status, 412u);  // No version this record has had.
}

}  // namespace
TEST_F(BadInputSweep, OnlyJsonIsReadAsJson) {
  std::string body = R"({"title":"Media types","severity":"SEV3"})";
  for (const char* other : {"application/jsonx", "application/json-seq", "text/json",
                            "application/x-www-form-urlencoded"}) {
    EXPECT_EQ(server_
                  .Request("POST", "/api/v1/incidents", server_.alice().token, body,
                           {{"Content-Type", other}})
                  .status,
              400u)
        << other;
  }
  EXPECT_EQ(server_
                .Request("POST", "/api/v1/incidents", server_.alice().token, body,
                         {{"Content-Type", "Application/JSON ; charset=utf-8"}})
                .status,
            201u);
}

// A declared query parameter is read and checked, never silently ignored.
TEST_F(BadInputSweep, PageSizesAreChecked) {
  for (const char* limit : {"-1", "0", "abc", "501"}) {
    EXPECT_EQ(
        server_.Request("GET", std::string("/api/v1/audit?limit=") + limit, server_.admin().token)
            .status,
        400u)
        << limit;
  }
  HttpResult two = server_.Request("GET", "/api/v1/audit?limit=2", server_.admin().token);
  ASSERT_EQ(two.status, 200u);
  EXPECT_EQ(two.Json().at("items").as_array().size(), 2u);
}

}  // namespace debrief::http
