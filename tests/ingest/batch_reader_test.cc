// Reading on a thread of its own: every event arrives once, in order, in batches of the size
// asked for; the last batch says so; an error arrives after the events before it.
#include "ingest/batch_reader.h"

#include <gtest/gtest.h>

#include "ingest/import_fixture.h"
#include "ingest/json_lines.h"

namespace debrief::ingest {
namespace {

class BatchReaderTest : public ImportFixture {
 protected:
  std::unique_ptr<EventSource> Source(const std::string& bytes) {
    auto lines = LineReader::Open(ImportFixture::Write("input.jsonl", bytes));
    EXPECT_TRUE(lines);
    auto mapping = CompiledMapping::Compile({});
    EXPECT_TRUE(mapping);
    return std::make_unique<JsonLinesSource>(std::move(*lines), std::move(*mapping));
  }

  static std::string Lines(int first, int count) {
    std::string text;
    for (int at = first; at < first + count; ++at) {
      text += R"({"time":)" + std::to_string(1773482400 + at) + R"(,"message":"event )" +
              std::to_string(at) + "\"}\n";
    }
    return text;
  }

  // Every batch until the last or an error; the error's message, if any, in `error`.
  static std::vector<BatchReader::Batch> Drain(BatchReader& reader, std::string& error) {
    std::vector<BatchReader::Batch> batches;
    while (true) {
      auto next = reader.Next(std::chrono::seconds(10));
      if (!next) {
        error = "timed out";
        return batches;
      }
      if (!*next) {
        error = next->error().message();
        return batches;
      }
      batches.push_back(std::move(**next));
      if (batches.back().last) return batches;
    }
  }
};

TEST_F(BatchReaderTest, EveryEventArrivesOnceInOrderInBatchesOfTheSizeAsked) {
  std::string bytes = Lines(0, 2500);
  BatchReader reader(Source(bytes), 1000);
  EXPECT_EQ(reader.total_bytes(), bytes.size());
  std::string error;
  std::vector<BatchReader::Batch> batches = Drain(reader, error);
  EXPECT_EQ(error, "");
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0].events.size(), 1000u);
  EXPECT_EQ(batches[1].events.size(), 1000u);
  EXPECT_EQ(batches[2].events.size(), 500u);
  EXPECT_FALSE(batches[1].last);
  EXPECT_TRUE(batches[2].last);
  EXPECT_EQ(batches[2].bytes_read, bytes.size());
  int expected = 0;
  for (const BatchReader::Batch& batch : batches) {
    for (const core::TimelineEvent& event : batch.events) {
      EXPECT_EQ(event.text, "event " + std::to_string(expected++));
    }
  }
}

TEST_F(BatchReaderTest, AnErrorComesAfterTheBatchesBeforeIt) {
  BatchReader reader(Source(Lines(0, 1500) + "oops\n" + Lines(1500, 10)), 1000);
  std::string error;
  std::vector<BatchReader::Batch> batches = Drain(reader, error);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_NE(error.find("input.jsonl:1501: not JSON"), std::string::npos) << error;
}

TEST_F(BatchReaderTest, StoppingEarlyEndsTheReader) {
  // Far more than fits ahead: the reader waits for room, and is stopped while it waits.
  auto reader = std::make_unique<BatchReader>(Source(Lines(0, 20'000)), 100);
  auto first = reader->Next(std::chrono::seconds(10));
  ASSERT_TRUE(first && *first);
  reader.reset();
}

}  // namespace
}  // namespace debrief::ingest
