// Secrets the server is given: from a file (its line break dropped) or the environment, and a
// file that holds nothing is an error naming the flag rather than a setting silently left off.
#include "cli/text_files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;

class ReadSecretTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-secret-" + std::to_string(::getpid()));
    fs::create_directories(directory_);
    ::unsetenv("DEBRIEF_TEST_SECRET");
  }
  void TearDown() override {
    fs::remove_all(directory_);
    ::unsetenv("DEBRIEF_TEST_SECRET");
  }
  std::string Write(const std::string& text) {
    fs::path path = directory_ / "secret";
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  fs::path directory_;
};

TEST_F(ReadSecretTest, FromAFileWithoutItsLineBreakElseFromTheEnvironment) {
  auto from_file = ReadSecret(Write("s3cret\r\n"), "DEBRIEF_TEST_SECRET", "--secret-file");
  ASSERT_TRUE(from_file) << from_file.error().message();
  EXPECT_EQ(*from_file, "s3cret");
  ::setenv("DEBRIEF_TEST_SECRET", "from-env", 1);
  EXPECT_EQ(*ReadSecret("", "DEBRIEF_TEST_SECRET", "--secret-file"), "from-env");
  EXPECT_EQ(*ReadSecret(Write("file-wins\n"), "DEBRIEF_TEST_SECRET", "--secret-file"), "file-wins");
  ::unsetenv("DEBRIEF_TEST_SECRET");
  EXPECT_EQ(*ReadSecret("", "DEBRIEF_TEST_SECRET", "--secret-file"), "") << "none given";
}

TEST_F(ReadSecretTest, AnEmptyOrMissingFileIsAnErrorNamingTheFlag) {
  auto empty = ReadSecret(Write("\n"), "DEBRIEF_TEST_SECRET", "--scim-token-file");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message().find("--scim-token-file"), std::string::npos);
  EXPECT_NE(empty.error().message().find("is empty"), std::string::npos);
  EXPECT_FALSE(ReadSecret((directory_ / "absent").string(), "DEBRIEF_TEST_SECRET", "--x"));
}

}  // namespace
}  // namespace debrief::cli
