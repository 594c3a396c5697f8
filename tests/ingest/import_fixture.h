// What the importers' tests share: a temporary folder for their input files, and reading a
// source to its end as an import does.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/event_source.h"

namespace debrief::ingest {

class ImportFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ =
        std::filesystem::temp_directory_path() /
        ("debrief-" + std::string(test->test_suite_name()) + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Writes `bytes` to a file of the folder; returns its path.
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (directory_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  static core::Result<std::vector<core::TimelineEvent>> ReadAll(EventSource& source) {
    std::vector<core::TimelineEvent> events;
    core::TimelineEvent event;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool more, source.Next(event));
      if (!more) break;
      events.push_back(event);
    }
    return events;
  }

  std::filesystem::path directory_;
};

}  // namespace debrief::ingest
