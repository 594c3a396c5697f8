// Alertmanager notifications as real programs sent them (captured from Alertmanager 0.25 and
// Prometheus 2.42 on Debian 12), and the bad bodies a receiver must turn away.
#include "ingest/alertmanager.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace debrief::ingest {
namespace {

std::string ReadTestFile(const std::string& name) {
  std::ifstream file(std::string(DEBRIEF_TESTDATA "/ingest/") + name, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

AlertmanagerNotification Parse(const std::string& name) {
  auto parsed = ParseAlertmanagerNotification(ReadTestFile(name));
  EXPECT_TRUE(parsed) << name << ": " << parsed.error().message();
  return parsed ? *parsed : AlertmanagerNotification{};
}

TEST(AlertmanagerTest, ReadsAFiringGroupFromAmtool) {
  AlertmanagerNotification notification = Parse("alertmanager-webhook-captured.json");
  EXPECT_EQ(notification.receiver, "hook");
  EXPECT_FALSE(notification.resolved);
  EXPECT_EQ(notification.group_key, "{}:{alertname=\"HighErrorRate\", service=\"checkout\"}");
  ASSERT_EQ(notification.alerts.size(), 2u);
  const AlertmanagerAlert& first = notification.alerts[0];
  EXPECT_FALSE(first.resolved);
  EXPECT_EQ(LabelValue(first.labels, "instance"), "web-1:8080");
  EXPECT_EQ(LabelValue(first.annotations, "summary"), "5xx ratio above 5% on checkout");
  // amtool's nanoseconds are kept to the millisecond; Go's zero time means "no end yet".
  EXPECT_EQ(core::FormatRfc3339(first.starts_at), "2026-11-24T11:05:56.660Z");
  EXPECT_FALSE(first.ends_at);
  EXPECT_EQ(first.fingerprint, "8005070879442172");
  EXPECT_EQ(IncidentTitleFor(notification), "5xx ratio above 5% on checkout");
}

TEST(AlertmanagerTest, FiringAndResolvedEventsKeepTheirSourcesAcrossDeliveries) {
  AlertmanagerNotification firing = Parse("alertmanager-webhook-captured.json");
  AlertmanagerNotification resolved = Parse("alertmanager-webhook-captured-3-resolved.json");
  ASSERT_EQ(resolved.alerts.size(), 1u);
  std::vector<core::TimelineEvent> first = AlertEvents(firing.alerts[0], firing.receiver);
  std::vector<core::TimelineEvent> last = AlertEvents(resolved.alerts[0], resolved.receiver);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(last.size(), 2u);
  // The same firing in a later notification has the same source: it is not imported twice.
  EXPECT_EQ(first[0].source, last[0].source);
  EXPECT_EQ(first[0].source, "import:alertmanager:8005070879442172@1795518356660");
  EXPECT_EQ(last[1].source, first[0].source + "/resolved");
  EXPECT_EQ(core::FormatRfc3339(last[1].at), "2026-11-24T11:06:06Z");
  EXPECT_EQ(last[1].kind, core::EventKind::kAlert);
  EXPECT_EQ(first[0].text,
            "HighErrorRate firing: 5xx ratio above 5% on checkout (instance=web-1:8080, "
            "service=checkout, severity=page)");
  EXPECT_EQ(last[1].text.substr(0, 23), "HighErrorRate resolved:");
  EXPECT_EQ(first[0].actor, "alertmanager");
  EXPECT_EQ(first[0].visible_to, std::vector<std::string>{"receiver:hook"});
  EXPECT_EQ(first[0].evidence_links,
            (std::vector<std::string>{
                "http://prometheus.local/graph?g0.expr=job%3Arequest_errors%3Arate5m",
                "https://runbooks.example/checkout-5xx"}));
}

TEST(AlertmanagerTest, APartlyResolvedGroupResolvesOnlyItsResolvedAlerts) {
  AlertmanagerNotification notification =
      Parse("alertmanager-webhook-captured-2-partially-resolved.json");
  EXPECT_FALSE(notification.resolved);
  int resolved = 0;
  for (const AlertmanagerAlert& alert : notification.alerts) {
    resolved += alert.resolved;
    EXPECT_EQ(AlertEvents(alert, notification.receiver).size(), alert.resolved ? 2u : 1u);
  }
  EXPECT_EQ(resolved, 1);
}

TEST(AlertmanagerTest, ReadsPrometheusAlertsWithEscapedLinksAndEnds) {
  AlertmanagerNotification firing = Parse("alertmanager-webhook-from-prometheus-firing.json");
  ASSERT_EQ(firing.alerts.size(), 1u);
  // Go escapes & as \u0026; the link reads back with its ampersand.
  EXPECT_NE(firing.alerts[0].generator_url.find("&g0.tab=1"), std::string::npos);
  AlertmanagerNotification resolved = Parse("alertmanager-webhook-from-prometheus-resolved.json");
  ASSERT_EQ(resolved.alerts.size(), 1u);
  EXPECT_TRUE(resolved.alerts[0].resolved);
  ASSERT_TRUE(resolved.alerts[0].ends_at);
  EXPECT_GT(*resolved.alerts[0].ends_at, resolved.alerts[0].starts_at);
  EXPECT_EQ(AlertFiringKey(firing.alerts[0]), AlertFiringKey(resolved.alerts[0]));
}

TEST(AlertmanagerTest, OldSendersWithoutFingerprintsGetAStableOne) {
  std::string body = R"({"version":"4","status":"firing","receiver":"r","groupLabels":{"a":"b"},
    "alerts":[{"status":"firing","labels":{"alertname":"Disk","host":"db1"},
               "startsAt":"2026-03-14T10:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]})";
  auto first = ParseAlertmanagerNotification(body);
  auto again = ParseAlertmanagerNotification(body);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->alerts[0].fingerprint.size(), 16u);
  EXPECT_EQ(first->alerts[0].fingerprint, again->alerts[0].fingerprint);
  EXPECT_EQ(first->group_key, "{}:{a=b}");
  EXPECT_EQ(IncidentTitleFor(*first), "Alert from Alertmanager");
}

TEST(AlertmanagerTest, BadBodiesAreRejectedNamingTheField) {
  struct Case {
    std::string body;
    std::string field;
  };
  const std::string alert_start = R"({"version":"4","alerts":[)";
  const std::vector<Case> cases = {
      {"not json", ""},
      {"[1,2]", ""},
      {R"({"version":"3","alerts":[]})", "version"},
      {R"({"version":"4"})", "alerts"},
      {R"({"version":"4","alerts":{}})", "alerts"},
      {alert_start + "7]}", "alerts[0]"},
      {alert_start + R"({"status":"firing","startsAt":"2026-03-14T10:00:00Z"}]})",
       "alerts[0].labels"},
      {alert_start +
           R"({"status":"pending","labels":{"a":"b"},"startsAt":"2026-03-14T10:00:00Z"}]})",
       "alerts[0].status"},
      {alert_start + R"({"status":"firing","labels":{"a":1},"startsAt":"2026-03-14T10:00:00Z"}]})",
       "alerts[0].labels.a"},
      {alert_start + R"({"status":"firing","labels":{"a":"b"},"startsAt":"yesterday"}]})",
       "alerts[0].startsAt"},
      {alert_start + R"({"status":"firing","labels":{"a":"b"}}]})", "alerts[0].startsAt"},
      {alert_start + R"({"status":"resolved","labels":{"a":"b"},"startsAt":"2026-03-14T10:00:00Z",
                        "endsAt":"0001-01-01T00:00:00Z"}]})",
       "alerts[0].endsAt"},
  };
  for (const Case& bad : cases) {
    auto parsed = ParseAlertmanagerNotification(bad.body);
    ASSERT_FALSE(parsed) << bad.body;
    EXPECT_EQ(parsed.error().field(), bad.field) << bad.body << ": " << parsed.error().message();
  }
}

TEST(AlertmanagerTest, LongTitlesAreCutBetweenCharacters) {
  std::string summary;
  for (int index = 0; index < 150; ++index) summary += "é";  // Two bytes each.
  std::string body = R"({"alerts":[],"commonAnnotations":{"summary":")" + summary + R"("}})";
  auto parsed = ParseAlertmanagerNotification(body);
  ASSERT_TRUE(parsed) << parsed.error().message();
  std::string title = IncidentTitleFor(*parsed);
  EXPECT_EQ(title.size(), 200u);
  EXPECT_EQ(title, summary.substr(0, 200));
}

}  // namespace
}  // namespace debrief::ingest
