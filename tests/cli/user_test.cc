// `debrief user token ...` as an operator runs it: the real binary on a fresh database.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/child_process.h"

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;
using testing::RunCommand;

class UserCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-user-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    database_ = (directory_ / "debrief.db").string();
    ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "user", "add", "--db", database_, "--email",
                          "ops@example.com", "--role", "admin"})
                  .first,
              0);
  }
  void TearDown() override { fs::remove_all(directory_); }
  fs::path directory_;
  std::string database_;
};

TEST_F(UserCommand, Issue19TokensAreListedAndRevokedFromTheShell) {
  auto [created, secret] =
      RunCommand({DEBRIEF_BINARY, "user", "token", "create", "ops@example.com", "--name",
                  "deploy bot", "--expires-in-days", "7", "--db", database_});
  ASSERT_EQ(created, 0);
  EXPECT_TRUE(secret.starts_with("dbr_")) << secret;
  auto [listed, list] = RunCommand({DEBRIEF_BINARY, "user", "token", "list", "--db", database_});
  ASSERT_EQ(listed, 0);
  EXPECT_NE(list.find("deploy bot"), std::string::npos) << list;
  EXPECT_NE(list.find("active"), std::string::npos) << list;
  EXPECT_EQ(list.find(secret.substr(0, 20)), std::string::npos) << "the secret is shown once";
  auto [revoked, said] =
      RunCommand({DEBRIEF_BINARY, "user", "token", "revoke", "1", "--db", database_});
  ASSERT_EQ(revoked, 0) << said;
  auto [again, after] =
      RunCommand({DEBRIEF_BINARY, "user", "token", "list", "ops@example.com", "--db", database_});
  EXPECT_EQ(again, 0);
  EXPECT_NE(after.find("revoked"), std::string::npos) << after;
  EXPECT_NE(RunCommand({DEBRIEF_BINARY, "user", "token", "revoke", "42", "--db", database_}).first,
            0);
  EXPECT_NE(RunCommand({DEBRIEF_BINARY, "user", "token", "create", "ops@example.com",
                        "--expires-in-days", "0", "--db", database_})
                .first,
            0);
}

}  // namespace
}  // namespace debrief::cli
