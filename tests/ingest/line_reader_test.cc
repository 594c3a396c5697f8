// Reading a file line by line through one buffer: line ends, the last line, lines longer than
// the buffer, and files that cannot be read.
#include "ingest/line_reader.h"

#include <gtest/gtest.h>

#include "ingest/import_fixture.h"

namespace debrief::ingest {
namespace {

class LineReaderTest : public ImportFixture {
 protected:
  std::string Write(const std::string& bytes) { return ImportFixture::Write("input.txt", bytes); }

  std::vector<std::string> ReadAll(const std::string& bytes) {
    auto reader = LineReader::Open(Write(bytes));
    EXPECT_TRUE(reader);
    std::vector<std::string> lines;
    std::string_view line;
    while (true) {
      auto next = (*reader)->Next(line);
      EXPECT_TRUE(next);
      if (!next || !*next) break;
      lines.emplace_back(line);
      EXPECT_EQ((*reader)->line_number(), lines.size());
    }
    EXPECT_EQ((*reader)->bytes_read(), bytes.size());
    EXPECT_EQ((*reader)->total_bytes(), bytes.size());
    return lines;
  }
};

TEST_F(LineReaderTest, SplitsAtEitherLineEndAndKeepsALastLineWithoutOne) {
  EXPECT_EQ(ReadAll("a\nbb\r\n\nc"), (std::vector<std::string>{"a", "bb", "", "c"}));
  EXPECT_EQ(ReadAll("a\n"), (std::vector<std::string>{"a"}));
  EXPECT_TRUE(ReadAll("").empty());
}

TEST_F(LineReaderTest, LinesLongerThanTheBufferAndAcrossItsEdgeArriveWhole) {
  std::string bytes;
  std::vector<std::string> expected;
  for (size_t length : {size_t{3 << 20}, size_t{(1 << 20) - 3}, size_t{5}, size_t{1 << 20}}) {
    expected.push_back(std::string(length, static_cast<char>('a' + expected.size())));
    bytes += expected.back() + "\r\n";
  }
  EXPECT_EQ(ReadAll(bytes), expected);
}

TEST_F(LineReaderTest, FilesThatCannotBeReadAreClearErrors) {
  auto missing = LineReader::Open((directory_ / "missing.jsonl").string());
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("missing.jsonl: cannot be opened"), std::string::npos);
  auto directory = LineReader::Open(directory_.string());
  ASSERT_FALSE(directory);
  EXPECT_NE(directory.error().message().find("is a directory"), std::string::npos);

  auto reader = LineReader::Open(Write("one\ntwo\n"));
  ASSERT_TRUE(reader);
  std::string_view line;
  ASSERT_TRUE((*reader)->Next(line));
  ASSERT_TRUE((*reader)->Next(line));
  EXPECT_EQ((*reader)->LineError("bad").message(), (*reader)->path() + ":2: bad");
}

}  // namespace
}  // namespace debrief::ingest
