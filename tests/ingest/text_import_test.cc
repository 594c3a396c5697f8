// Text imports: events pasted one per line (times with and without offsets, separators, a kind
// for every line), lines read from memory as the API reads a request's body, and the settings
// each format refuses.
#include "ingest/text_import.h"

#include <gtest/gtest.h>

#include "ingest/import_fixture.h"

namespace debrief::ingest {
namespace {

class TextImportTest : public ImportFixture {
 protected:
  core::Result<std::vector<core::TimelineEvent>> Import(TextImportSettings settings,
                                                        std::string_view text) {
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<EventSource> source,
                             OpenTextSource(settings, LineReader::FromText("pasted", text)));
    return ReadAll(*source);
  }
};

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

TEST_F(TextImportTest, PastedLinesBecomeEventsWithTheirTimesAndSeparatorsLeftOut) {
  TextImportSettings settings = DefaultSettings("paste");
  settings.date = "2026-03-14";
  settings.time_zone = "Europe/Berlin";  // UTC+1 in March, before daylight saving.
  auto events = Import(settings,
                       "14:05 - payments 5xx rising\r\n"
                       "14:07 \u2013 priya: paged the DBA\n"
                       "14:09:30 | pool raised to 50\n"
                       "2026-03-14T13:20:00Z rollback finished\n"
                       "2026-03-14 15:00+02:00 -- all clear, said the status page\n"
                       "    and a second line\n");
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 5u);
  EXPECT_EQ((*events)[0].at, At("2026-03-14T13:05:00Z"));
  EXPECT_EQ((*events)[0].text, "payments 5xx rising");
  EXPECT_EQ((*events)[0].actor, "");
  EXPECT_EQ((*events)[0].kind, core::EventKind::kObservation);
  EXPECT_TRUE((*events)[0].source.starts_with("import:paste:"));
  EXPECT_EQ((*events)[1].actor, "priya");
  EXPECT_EQ((*events)[1].text, "paged the DBA");
  EXPECT_EQ((*events)[2].at, At("2026-03-14T13:09:30Z"));
  EXPECT_EQ((*events)[2].text, "pool raised to 50");
  EXPECT_EQ((*events)[3].at, At("2026-03-14T13:20:00Z"));  // Its offset wins over the zone.
  EXPECT_EQ((*events)[4].at, At("2026-03-14T13:00:00Z"));
  // A pasted line is never a chat's notice: "--" stays, as the writer typed it.
  EXPECT_EQ((*events)[4].text, "-- all clear, said the status page\nand a second line");
}

TEST_F(TextImportTest, PastedLinesTakeTheKindAskedForAndKeepTheirIdsAcrossImports) {
  TextImportSettings settings = DefaultSettings("paste");
  settings.date = "2026-03-14";
  settings.event_kind = "change";
  std::string_view text = "10:00 deploy api 1.4.2\n10:00 deploy api 1.4.2\n10:05 deploy web\n";
  auto first = Import(settings, text);
  auto second = Import(settings, text);
  ASSERT_TRUE(first && second);
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ((*first)[0].kind, core::EventKind::kChange);
  // The same words at the same moment are two events, told apart by their order.
  EXPECT_NE((*first)[0].source, (*first)[1].source);
  for (size_t index = 0; index < first->size(); ++index) {
    EXPECT_EQ((*first)[index].source, (*second)[index].source);
  }
  settings.event_kind = "deploy";
  auto wrong = Import(settings, text);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field(), "event_kind");
}

TEST_F(TextImportTest, PastedLinesThatCannotBePlacedAreRefusedWithTheirLine) {
  TextImportSettings settings = DefaultSettings("paste");
  auto undated = Import(settings, "10:00 something happened\n");
  ASSERT_FALSE(undated);
  EXPECT_NE(undated.error().message().find("pasted:1: the log gives times without a date"),
            std::string::npos);
  settings.date = "2026-03-14";
  auto untimed = Import(settings, "\nthe pool ran out\n10:00 a time\n");
  ASSERT_FALSE(untimed);
  EXPECT_NE(untimed.error().message().find("pasted:2: no time at the start"), std::string::npos);
  auto binary = Import(settings, "10:00 ok\n10:01 caf\xe9\n");
  ASSERT_FALSE(binary);
  EXPECT_NE(binary.error().message().find("pasted:2: not valid UTF-8"), std::string::npos);
  settings.date = "14/03/2026";
  auto bad_date = Import(settings, "10:00 ok\n");
  ASSERT_FALSE(bad_date);
  EXPECT_EQ(bad_date.error().field(), "date");
  settings.date = "2026-03-14";
  settings.time_zone = "Mars/Olympus";
  EXPECT_FALSE(Import(settings, "10:00 ok\n"));
  auto empty = Import(DefaultSettings("paste"), "");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST_F(TextImportTest, EveryFormatReadsFromMemoryAsFromAFile) {
  std::string jsonl =
      "{\"time\":\"2026-03-14T10:00:00Z\",\"message\":\"deploy started\"}\n"
      "{\"time\":\"2026-03-14T10:01:00Z\",\"message\":\"deploy done\"}";
  auto from_memory = Import(DefaultSettings("jsonl"), jsonl);
  auto file = LineReader::Open(Write("deploys.jsonl", jsonl));
  ASSERT_TRUE(file);
  auto source = OpenTextSource(DefaultSettings("jsonl"), std::move(*file));
  ASSERT_TRUE(source);
  auto from_file = ReadAll(**source);
  ASSERT_TRUE(from_memory && from_file);
  ASSERT_EQ(from_memory->size(), 2u);
  for (size_t index = 0; index < 2; ++index) {
    EXPECT_EQ((*from_memory)[index].source, (*from_file)[index].source);
    EXPECT_EQ((*from_memory)[index].text, (*from_file)[index].text);
  }
  EXPECT_TRUE((*from_memory)[0].source.starts_with("import:jsonl:"));

  TextImportSettings csv = DefaultSettings("csv");
  csv.delimiter = "tab";
  auto rows = Import(csv, "time\tmessage\n2026-03-14T10:00:00Z\t\"pool, exhausted\"\n");
  ASSERT_TRUE(rows) << rows.error().message();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].text, "pool, exhausted");

  auto kubectl = Import(DefaultSettings("kubectl"), R"({"kind":"EventList","items":[]})");
  ASSERT_TRUE(kubectl) << kubectl.error().message();
  EXPECT_TRUE(kubectl->empty());
}

TEST_F(TextImportTest, SettingsAFormatCannotUseAreRefusedByName) {
  auto unknown = OpenTextSource(DefaultSettings("slack"), LineReader::FromText("x", ""));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field(), "format");
  EXPECT_FALSE(IsTextFormat("slack"));
  EXPECT_TRUE(IsTextFormat("paste"));

  TextImportSettings csv = DefaultSettings("csv");
  csv.delimiter = ";;";
  auto delimiter = OpenTextSource(csv, LineReader::FromText("x", ""));
  ASSERT_FALSE(delimiter);
  EXPECT_EQ(delimiter.error().field(), "delimiter");

  TextImportSettings jsonl = DefaultSettings("jsonl");
  jsonl.time_format = "fortnights";
  auto time_format = OpenTextSource(jsonl, LineReader::FromText("x", ""));
  ASSERT_FALSE(time_format);
  EXPECT_EQ(time_format.error().field(), "time_format");
}

TEST_F(TextImportTest, LinesFromMemoryEndAsLinesFromAFileDo) {
  auto lines = LineReader::FromText("body", "one\r\ntwo\n\nthree");
  std::string_view line;
  std::vector<std::string> read;
  while (true) {
    auto more = lines->Next(line);
    ASSERT_TRUE(more);
    if (!*more) break;
    read.emplace_back(line);
  }
  EXPECT_EQ(read, (std::vector<std::string>{"one", "two", "", "three"}));
  EXPECT_EQ(lines->line_number(), 4u);
  EXPECT_EQ(lines->bytes_read(), lines->total_bytes());
  auto empty = LineReader::FromText("body", "");
  auto more = empty->Next(line);
  ASSERT_TRUE(more);
  EXPECT_FALSE(*more);
}

}  // namespace
}  // namespace debrief::ingest
