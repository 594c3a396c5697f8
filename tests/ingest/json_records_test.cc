// JSON documents holding an array of records: a bare array, an object's named array (kubectl's
// EventList, PagerDuty's log entries, in their shapes), and documents that are not what they
// claim, each error naming its line.
#include "ingest/json_records.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "ingest/import_fixture.h"

namespace debrief::ingest {
namespace {

class JsonRecordsTest : public ImportFixture {
 protected:
  core::Result<std::vector<core::TimelineEvent>> Import(const std::string& bytes,
                                                        EventMapping mapping) {
    std::string path = Write("input.json", bytes);
    DEBRIEF_ASSIGN_OR_RETURN(CompiledMapping compiled, CompiledMapping::Compile(mapping));
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> lines, LineReader::Open(path));
    JsonRecordsSource source(std::move(lines), std::move(compiled));
    return ReadAll(source);
  }

  // The events of `bytes` and the audience spans their people make.
  struct WithSpans {
    std::vector<core::TimelineEvent> events;
    std::vector<AudienceSpan> spans;
  };
  core::Result<WithSpans> ImportWithSpans(const std::string& bytes, EventMapping mapping) {
    std::string path = Write("input.json", bytes);
    DEBRIEF_ASSIGN_OR_RETURN(CompiledMapping compiled, CompiledMapping::Compile(mapping));
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> lines, LineReader::Open(path));
    JsonRecordsSource source(std::move(lines), std::move(compiled));
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::TimelineEvent> events, ReadAll(source));
    return WithSpans{std::move(events), source.AudienceSpans()};
  }

  std::string ErrorOf(const std::string& bytes, EventMapping mapping) {
    auto events = Import(bytes, std::move(mapping));
    EXPECT_FALSE(events) << bytes;
    return events ? "" : events.error().message();
  }
};

TEST_F(JsonRecordsTest, ABareArrayAcrossLinesWithBracketsInsideStrings) {
  EventMapping mapping;
  mapping.kind_name = "json";
  auto events = Import(R"([
  {"time": "2026-03-14T10:00:00Z",
   "message": "saw } and ] and \"{[\" in a log line",
   "tags": [1, [2, 3], {"a": "]"}]},
  {"time": "2026-03-14T10:01:00Z", "message": "second"}
]
)",
                       mapping);
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].text, R"(saw } and ] and "{[" in a log line)");
  EXPECT_EQ((*events)[1].text, "second");
  EXPECT_NE((*events)[0].source, (*events)[1].source);
}

TEST_F(JsonRecordsTest, TheKubectlPresetReadsAnEventList) {
  auto events = Import(R"({
  "kind": "EventList",
  "apiVersion": "v1",
  "metadata": {"items": ["not these"], "resourceVersion": "91"},
  "items": [
    {
      "metadata": {"name": "api-7d9.17f", "namespace": "shop", "uid": "uid-1"},
      "involvedObject": {"kind": "Pod", "namespace": "shop", "name": "api-7d9"},
      "reason": "BackOff",
      "message": "Back-off restarting failed container api",
      "source": {"component": "kubelet", "host": "node-2"},
      "firstTimestamp": "2026-03-14T10:02:00Z",
      "lastTimestamp": "2026-03-14T10:09:00Z",
      "count": 14,
      "type": "Warning",
      "eventTime": null
    },
    {
      "metadata": {"name": "api.17g", "namespace": "shop", "uid": "uid-2",
                   "creationTimestamp": "2026-03-14T10:03:00Z"},
      "involvedObject": {"kind": "Deployment", "namespace": "shop", "name": "api"},
      "reason": "ScalingReplicaSet",
      "message": "Scaled up replica set api-7d9 to 3",
      "source": {},
      "reportingComponent": "deployment-controller",
      "firstTimestamp": null,
      "eventTime": "2026-03-14T10:03:00.123456Z",
      "type": "Normal"
    }
  ]
}
)",
                       *PresetMapping("kubectl"));
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].at, *core::ParseRfc3339("2026-03-14T10:02:00Z"));  // When it began.
  EXPECT_EQ((*events)[0].text, "Pod/api-7d9 BackOff: Back-off restarting failed container api");
  EXPECT_EQ((*events)[0].actor, "kubelet");
  EXPECT_EQ((*events)[0].source, "import:kubectl:uid-1");
  EXPECT_EQ((*events)[1].at, *core::ParseRfc3339("2026-03-14T10:03:00.123Z"));
  EXPECT_EQ((*events)[1].actor, "deployment-controller");
}

TEST_F(JsonRecordsTest, ThePagerdutyPresetGivesKindsByEntryType) {
  auto events = Import(R"({"log_entries": [
  {"id": "R1", "type": "trigger_log_entry", "summary": "Triggered through the API",
   "html_url": "https://example.pagerduty.com/incidents/P1/log_entries/R1",
   "created_at": "2026-03-14T10:00:00Z", "agent": {"summary": "Checkout service"}},
  {"id": "R2", "type": "acknowledge_log_entry", "summary": "Acknowledged by Priya",
   "created_at": "2026-03-14T10:04:00Z", "agent": {"summary": "Priya Raman"}},
  {"id": "R3", "type": "annotate_log_entry", "summary": "Note added",
   "created_at": "2026-03-14T10:06:00Z", "agent": {"summary": "Priya Raman"}},
  {"id": "R4", "type": "urgency_change_log_entry", "summary": "Urgency raised",
   "created_at": "2026-03-14T10:07:00Z"}
], "limit": 100, "more": false})",
                       *PresetMapping("pagerduty"));
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 4u);
  EXPECT_EQ((*events)[0].kind, core::EventKind::kAlert);
  EXPECT_EQ((*events)[0].evidence_links,
            std::vector<std::string>{"https://example.pagerduty.com/incidents/P1/log_entries/R1"});
  EXPECT_EQ((*events)[0].actor, "Checkout service");
  EXPECT_EQ((*events)[1].kind, core::EventKind::kAction);
  EXPECT_EQ((*events)[2].kind, core::EventKind::kObservation);
  EXPECT_EQ((*events)[3].kind, core::EventKind::kOther);
  EXPECT_TRUE((*events)[3].evidence_links.empty());
  EXPECT_EQ((*events)[3].source, "import:pagerduty:R4");
}

// PagerDuty's log entries in the shapes its REST API documents (AssignLogEntry's assignees,
// NotifyLogEntry's user, an acknowledging agent): each event is seen by whoever was on the
// incident, and each person is on it from the first entry that names them.
TEST_F(JsonRecordsTest, ThePagerdutyPresetSaysWhomTheIncidentReachedAndWhen) {
  auto read = ImportWithSpans(R"({"log_entries": [
  {"id": "R1", "type": "trigger_log_entry", "summary": "Triggered through the API",
   "created_at": "2026-03-14T10:00:00Z", "incident": {"id": "PT4KHLK", "type": "incident_reference"},
   "agent": {"id": "PIJ90N7", "type": "service_reference", "summary": "Checkout service"}},
  {"id": "R2", "type": "assign_log_entry", "summary": "Assigned to Priya Raman",
   "created_at": "2026-03-14T10:00:00Z", "incident": {"id": "PT4KHLK"},
   "agent": {"type": "service_reference", "summary": "Checkout service"},
   "assignees": [{"id": "PU1", "type": "user_reference", "summary": "Priya Raman"}]},
  {"id": "R6", "type": "notify_log_entry", "summary": "Notified Omar Haddad by SMS",
   "created_at": "2026-03-14T10:15:00Z", "incident": {"id": "PT4KHLK"},
   "user": {"id": "PU2", "type": "user", "name": "Omar Haddad", "email": "omar@example.com"}},
  {"id": "R3", "type": "escalate_log_entry", "summary": "Escalated to Omar Haddad",
   "created_at": "2026-03-14T10:14:00Z", "incident": {"id": "PT4KHLK"},
   "assignees": [{"id": "PU2", "type": "user_reference", "summary": "Omar Haddad"},
                 {"id": "PT9", "type": "team_reference", "summary": "Payments"}]},
  {"id": "R4", "type": "acknowledge_log_entry", "summary": "Acknowledged by Priya Raman",
   "created_at": "2026-03-14T10:16:00Z", "incident": {"id": "PT4KHLK"},
   "agent": {"id": "PU1", "type": "user_reference", "summary": "Priya Raman"}},
  {"id": "R5", "type": "urgency_change_log_entry", "summary": "Urgency raised",
   "created_at": "2026-03-14T10:17:00Z"}
]})",
                              *PresetMapping("pagerduty"));
  ASSERT_TRUE(read) << read.error().message();
  const std::vector<core::TimelineEvent>* events = &read->events;
  ASSERT_EQ(events->size(), 6u);
  EXPECT_EQ((*events)[0].visible_to, std::vector<std::string>{"pagerduty:PT4KHLK"});
  // An entry of no incident is anyone's to see, as without an audience.
  EXPECT_TRUE((*events)[5].visible_to.empty());

  const std::vector<AudienceSpan>& spans = read->spans;
  ASSERT_EQ(spans.size(), 2u);  // The service and the team are no one.
  // One span a person, though only the notification gave Omar's email.
  const AudienceSpan* priya = nullptr;
  const AudienceSpan* omar = nullptr;
  for (const AudienceSpan& span : spans) {
    EXPECT_EQ(span.audience, "pagerduty:PT4KHLK");
    EXPECT_EQ(span.source, "import:pagerduty:pagerduty:PT4KHLK");
    EXPECT_FALSE(span.until);
    if (span.name == "Priya Raman") priya = &span;
    if (span.name == "Omar Haddad") omar = &span;
  }
  ASSERT_NE(priya, nullptr);
  ASSERT_NE(omar, nullptr);
  EXPECT_EQ(priya->since, core::ParseRfc3339("2026-03-14T10:00:00Z"));  // Assigned, then acked.
  // The escalation came first, though listed after the notification.
  EXPECT_EQ(omar->since, core::ParseRfc3339("2026-03-14T10:14:00Z"));
  EXPECT_EQ(omar->email, "omar@example.com");
  EXPECT_EQ(priya->email, "");
}

TEST_F(JsonRecordsTest, PeopleFieldsOfAnotherShapeNameNobodyAndLoseNoEvent) {
  std::string bytes = R"([
  {"time": "2026-03-14T10:00:00Z", "message": "a", "room": "r1", "who": 5},
  {"time": "2026-03-14T10:01:00Z", "message": "b", "room": "r1", "who": [null, {"type": "user"}, ""]},
  {"time": "2026-03-14T10:02:00Z", "message": "c", "who": "Lena"},
  {"time": "2026-03-14T10:03:00Z", "message": "d", "room": "r1", "who": [["Lena"], {"name": "Ana"}]}
]
)";
  EventMapping mapping;
  mapping.kind_name = "json";
  mapping.audience = "room:{room}";
  mapping.people_fields = {"who"};
  auto read = ImportWithSpans(bytes, mapping);
  ASSERT_TRUE(read) << read.error().message();
  const std::vector<core::TimelineEvent>* events = &read->events;
  ASSERT_EQ(events->size(), 4u);
  // No room: no audience, so Lena is in none.
  EXPECT_TRUE((*events)[2].visible_to.empty());
  const std::vector<AudienceSpan>& spans = read->spans;
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].name, "Ana");
  EXPECT_EQ(spans[0].audience, "room:r1");
  EXPECT_EQ(spans[0].since, core::ParseRfc3339("2026-03-14T10:03:00Z"));

  mapping.people_fields = {""};
  EXPECT_FALSE(CompiledMapping::Compile(mapping));
}

TEST_F(JsonRecordsTest, DocumentsThatAreNotWhatTheyClaimNameTheLine) {
  EventMapping items;
  items.records = "items";
  EventMapping bare;
  std::string good = R"({"time": "2026-03-14T10:00:00Z", "message": "fine"})";
  EXPECT_NE(ErrorOf("{\"items\": [\n" + good + ",\n" + good + "\n", items)
                .find("ends before it is closed"),
            std::string::npos);
  EXPECT_NE(ErrorOf("{\"items\": [\n" + good + ",\n 42]}", items).find(":3: the records array"),
            std::string::npos);
  EXPECT_NE(ErrorOf("{\"events\": []}", items).find("has no \"items\" array"), std::string::npos);
  EXPECT_NE(ErrorOf("{\"items\": []}", bare).find("say which key holds them: records"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf("[\n" + good + ",\n{\"time\": \"2026-03-14T10:00:00Z\",\n \"message\": x}]", bare)
          .find("input.json:3: not JSON"),
      std::string::npos);
  EXPECT_NE(ErrorOf("[\n" + good + ",\n{\"message\": \"no time\"}]", bare).find(":3: no time"),
            std::string::npos);
  EXPECT_NE(ErrorOf("", bare).find("is empty"), std::string::npos);
  EXPECT_NE(ErrorOf("[]]", bare).find("closes nothing"), std::string::npos);
  EXPECT_NE(ErrorOf("[] []", bare).find("more than one JSON document"), std::string::npos);
  EXPECT_TRUE(Import("[]", bare)->empty());
}

}  // namespace
}  // namespace debrief::ingest
