// The Markdown importer on real postmortems it was not written for: every file of the shared
// corpus that has a timeline (../shared/corpus, beside the checkout; skipped without it) against
// the rows a reader placed by hand (bench/markdown-expected/). Rows are aligned by their first
// words; a row is placed right when its instant (UTC), or its day for a row with no time, is the
// reader's, and left unplaced when the reader could not place it either. The tuning half may be
// studied; the measured half is only counted (bench/markdown-expected/README.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/markdown_postmortem.h"

namespace debrief::ingest {
namespace {

namespace fs = std::filesystem;

const fs::path kExpected = fs::path(DEBRIEF_TESTDATA) / ".." / ".." / "bench" / "markdown-expected";
const fs::path kCorpus = fs::path(DEBRIEF_TESTDATA) / ".." / ".." / ".." / "shared" / "corpus";

// Percent placed right below which the test fails: each set's last figure, rounded down.
constexpr int kTuningFloor = 99;
constexpr int kMeasuredFloor = 96;

struct ExpectedRow {
  std::string value;  // "2021-02-03T09:12Z", "2021-02-03T09:12:30Z", "2021-02-03" or "?".
  std::vector<std::string> words;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Lower-case words of letters and digits: what alignment compares.
std::vector<std::string> Words(std::string_view text, size_t limit) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
      if (words.size() == limit) return words;
    }
  }
  if (!word.empty() && words.size() < limit) words.push_back(std::move(word));
  return words;
}

std::vector<ExpectedRow> ReadExpected(const fs::path& path) {
  std::vector<ExpectedRow> rows;
  std::istringstream lines(ReadFile(path));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line.starts_with('#')) continue;
    size_t tab = line.find('\t');
    ExpectedRow row;
    row.value = line.substr(0, tab);
    if (tab != std::string::npos) row.words = Words(line.substr(tab + 1), 5);
    rows.push_back(std::move(row));
  }
  return rows;
}

// Whether the row's text starts as the reader's words do: their first three (or fewer) words in
// a run among the row's first eight (a stamp's leftovers, "PST Saturday", may come first).
bool Aligns(const ExpectedRow& expected, const PostmortemRow& row) {
  std::vector<std::string> have = Words(row.text, 10);
  std::vector<std::string> want(
      expected.words.begin(), expected.words.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(
                                                           3, expected.words.size())));
  if (want.empty()) return have.empty();
  for (size_t start = 0; start + want.size() <= have.size() && start < 8; ++start) {
    if (std::equal(want.begin(), want.end(), have.begin() + static_cast<std::ptrdiff_t>(start))) {
      return true;
    }
  }
  return false;
}

bool PlacedRight(const ExpectedRow& expected, const PostmortemRow& row) {
  if (expected.value == "?") return !row.at;
  if (expected.value.size() == 10) {
    return row.date_only && row.day && core::FormatDate(*row.day) == expected.value;
  }
  if (!row.at || row.date_only) return false;
  std::string at = core::FormatRfc3339(*row.at);  // 2021-02-03T09:12:30Z or with fractions.
  std::string minutes = at.substr(0, 16) + "Z";
  std::string seconds = at.substr(0, 19) + "Z";
  return expected.value == (expected.value.size() == 17 ? minutes : seconds);
}

struct Tally {
  int expected = 0;
  int found = 0;
  int placed = 0;
  int files = 0;
};

TEST(MarkdownCorpus, RowsFoundAndPlacedAsAReaderWould) {
  if (!fs::is_directory(kCorpus)) GTEST_SKIP() << "no corpus at " << kCorpus;
  ASSERT_TRUE(fs::is_directory(kExpected)) << kExpected;
  std::vector<fs::path> corpus;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    std::string name = entry.path().filename().string();
    if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) &&
        name.ends_with(".md")) {
      corpus.push_back(entry.path());
    }
  }
  std::sort(corpus.begin(), corpus.end());
  Tally sets[2];  // Tuning, measured.
  auto zone = TimeZone::Parse("UTC");
  ASSERT_TRUE(zone);
  for (size_t index = 0; index < corpus.size(); ++index) {
    fs::path expected_path = kExpected / corpus[index].filename().replace_extension(".tsv");
    if (!fs::exists(expected_path)) continue;
    bool tuning = index % 2 == 0;
    Tally& tally = sets[tuning ? 0 : 1];
    std::vector<ExpectedRow> expected = ReadExpected(expected_path);
    auto postmortem = ReadPostmortem(corpus[index].filename().string(), ReadFile(corpus[index]),
                                     PostmortemOptions{*zone});
    ASSERT_TRUE(postmortem) << postmortem.error().message();
    ++tally.files;
    const std::vector<PostmortemRow>& rows = postmortem->timeline;
    size_t next = 0;
    int misses = 0;
    for (const ExpectedRow& row : expected) {
      ++tally.expected;
      // In order: the first row from the last one matched on that aligns.
      size_t found = rows.size();
      for (size_t at = next; at < rows.size(); ++at) {
        if (Aligns(row, rows[at])) {
          found = at;
          break;
        }
      }
      if (found == rows.size()) {
        if (tuning && misses++ < 6) {
          std::printf("  %s: not found: %s\n", corpus[index].filename().c_str(), row.value.c_str());
        }
        continue;
      }
      next = found + 1;
      ++tally.found;
      if (PlacedRight(row, rows[found])) {
        ++tally.placed;
      } else if (tuning && misses++ < 6) {
        std::printf("  %s:%d: expected %s, placed %s\n", corpus[index].filename().c_str(),
                    rows[found].line, row.value.c_str(),
                    rows[found].at ? (rows[found].date_only && rows[found].day
                                          ? core::FormatDate(*rows[found].day).c_str()
                                          : core::FormatRfc3339(*rows[found].at).c_str())
                                   : ("unplaced: " + rows[found].unplaced_reason).c_str());
      }
    }
  }
  for (int set = 0; set < 2; ++set) {
    const Tally& tally = sets[set];
    std::printf("%s: %d files, %d rows expected, %d found (%.1f%%), %d placed right (%.1f%%)\n",
                set == 0 ? "tuning" : "measured", tally.files, tally.expected, tally.found,
                100.0 * tally.found / std::max(1, tally.expected), tally.placed,
                100.0 * tally.placed / std::max(1, tally.expected));
    RecordProperty(set == 0 ? "tuning_placed" : "measured_placed", tally.placed);
  }
  // Falls below only when the importer got worse (each set's last measured figure, rounded
  // down); bench/README.md has the figures.
  EXPECT_GE(sets[0].placed * 100, sets[0].expected * kTuningFloor);
  EXPECT_GE(sets[1].placed * 100, sets[1].expected * kMeasuredFloor);
}

}  // namespace
}  // namespace debrief::ingest
