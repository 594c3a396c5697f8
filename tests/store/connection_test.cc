#include "store/sqlite/connection.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <vector>

#include "store/sqlite/columns.h"

namespace debrief::store::sqlite {
namespace {

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("debrief-connection-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    Connection::Options options;
    options.observer = [this](std::string_view sql, std::chrono::nanoseconds) {
      observed_.emplace_back(sql);
    };
    auto connection = Connection::Open(path_.string(), std::move(options));
    ASSERT_TRUE(connection) << connection.error().message();
    connection_ = std::move(*connection);
    ASSERT_TRUE(connection_->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"));
  }
  void TearDown() override {
    connection_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
  std::vector<std::string> observed_;
  std::unique_ptr<Connection> connection_;
};

// /metrics reports database time from this observer, so it must see every execution: those
// that run to the end, and single-row reads and RETURNING writes that stop at their first row.
TEST_F(ConnectionTest, TheObserverSeesEveryExecutionOnce) {
  auto insert = connection_->Prepare("INSERT INTO t (v) VALUES (?) RETURNING id");
  ASSERT_TRUE(insert);
  (*insert)->Bind(1, std::string_view("a"));
  ASSERT_TRUE(*(*insert)->Step());
  (*insert)->Reset();

  auto one = connection_->Prepare("SELECT v FROM t WHERE id = ?");
  ASSERT_TRUE(one);
  (*one)->Bind(1, int64_t{1});
  ASSERT_TRUE(*(*one)->Step());
  (*one)->Reset();

  auto all = connection_->Prepare("SELECT v FROM t");
  ASSERT_TRUE(all);
  while (*(*all)->Step()) {
  }
  // Prepared again: the next use resets it, which must not count the finished run twice.
  ASSERT_TRUE(connection_->Prepare("SELECT v FROM t"));

  ASSERT_EQ(observed_.size(), 3u);
  EXPECT_EQ(observed_[0], "INSERT INTO t (v) VALUES (?) RETURNING id");
  EXPECT_EQ(observed_[1], "SELECT v FROM t WHERE id = ?");
  EXPECT_EQ(observed_[2], "SELECT v FROM t");
}

}  // namespace
}  // namespace debrief::store::sqlite

namespace debrief::store::sqlite {
namespace {

// Lists of strings are stored as JSON arrays: the direct path for plain strings writes what
// Boost.JSON writes, and strings that need escaping still read back whole.
TEST_F(ConnectionTest, StringListsAreStoredAsBoostJsonWritesThem) {
  const std::vector<std::vector<std::string>> lists = {
      {},
      {"all"},
      {"channel:#incident-142", "participant:3"},
      {"caf\xc3\xa9 / \xe2\x80\x94 \x7f"},
      {"say \"hi\"", "back\\slash", "line\nbreak\ttab\x01"},
  };
  for (const std::vector<std::string>& list : lists) {
    auto insert = connection_->Prepare("INSERT INTO t (v) VALUES (?) RETURNING v");
    ASSERT_TRUE(insert);
    BindColumn(**insert, 1, list);
    auto stepped = (*insert)->Step();
    ASSERT_TRUE(stepped && *stepped);
    boost::json::array expected;
    for (const std::string& value : list) expected.emplace_back(value);
    EXPECT_EQ((*insert)->Text(0), boost::json::serialize(expected));
    std::vector<std::string> read;
    EXPECT_TRUE(ReadColumn(**insert, 0, read));
    EXPECT_EQ(read, list);
    (*insert)->Reset();
  }
}

}  // namespace
}  // namespace debrief::store::sqlite
