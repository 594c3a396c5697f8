#include "core/validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::core {
namespace {

using ::testing::HasSubstr;

Timestamp At(const char* text) { return *ParseRfc3339(text); }

Incident ValidIncident() {
  Incident incident;
  incident.title = "Checkout errors";
  incident.severity = "SEV2";
  return incident;
}

std::vector<std::string> FieldsOf(const Result<void>& result) {
  std::vector<std::string> fields;
  if (!result) {
    for (const FieldViolation& violation : result.error().violations()) {
      fields.push_back(violation.field);
    }
  }
  return fields;
}

TEST(IncidentValidation, AcceptsAMinimalIncident) {
  EXPECT_TRUE(Validate(ValidIncident(), SeverityScale{}));
}

TEST(IncidentValidation, ResolvedBeforeStartedNamesBothFields) {
  Incident incident = ValidIncident();
  incident.started_at = At("2026-03-14T10:00:00Z");
  incident.resolved_at = At("2026-03-14T09:00:00Z");
  auto result = Validate(incident, SeverityScale{});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().field(), "resolved_at");
  EXPECT_THAT(result.error().message(), HasSubstr("resolved_at"));
  EXPECT_THAT(result.error().message(), HasSubstr("started_at"));
}

TEST(IncidentValidation, ChecksEveryPairOfKeyTimes) {
  Incident incident = ValidIncident();
  incident.started_at = At("2026-03-14T10:00:00Z");
  incident.detected_at = At("2026-03-14T10:30:00Z");
  incident.mitigated_at = At("2026-03-14T10:20:00Z");
  EXPECT_THAT(FieldsOf(Validate(incident, SeverityScale{})), ::testing::Contains("mitigated_at"));
}

TEST(IncidentValidation, ReportsEveryProblemAtOnce) {
  Incident incident;
  incident.severity = "P0";
  incident.services = {"api", "api"};
  EXPECT_THAT(FieldsOf(Validate(incident, SeverityScale{})),
              ::testing::IsSupersetOf({"title", "severity", "services"}));
}

TEST(IncidentValidation, UsesTheConfiguredSeverityScale) {
  Incident incident = ValidIncident();
  incident.severity = "P1";
  EXPECT_FALSE(Validate(incident, SeverityScale{}));
  EXPECT_TRUE(Validate(incident, SeverityScale{{"P1", "P2"}}));
}

TEST(IncidentValidation, StatusNeedsItsTime) {
  Incident incident = ValidIncident();
  incident.status = IncidentStatus::kResolved;
  EXPECT_THAT(FieldsOf(Validate(incident, SeverityScale{})), ::testing::Contains("resolved_at"));
  incident.status = IncidentStatus::kMitigated;
  EXPECT_THAT(FieldsOf(Validate(incident, SeverityScale{})), ::testing::Contains("mitigated_at"));
}

TEST(IncidentValidation, ReviewStartsOnlyWhenResolved) {
  Incident incident = ValidIncident();
  incident.review_status = ReviewStatus::kDrafting;
  EXPECT_THAT(FieldsOf(Validate(incident, SeverityScale{})), ::testing::Contains("review_status"));
}

TEST(EntryValidation, NeedsATimeAndSomeContent) {
  AccountEntry entry;
  EXPECT_THAT(FieldsOf(Validate(entry)), ::testing::IsSupersetOf({"at", "did"}));
  entry.at = At("2026-03-14T10:00:00Z");
  entry.saw = "The error graph went up";
  EXPECT_TRUE(Validate(entry));
}

TEST(EntryValidation, BoundsUncertaintyAndChecksReferences) {
  AccountEntry entry;
  entry.at = At("2026-03-14T10:00:00Z");
  entry.did = "Restarted the worker";
  entry.uncertainty_minutes = -1;
  EXPECT_THAT(FieldsOf(Validate(entry)), ::testing::Contains("uncertainty_minutes"));
  entry.uncertainty_minutes = 5;
  entry.same_as = {"entry:12", "event:7"};
  EXPECT_TRUE(Validate(entry));
  entry.same_as = {"12"};
  EXPECT_THAT(FieldsOf(Validate(entry)), ::testing::Contains("same_as"));
  entry.same_as = {};
  entry.seen_event_ids = {0};
  EXPECT_THAT(FieldsOf(Validate(entry)), ::testing::Contains("seen_event_ids"));
}

TEST(EventValidation, NeedsTimeTextAndAKnownSource) {
  TimelineEvent event;
  event.source = "carrier-pigeon";
  EXPECT_THAT(FieldsOf(Validate(event)), ::testing::IsSupersetOf({"at", "text", "source"}));
  event.at = At("2026-03-14T10:00:00Z");
  event.text = "Deploy 4812";
  event.source = "import:deploys:4812";
  EXPECT_TRUE(Validate(event));
}

TEST(ActionValidation, WontDoNeedsAReasonAndUrlsMustBeHttp) {
  ActionItem action;
  action.title = "Alert on pool wait";
  action.status = ActionStatus::kWontDo;
  EXPECT_THAT(FieldsOf(Validate(action)), ::testing::Contains("wont_do_reason"));
  action.wont_do_reason = "Replaced by the new pool autoscaler";
  action.tracker_url = "javascript:alert(1)";
  EXPECT_THAT(FieldsOf(Validate(action)), ::testing::Contains("tracker_url"));
  action.tracker_url = "https://tracker.example.com/PAY-12";
  EXPECT_TRUE(Validate(action));
}

TEST(OtherValidation, RequiredTextOfEachRecord) {
  EXPECT_FALSE(Validate(Participant{}));
  EXPECT_FALSE(Validate(ContributingFactor{}));
  EXPECT_FALSE(Validate(Lesson{}));
  EXPECT_FALSE(Validate(WorkAsDone{}));
  DecisionPoint decision;
  EXPECT_THAT(FieldsOf(Validate(decision)), ::testing::IsSupersetOf({"at", "situation", "choice"}));
  ContributingFactor factor;
  factor.text = "   \n";
  EXPECT_FALSE(Validate(factor));
}

TEST(SafeLinks, OnlyHttpAndHttpsWithAHost) {
  for (std::string_view url :
       {"https://grafana.example.com/d/abc?from=now-1h", "http://10.0.0.1:3000/x",
        "HTTPS://Example.com/Runbook#step-2", "https://example.com"}) {
    EXPECT_TRUE(IsSafeLink(url)) << url;
  }
  for (std::string_view url :
       {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
        "vbscript:msgbox", "file:///etc/passwd", "//evil.example.com", "https://", "http:/x",
        "https:///path", "https://exa mple.com", "https://example.com\n.evil",
        "https://example.com/\"onmouseover=", " https://example.com", "ftp://example.com",
        "https:\\\\evil.example.com", "https://<script>", "https://@evil.example.com"}) {
    EXPECT_FALSE(IsSafeLink(url)) << url;
  }
}

// Issue 19: evidence links accepted javascript: and data: addresses.
TEST(SafeLinks, Issue19EveryLinkFieldRefusesUnsafeAddresses) {
  TimelineEvent event;
  event.at = Timestamp{std::chrono::milliseconds(1000)};
  event.text = "Deploy";
  event.source = "manual";
  event.evidence_links = {"https://ci.example.com/run/1", "javascript:alert(document.cookie)"};
  EXPECT_THAT(FieldsOf(Validate(event)), ::testing::Contains("evidence_links"));
  event.evidence_links = {"https://ci.example.com/run/1"};
  EXPECT_TRUE(Validate(event));
  ContributingFactor factor;
  factor.text = "Pool sized for last year";
  factor.evidence_links = {"data:text/html;base64,PHNjcmlwdD4="};
  EXPECT_THAT(FieldsOf(Validate(factor)), ::testing::Contains("evidence_links"));
}

}  // namespace
}  // namespace debrief::core
