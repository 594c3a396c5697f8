// JSON Lines to timeline events: the default mapping, the journald preset on journalctl's real
// output, templates, ids, and each kind of bad line, which names its line.
#include "ingest/json_lines.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "ingest/import_fixture.h"

namespace debrief::ingest {
namespace {

class JsonLinesTest : public ImportFixture {
 protected:
  core::Result<std::vector<core::TimelineEvent>> Import(const std::string& bytes,
                                                        EventMapping mapping = {}) {
    return ImportFile(Write("input.jsonl", bytes), std::move(mapping));
  }

  static core::Result<std::vector<core::TimelineEvent>> ImportFile(const std::string& path,
                                                                   EventMapping mapping) {
    DEBRIEF_ASSIGN_OR_RETURN(CompiledMapping compiled, CompiledMapping::Compile(mapping));
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> lines, LineReader::Open(path));
    JsonLinesSource source(std::move(lines), std::move(compiled));
    return ReadAll(source);
  }
};

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

TEST_F(JsonLinesTest, CommonFieldNamesNeedNoMapping) {
  auto events =
      Import(R"({"time":"2026-03-14T10:00:00Z","message":"deploy 1.2.3 started"})"
             "\n\n  \n"
             R"({"ts":1773482460,"msg":"pods crashlooping"})"
             "\n"
             R"({"timestamp":"2026-03-14T11:02:00.123456789+01:00","text":"rollback begun"})");
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].at, At("2026-03-14T10:00:00Z"));
  EXPECT_EQ((*events)[0].text, "deploy 1.2.3 started");
  EXPECT_EQ((*events)[0].kind, core::EventKind::kOther);
  EXPECT_EQ((*events)[1].at, At("2026-03-14T10:01:00Z"));  // Epoch seconds.
  EXPECT_EQ((*events)[2].at, At("2026-03-14T10:02:00.123Z"));
  EXPECT_EQ((*events)[2].text, "rollback begun");
  for (const core::TimelineEvent& event : *events) {
    EXPECT_TRUE(event.source.starts_with("import:jsonl:")) << event.source;
  }
}

TEST_F(JsonLinesTest, TheJournaldPresetReadsJournalctlOutput) {
  auto events = ImportFile(DEBRIEF_TESTDATA "/ingest/journald.jsonl", *PresetMapping("journald"));
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 4u);
  const core::TimelineEvent& first = events->front();
  // __REALTIME_TIMESTAMP is microseconds, as a string.
  EXPECT_EQ(core::ToEpochMillis(first.at), 1795518832069);
  EXPECT_EQ(first.text, "checkout-api: upstream payments timed out after 30s (5xx ratio 7.2%)");
  EXPECT_EQ(first.actor, "checkout-api");
  EXPECT_EQ(first.kind, core::EventKind::kObservation);
  EXPECT_TRUE(first.source.starts_with("import:journald:s=4d231faf")) << first.source;
  EXPECT_EQ((*events)[1].actor, "deployer");
  // A raw syslog message names no program, unit or command: no actor, and still an event.
  EXPECT_EQ(events->back().actor, "");
  EXPECT_NE(events->back().text.find("GET /healthz 503"), std::string::npos);
}

TEST_F(JsonLinesTest, TemplatesPathsIdsKindsAndLinksFollowTheMapping) {
  EventMapping mapping;
  mapping.kind_name = "deploys";
  mapping.time_field = "at";
  mapping.time_format = core::EventTimeFormat::kEpochMillis;
  mapping.text = "{service} {version|sha} deployed ({{{env}}})";
  mapping.actor = "{by.name}";
  mapping.link = "https://ci.example.com/runs/{run}";
  mapping.id_field = "run";
  mapping.kind = core::EventKind::kChange;
  mapping.kind_field = "kind";
  auto events = Import(
      R"({"at":1773482400000,"service":"checkout","sha":"3f2a9c1","env":"prod","by":{"name":"deploy-bot"},"run":4812})"
      "\n"
      R"({"at":"1773482460000","service":"payments","version":"1.4.0","run":"4813","kind":"action"})",
      mapping);
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].text, "checkout 3f2a9c1 deployed ({prod})");
  EXPECT_EQ((*events)[0].actor, "deploy-bot");
  EXPECT_EQ((*events)[0].evidence_links,
            std::vector<std::string>{"https://ci.example.com/runs/4812"});
  EXPECT_EQ((*events)[0].source, "import:deploys:4812");
  EXPECT_EQ((*events)[0].kind, core::EventKind::kChange);
  EXPECT_EQ((*events)[1].text, "payments 1.4.0 deployed ({})");
  EXPECT_EQ((*events)[1].source, "import:deploys:4813");
  EXPECT_EQ((*events)[1].kind, core::EventKind::kAction);
}

TEST_F(JsonLinesTest, RecordsWithoutAnIdAreKnownByTheirBytes) {
  std::string line = R"({"time":"2026-03-14T10:00:00Z","message":"same"})";
  auto twice =
      Import(line + "\n" + line + "\n" + R"({"time":"2026-03-14T10:00:00Z","message":"other"})");
  ASSERT_TRUE(twice);
  ASSERT_EQ(twice->size(), 3u);
  EXPECT_EQ((*twice)[0].source, (*twice)[1].source);
  EXPECT_NE((*twice)[0].source, (*twice)[2].source);
  // The id does not depend on the build: FNV-1a of the line's bytes.
  EXPECT_EQ(ContentId("a"), "af63dc4c8601ec8c");
}

TEST_F(JsonLinesTest, LongTextsAreCutAtACharacterBoundary) {
  std::string long_text;
  while (long_text.size() < 30'000) long_text += "é";  // Two bytes a character.
  auto events = Import(R"({"time":"2026-03-14T10:00:00Z","message":")" + long_text + "\"}");
  ASSERT_TRUE(events) << events.error().message();
  const std::string& text = events->front().text;
  EXPECT_TRUE(text.ends_with("…"));
  EXPECT_EQ(text.size(), (kMaxEventText - 1) * 2 + std::string("…").size());
}

TEST_F(JsonLinesTest, BadLinesAreRejectedWithTheirLineAndReason) {
  std::string good = R"({"time":"2026-03-14T10:00:00Z","message":"fine"})";
  struct Case {
    std::string line;
    std::string reason;
  };
  for (const Case& bad : std::vector<Case>{
           {"not json", ":3: not JSON"},
           {"[1, 2]", ":3: expected a JSON object"},
           {R"({"message":"no time"})", ":3: no time: none of the fields"},
           {R"({"time":"yesterday","message":"m"})", ":3: the time in \"time\""},
           {R"({"time":"2026-03-14T10:00:00Z","message":"  "})", ":3: no text"},
           {R"({"time":"2026-03-14T10:00:00Z","note":"m"})", ":3: no text"},
           {"{\"time\":\"2026-03-14T10:00:00Z\",\"message\":\"\xff\xfe\"}", ":3: not JSON"},
       }) {
    auto events = Import(good + "\n\n" + bad.line + "\n" + good);
    ASSERT_FALSE(events) << bad.line;
    EXPECT_NE(events.error().message().find("input.jsonl" + bad.reason), std::string::npos)
        << events.error().message();
  }
  EventMapping with_id;
  with_id.id_field = "id";
  auto missing_id = Import(good, with_id);
  ASSERT_FALSE(missing_id);
  EXPECT_NE(missing_id.error().message().find(":1: no id: the field \"id\" is missing"),
            std::string::npos);
}

TEST_F(JsonLinesTest, TimesWithoutAnOffsetAreReadInTheZoneGiven) {
  std::string lines = R"({"time":"2026-03-14 10:02:03.5","message":"local, with a fraction"})"
                      "\n"
                      R"({"time":"2026-07-14T10:02","message":"local, in summer"})"
                      "\n"
                      R"({"time":"2026-03-14T10:02:00Z","message":"with its own offset"})";
  EventMapping berlin;
  berlin.time_zone = "Europe/Berlin";
  auto events = Import(lines, berlin);
  ASSERT_TRUE(events) << events.error().message();
  EXPECT_EQ((*events)[0].at, At("2026-03-14T09:02:03.500Z"));
  EXPECT_EQ((*events)[1].at, At("2026-07-14T08:02:00Z"));  // Summer time, UTC+2.
  EXPECT_EQ((*events)[2].at, At("2026-03-14T10:02:00Z"));

  auto unplaced = Import(lines);
  ASSERT_FALSE(unplaced);
  EXPECT_NE(unplaced.error().message().find(
                ":1: the time in \"time\" (\"2026-03-14 10:02:03.5\") has no UTC offset: say "
                "which time zone such times are in (time_zone)"),
            std::string::npos)
      << unplaced.error().message();
  EventMapping nowhere;
  nowhere.time_zone = "Atlantis/Central";
  EXPECT_FALSE(Import(lines, nowhere));
  EXPECT_FALSE(ParseLocalDateTime("2026-02-30 10:00"));
  EXPECT_FALSE(ParseLocalDateTime("2026-03-14 10:00+01:00"));
  EXPECT_FALSE(ParseLocalDateTime("2026-03-14 24:00"));
}

TEST_F(JsonLinesTest, MappingsWithBadTemplatesAreRefused) {
  for (const char* text : {"{service", "service}", "{}", "{a|}"}) {
    EventMapping mapping;
    mapping.text = text;
    EXPECT_FALSE(CompiledMapping::Compile(mapping)) << text;
  }
}

}  // namespace
}  // namespace debrief::ingest
