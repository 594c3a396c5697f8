// Alert hooks through the real server: admins set them up, Alertmanager's notifications (as
// Alertmanager 0.25 sent them) land on the routed incident once however often they are delivered,
// hooks that open incidents open one per group, and bad tokens and bodies store nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using ::testing::HasSubstr;
using testing::HttpResult;
using testing::TestServer;

std::string ReadTestFile(const std::string& name) {
  std::ifstream file(std::string(DEBRIEF_TESTDATA "/ingest/") + name, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

const std::string kFiring = ReadTestFile("alertmanager-webhook-captured.json");
const std::string kPartlyResolved =
    ReadTestFile("alertmanager-webhook-captured-2-partially-resolved.json");
const std::string kResolved = ReadTestFile("alertmanager-webhook-captured-3-resolved.json");

class AlertHookTest : public ::testing::Test {
 protected:
  // Creates a hook and returns its JSON, token included.
  bj::object AddHook(bj::object fields) {
    HttpResult created = server_.Post("/api/v1/alert-hooks", server_.admin(), fields);
    EXPECT_EQ(created.status, 201u) << created.body;
    return created.status == 201u ? created.Json().as_object() : bj::object{};
  }

  HttpResult Deliver(const std::string& token, const std::string& body) {
    return server_.Request("POST", "/api/v1/hooks/alertmanager/" + token, {}, body,
                           {{"Content-Type", "application/json"}});
  }

  bj::array Events(const std::string& key) {
    HttpResult list = server_.Get("/api/v1/incidents/" + key + "/events", server_.alice());
    EXPECT_EQ(list.status, 200u) << list.body;
    return list.Json().at("items").as_array();
  }

  TestServer server_;
};

TEST_F(AlertHookTest, RoutedAlertsLandOnceAndResolve) {
  std::string key = server_.CreateIncident(server_.alice(), {{"title", "Checkout errors"}});
  bj::object hook =
      AddHook({{"name", "prod"},
               {"routes",
                bj::array{bj::object{{"matchers", {"service=checkout", "severity=~page|critical"}},
                                     {"incident_key", key}}}}});
  std::string token(hook.at("token").as_string());
  EXPECT_THAT(token, ::testing::StartsWith("dbh_"));
  EXPECT_EQ(hook.at("url_path").as_string(), "/api/v1/hooks/alertmanager/" + token);
  EXPECT_EQ(hook.at("routes").at(0).at("matchers").at(1).as_string(),
            "severity=~\"page|critical\"");

  HttpResult first = Deliver(token, kFiring);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.Json().at("added").as_int64(), 2);
  EXPECT_EQ(first.Json().at("incidents").at(0).at("key").as_string(), key);
  // Alertmanager sends the same group again (a retry, or a repeat while it fires): nothing new.
  HttpResult again = Deliver(token, kFiring);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.Json().at("added").as_int64(), 0);
  EXPECT_EQ(again.Json().at("skipped").as_int64(), 2);

  ASSERT_EQ(Deliver(token, kPartlyResolved).status, 200u);
  HttpResult resolved = Deliver(token, kResolved);
  ASSERT_EQ(resolved.status, 200u) << resolved.body;
  EXPECT_EQ(resolved.Json().at("added").as_int64(), 1);
  EXPECT_EQ(resolved.Json().at("skipped").as_int64(), 1);

  bj::array events = Events(key);
  ASSERT_EQ(events.size(), 4u);  // Two firings, two resolutions.
  int resolutions = 0;
  for (const bj::value& event : events) {
    EXPECT_EQ(event.at("kind").as_string(), "alert");
    EXPECT_EQ(event.at("actor").as_string(), "alertmanager");
    EXPECT_THAT(std::string(event.at("source").as_string()),
                ::testing::StartsWith("import:alertmanager:"));
    resolutions +=
        std::string_view(event.at("text").as_string()).find(" resolved") != std::string_view::npos;
  }
  EXPECT_EQ(resolutions, 2);
}

TEST_F(AlertHookTest, TheTokenWorksAsABearerTokenAndOnlyForItsHook) {
  std::string key = server_.CreateIncident(server_.alice());
  bj::object hook = AddHook(
      {{"name", "prod"},
       {"routes",
        bj::array{bj::object{{"matchers", {"alertname=HighErrorRate"}}, {"incident_key", key}}}}});
  std::string token(hook.at("token").as_string());
  HttpResult bearer = server_.Request("POST", "/api/v1/hooks/alertmanager", token, kFiring);
  ASSERT_EQ(bearer.status, 200u) << bearer.body;
  EXPECT_EQ(bearer.Json().at("added").as_int64(), 2);

  EXPECT_EQ(Deliver("dbh_not-a-token", kFiring).status, 401u);
  EXPECT_EQ(server_.Request("POST", "/api/v1/hooks/alertmanager", {}, kFiring).status, 401u);
  // A user's API token is no hook token, not even an admin's.
  EXPECT_EQ(
      server_.Request("POST", "/api/v1/hooks/alertmanager", server_.admin().token, kFiring).status,
      401u);
  // The token is shown once: reading the hook never gives it back.
  HttpResult read = server_.Get("/api/v1/alert-hooks/" + std::to_string(hook.at("id").as_int64()),
                                server_.admin());
  EXPECT_THAT(read.body, ::testing::Not(HasSubstr(token)));
  EXPECT_FALSE(read.Json().as_object().contains("token"));

  // A new token: the old one stops working.
  int64_t id = hook.at("id").as_int64();
  HttpResult replaced =
      server_.Request("POST", "/api/v1/alert-hooks/" + std::to_string(id) + "/token",
                      server_.admin().token, "{}", {{"If-Match", "\"1\""}});
  ASSERT_EQ(replaced.status, 200u) << replaced.body;
  std::string new_token(replaced.Json().at("token").as_string());
  EXPECT_NE(new_token, token);
  EXPECT_EQ(Deliver(token, kFiring).status, 401u);
  EXPECT_EQ(Deliver(new_token, kFiring).status, 200u);

  // Switched off: Alertmanager is told so, and nothing lands.
  ASSERT_EQ(server_
                .Patch("/api/v1/alert-hooks/" + std::to_string(id), server_.admin(),
                       {{"active", false}}, 2)
                .status,
            200u);
  EXPECT_EQ(Deliver(new_token, kResolved).status, 403u);
  EXPECT_EQ(Events(key).size(), 2u);
}

TEST_F(AlertHookTest, AHookThatOpensIncidentsOpensOnePerGroup) {
  bj::object hook = AddHook({{"name", "catch-all"}, {"open_incidents", true}});
  std::string token(hook.at("token").as_string());
  HttpResult first = Deliver(token, kFiring);
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_EQ(first.Json().at("opened").as_array().size(), 1u);
  std::string key(first.Json().at("opened").at(0).at("key").as_string());

  HttpResult incident = server_.Get("/api/v1/incidents/" + key, server_.alice());
  ASSERT_EQ(incident.status, 200u);
  EXPECT_EQ(incident.Json().at("status").as_string(), "investigating");
  EXPECT_EQ(incident.Json().at("title").as_string(), "5xx ratio above 5% on checkout");
  EXPECT_EQ(incident.Json().at("started_at").as_string(), "2026-11-24T11:05:56.660Z");
  EXPECT_EQ(incident.Json().at("services").at(0).as_string(), "checkout");
  EXPECT_EQ(incident.Json().at("severity").as_string(), "SEV4");  // "page" is not on the scale.

  // Later notifications of the group go to the same incident; none opens another.
  for (const std::string* body : {&kFiring, &kPartlyResolved, &kResolved}) {
    HttpResult later = Deliver(token, *body);
    ASSERT_EQ(later.status, 200u) << later.body;
    EXPECT_TRUE(later.Json().at("opened").as_array().empty());
    EXPECT_EQ(later.Json().at("incidents").at(0).at("key").as_string(), key);
  }
  EXPECT_EQ(Events(key).size(), 4u);
  HttpResult list = server_.Get("/api/v1/incidents", server_.alice());
  EXPECT_EQ(list.Json().at("items").as_array().size(), 1u);
}

TEST_F(AlertHookTest, UnroutedAlertsAreIgnoredUnlessTheHookOpensIncidents) {
  std::string key = server_.CreateIncident(server_.alice());
  bj::object hook =
      AddHook({{"name", "payments-only"},
               {"routes",
                bj::array{bj::object{{"matchers", {"service=payments"}}, {"incident_key", key}}}}});
  HttpResult delivered = Deliver(std::string(hook.at("token").as_string()), kFiring);
  ASSERT_EQ(delivered.status, 200u) << delivered.body;
  EXPECT_EQ(delivered.Json().at("ignored").as_int64(), 2);
  EXPECT_EQ(delivered.Json().at("added").as_int64(), 0);
  EXPECT_TRUE(Events(key).empty());

  // A hook that opens incidents does not open one for a group it first hears of resolved.
  bj::object opener = AddHook({{"name", "opener"}, {"open_incidents", true}});
  HttpResult resolved = Deliver(std::string(opener.at("token").as_string()), kResolved);
  ASSERT_EQ(resolved.status, 200u) << resolved.body;
  EXPECT_EQ(resolved.Json().at("ignored").as_int64(), 1);
  EXPECT_TRUE(resolved.Json().at("opened").as_array().empty());
}

TEST_F(AlertHookTest, BadBodiesAreRejectedAndStoreNothing) {
  std::string key = server_.CreateIncident(server_.alice());
  bj::object hook = AddHook(
      {{"name", "prod"},
       {"routes", bj::array{bj::object{{"matchers", {"alertname=~.+"}}, {"incident_key", key}}}}});
  std::string token(hook.at("token").as_string());
  std::string half = kFiring.substr(0, kFiring.size() / 2);
  std::string bad_time = kFiring;
  bad_time.replace(bad_time.find("2026-11-24T11:05:56.720839818Z"), 30, "soon");
  for (const std::string& body :
       {half, std::string("[]"), bad_time, std::string("{\"alerts\":[{\"status\":\"firing\"}]}"),
        std::string("\xff\xfe{}")}) {
    HttpResult result = Deliver(token, body);
    EXPECT_EQ(result.status, 400u) << body << ": " << result.body;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json");
  }
  // The bad time was in the second alert: the first, which was fine, did not land either.
  EXPECT_TRUE(Events(key).empty());
}

TEST_F(AlertHookTest, AdminsSetHooksUpAndMistakesAreExplained) {
  std::string key = server_.CreateIncident(server_.alice());
  auto rejected = [&](bj::object fields, std::string_view field, std::string_view words) {
    HttpResult result = server_.Post("/api/v1/alert-hooks", server_.admin(), fields);
    EXPECT_EQ(result.status, 400u) << result.body;
    EXPECT_THAT(result.body, HasSubstr(std::string(field)));
    EXPECT_THAT(result.body, HasSubstr(std::string(words)));
  };
  rejected({}, "name", "name is required");
  rejected({{"name", "x"},
            {"routes", bj::array{bj::object{{"matchers", {"service"}}, {"incident_key", key}}}}},
           "routes", "route 1");
  rejected({{"name", "x"},
            {"routes", bj::array{bj::object{{"matchers", {"sev=~\"(\""}}, {"incident_key", key}}}}},
           "routes", "regular expression");
  rejected(
      {{"name", "x"},
       {"routes", bj::array{bj::object{{"matchers", {"a=b"}}, {"incident_key", "INC-2020-0999"}}}}},
      "routes", "no incident INC-2020-0999");
  rejected({{"name", "x"},
            {"routes", bj::array{bj::object{{"matchers", bj::array{}}, {"incident_key", key}}}}},
           "routes", "matchers");
  rejected({{"name", "x"}, {"severity", "critical"}}, "severity", "SEV1");
  rejected({{"name", "x"}, {"open_incidents", "yes"}}, "open_incidents", "true or false");
  rejected({{"name", "x"}, {"token", "mine"}}, "token", "");

  bj::object hook = AddHook({{"name", "prod"}, {"severity", "SEV2"}});
  EXPECT_EQ(server_.Post("/api/v1/alert-hooks", server_.admin(), {{"name", "prod"}}).status, 409u);
  int64_t id = hook.at("id").as_int64();
  std::string path = "/api/v1/alert-hooks/" + std::to_string(id);
  EXPECT_EQ(server_.Patch(path, server_.admin(), {{"name", "staging"}}, 7).status, 412u);
  HttpResult renamed = server_.Patch(path, server_.admin(), {{"name", "staging"}}, 1);
  ASSERT_EQ(renamed.status, 200u) << renamed.body;
  EXPECT_EQ(renamed.Json().at("name").as_string(), "staging");
  EXPECT_EQ(
      server_.Get("/api/v1/alert-hooks", server_.admin()).Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(server_.Get("/api/v1/alert-hooks", server_.alice()).status, 403u);
  EXPECT_EQ(server_.Delete(path, server_.admin(), 2).status, 204u);
  EXPECT_EQ(server_.Get(path, server_.admin()).status, 404u);
  EXPECT_EQ(Deliver(std::string(hook.at("token").as_string()), kFiring).status, 401u);
}

}  // namespace
}  // namespace debrief::http

namespace debrief::http {
namespace {

TEST_F(AlertHookTest, TheTimelineSuggestsKeyMomentsFromDeliveredAlerts) {
  std::string key = server_.CreateIncident(server_.alice(), {{"title", "Checkout errors"}});
  bj::object hook =
      AddHook({{"name", "prod"},
               {"routes",
                bj::array{bj::object{{"matchers", {"service=checkout"}}, {"incident_key", key}}}}});
  std::string token(hook.at("token").as_string());
  ASSERT_EQ(Deliver(token, kFiring).status, 200u);
  std::string path = "/api/v1/incidents/" + key + "/timeline";
  bj::value firing = server_.Get(path, server_.alice()).Json();
  bj::array moments = firing.at("suggestions").at("key_moments").as_array();
  ASSERT_EQ(moments.size(), 1u) << moments;  // Both alerts still fire.
  EXPECT_EQ(moments[0].at("field").as_string(), "detected_at");
  EXPECT_EQ(moments[0].at("at").as_string(), "2026-11-24T11:05:56.660Z");

  ASSERT_EQ(Deliver(token, kPartlyResolved).status, 200u);
  ASSERT_EQ(Deliver(token, kResolved).status, 200u);
  bj::value resolved = server_.Get(path, server_.alice()).Json();
  moments = resolved.at("suggestions").at("key_moments").as_array();
  ASSERT_EQ(moments.size(), 2u) << moments;
  EXPECT_EQ(moments[1].at("field").as_string(), "resolved_at");
  EXPECT_EQ(moments[1].at("at").as_string(), "2026-11-24T11:06:06Z");
  // Viewers read the timeline without them: the reasons quote events as they are.
  EXPECT_FALSE(server_.Get(path, server_.viewer()).Json().as_object().contains("suggestions"));

  // Taking a suggestion: it is not made again.
  HttpResult incident = server_.Get("/api/v1/incidents/" + key, server_.alice());
  ASSERT_EQ(
      server_
          .Patch("/api/v1/incidents/" + key, server_.alice(),
                 {{"detected_at", moments[0].at("at")}}, incident.Json().at("version").as_int64())
          .status,
      200u);
  moments =
      server_.Get(path, server_.alice()).Json().at("suggestions").at("key_moments").as_array();
  ASSERT_EQ(moments.size(), 1u);
  EXPECT_EQ(moments[0].at("field").as_string(), "resolved_at");
}

}  // namespace
}  // namespace debrief::http
