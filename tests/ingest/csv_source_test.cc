// CSV to timeline events: quoting as RFC 4180 has it (doubled quotes, delimiters and line breaks
// inside quotes), a byte-order mark, other delimiters, and each kind of bad row.
#include "ingest/csv_source.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "ingest/import_fixture.h"

namespace debrief::ingest {
namespace {

class CsvSourceTest : public ImportFixture {
 protected:
  core::Result<std::vector<core::TimelineEvent>> Import(const std::string& bytes,
                                                        EventMapping mapping = {},
                                                        char delimiter = ',') {
    std::string path = Write("input.csv", bytes);
    mapping.kind_name = "csv";
    DEBRIEF_ASSIGN_OR_RETURN(CompiledMapping compiled, CompiledMapping::Compile(mapping));
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> lines, LineReader::Open(path));
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<CsvSource> source,
                             CsvSource::Open(std::move(lines), std::move(compiled), delimiter));
    return ReadAll(*source);
  }

  std::string ErrorOf(const std::string& bytes, EventMapping mapping = {}) {
    auto events = Import(bytes, std::move(mapping));
    EXPECT_FALSE(events) << bytes;
    return events ? "" : events.error().message();
  }
};

TEST_F(CsvSourceTest, QuotedFieldsKeepQuotesDelimitersAndLineBreaks) {
  EventMapping mapping;
  mapping.actor = "{who}";
  auto events = Import(
      "\xEF\xBB\xBFtime,message,who\r\n"
      "2026-03-14T10:00:00Z,\"deploy \"\"v2\"\" started, canary 5%\",ana\r\n"
      "\r\n"
      "1773482700,\"two\nlines\",\n",
      mapping);
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].text, "deploy \"v2\" started, canary 5%");
  EXPECT_EQ((*events)[0].actor, "ana");
  EXPECT_EQ((*events)[0].at, *core::ParseRfc3339("2026-03-14T10:00:00Z"));
  EXPECT_EQ((*events)[1].text, "two\nlines");
  EXPECT_EQ((*events)[1].actor, "");  // An empty field counts as missing.
  EXPECT_EQ((*events)[1].at, *core::ParseRfc3339("2026-03-14T10:05:00Z"));
  EXPECT_TRUE((*events)[0].source.starts_with("import:csv:"));
  EXPECT_NE((*events)[0].source, (*events)[1].source);
}

TEST_F(CsvSourceTest, OtherDelimitersAndIdColumns) {
  EventMapping mapping;
  mapping.time_field = "When";
  mapping.text = "{Service}: {Note}";
  mapping.id_field = "Ref";
  auto events = Import("When\tService\tNote\tRef\n2026-03-14T10:00:00Z\tcheckout\tpaged\tA-1\n",
                       mapping, '\t');
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().text, "checkout: paged");
  EXPECT_EQ(events->front().source, "import:csv:A-1");
}

TEST_F(CsvSourceTest, BadRowsNameTheirFirstLineAndReason) {
  std::string header = "time,message\n2026-03-14T10:00:00Z,fine\n";
  EXPECT_NE(ErrorOf(header + "2026-03-14T10:00:00Z,a,b\n")
                .find("input.csv:3: 3 fields where the header has 2"),
            std::string::npos);
  EXPECT_NE(ErrorOf(header + "2026-03-14T10:00:00Z,\"never\nclosed\n")
                .find("input.csv:3: a quoted field is never closed"),
            std::string::npos);
  EXPECT_NE(ErrorOf(header + "2026-03-14T10:00:00Z,\"quoted\"tail\n")
                .find("input.csv:3: text after a quoted field's closing quote"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf(header + "2026-03-14T10:00:00Z,\xC3\x28\n").find("input.csv:3: not valid UTF-8"),
      std::string::npos);
  EXPECT_NE(ErrorOf(header + "soon,late\n").find("input.csv:3: the time in \"time\""),
            std::string::npos);
  EXPECT_NE(ErrorOf("").find("is empty"), std::string::npos);
  EXPECT_NE(ErrorOf("time,time\n").find("names \"time\" twice"), std::string::npos);
  EventMapping mapping;
  mapping.time_field = "started";
  EXPECT_NE(ErrorOf(header, mapping).find("input.csv:1: the header has no column \"started\""),
            std::string::npos);
}

}  // namespace
}  // namespace debrief::ingest
