#include "store/sqlite/connection.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "store/columns.h"

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

// Lists are read without the JSON parser when they are what debrief writes for plain strings;
// every other spelling of a list still reads as JSON says, and what is not a list of strings is
// refused, not half read.
TEST_F(ConnectionTest, StoredListsReadTheSameWithOrWithoutTheParser) {
  const std::vector<std::pair<std::string, std::optional<std::vector<std::string>>>> cases = {
      {R"(["all"])", std::vector<std::string>{"all"}},
      {R"([""])", std::vector<std::string>{""}},
      {R"(["a]b","c,d"])", std::vector<std::string>{"a]b", "c,d"}},
      {R"([ "a" , "b" ])", std::vector<std::string>{"a", "b"}},
      {R"(["say \"hi\"","tab\t"])", std::vector<std::string>{"say \"hi\"", "tab\t"}},
      {R"(["caf\u00e9"])", std::vector<std::string>{"caf\xc3\xa9"}},
      {"[\"caf\xc3\xa9\"]", std::vector<std::string>{"caf\xc3\xa9"}},
      {R"(["a",])", std::nullopt},
      {R"(["a")", std::nullopt},
      {R"(["a]")", std::nullopt},
      {R"(["a""b"])", std::nullopt},
      {R"([1])", std::nullopt},
      {R"({"a":1})", std::nullopt},
      {"[\"\xff\"]", std::nullopt},
  };
  for (const auto& [text, expected] : cases) {
    auto insert = connection_->Prepare("INSERT INTO t (v) VALUES (?) RETURNING v");
    ASSERT_TRUE(insert);
    (*insert)->Bind(1, std::string_view(text));
    auto stepped = (*insert)->Step();
    ASSERT_TRUE(stepped && *stepped);
    std::vector<std::string> read = {"left over"};
    bool ok = ReadColumn(**insert, 0, read);
    (*insert)->Reset();
    ASSERT_EQ(ok, expected.has_value()) << text;
    if (expected) {
      EXPECT_EQ(read, *expected) << text;
    }
  }
}

int64_t PageSize(Connection& connection) {
  auto pragma = connection.Prepare("PRAGMA page_size");
  EXPECT_TRUE(pragma);
  auto stepped = (*pragma)->Step();
  EXPECT_TRUE(stepped && *stepped);
  int64_t size = (*pragma)->Int64(0);
  (*pragma)->Reset();
  return size;
}

TEST_F(ConnectionTest, ANewDatabaseGetsTheLargerPages) {
  EXPECT_EQ(PageSize(*connection_), kNewDatabasePageSize);
  EXPECT_NE(kNewDatabasePageSize, 4096);  // SQLite's own default, which large imports pay for.
}

// A database made before, or by another tool, keeps its page size and its rows: SQLite would only
// change the size by rewriting the file, which opening it must never do.
TEST_F(ConnectionTest, AnExistingDatabaseKeepsItsPageSize) {
  connection_.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "PRAGMA page_size = 4096; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
                         "INSERT INTO t (v) VALUES ('kept')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);

  auto reopened = Connection::Open(path_.string(), {});
  ASSERT_TRUE(reopened) << reopened.error().message();
  EXPECT_EQ(PageSize(**reopened), 4096);
  auto row = (*reopened)->Prepare("SELECT v FROM t");
  ASSERT_TRUE(row);
  auto stepped = (*row)->Step();
  ASSERT_TRUE(stepped && *stepped);
  EXPECT_EQ((*row)->Text(0), "kept");
  (*row)->Reset();
  // Still 4096 after writes in WAL mode, which is where debrief keeps every database.
  ASSERT_TRUE((*reopened)->Execute("INSERT INTO t (v) VALUES ('more')"));
  EXPECT_EQ(PageSize(**reopened), 4096);
}

}  // namespace
}  // namespace debrief::store::sqlite
