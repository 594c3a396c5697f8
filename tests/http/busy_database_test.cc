// Another connection holding the database's write lock (a worker committing a large import, the
// WAL checkpointer's restart, another process) never puts the event loop to sleep: a write that
// meets the lock is run again after short pauses while everyone else is answered, and lands once
// the lock is free.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "store/sqlite/connection.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

class BusyDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice());
    auto connection = store::sqlite::Connection::Open(server_.database(), {});
    ASSERT_TRUE(connection) << connection.error().message();
    other_ = std::move(*connection);
  }

  size_t EventCount() {
    bj::value listed = server_.Get("/api/v1/incidents/" + key_ + "/events", server_.alice()).Json();
    return listed.at("items").as_array().size();
  }

  uint64_t BusyRetries() {
    std::string metrics = server_.Get("/metrics", server_.alice()).body;
    std::string_view name = "debrief_db_busy_retries_total ";
    size_t at = metrics.find(std::string("\n") + std::string(name));
    if (at == std::string::npos) return 0;
    return std::stoull(metrics.substr(at + 1 + name.size()));
  }

  TestServer server_;
  std::string key_;
  std::unique_ptr<store::sqlite::Connection> other_;  // Another writer of the same database.
};

TEST_F(BusyDatabaseTest, AWriteWaitsForTheLockWithoutHoldingUpAnyoneElse) {
  ASSERT_TRUE(other_->Execute("BEGIN IMMEDIATE"));  // Held as a long commit would hold it.
  std::string path = "/api/v1/incidents/" + key_ + "/events";
  auto write = std::async(std::launch::async, [&]() {
    return server_.Post(path, server_.bob(),
                        {{"at", "2026-03-14T10:30:00Z"}, {"kind", "other"}, {"text", "Waited"}});
  });
  // Meanwhile the server answers others at once: reads, and health checks.
  for (int i = 0; i < 20; ++i) {
    auto asked = std::chrono::steady_clock::now();
    EXPECT_EQ(server_.Request("GET", "/healthz").status, 200u);
    EXPECT_EQ(server_.Get("/api/v1/incidents/" + key_, server_.alice()).status, 200u);
    EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::milliseconds(500));
  }
  // On a busy machine the write may reach the server only now: it has met the lock once it has
  // been retried.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (BusyRetries() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GT(BusyRetries(), 0u);
  EXPECT_EQ(write.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout)
      << "the write did not wait for the lock";
  ASSERT_TRUE(other_->Execute("COMMIT"));
  HttpResult written = write.get();
  EXPECT_EQ(written.status, 201u) << written.body;
  EXPECT_EQ(EventCount(), 1u);  // Landed once, however many times it was tried.
}

TEST_F(BusyDatabaseTest, ARequestOfManyWritesLandsWholeOnceTheLockIsFree) {
  // A participant lands with its audit entry, in one transaction of several writes: tried again
  // whole, it is there once.
  ASSERT_TRUE(other_->Execute("BEGIN IMMEDIATE"));
  auto added = std::async(std::launch::async, [&]() {
    return server_.Post("/api/v1/incidents/" + key_ + "/participants", server_.alice(),
                        {{"name", "Dana"}, {"role", "observer"}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(other_->Execute("ROLLBACK"));
  HttpResult answer = added.get();
  EXPECT_EQ(answer.status, 201u) << answer.body;
  bj::value listed =
      server_.Get("/api/v1/incidents/" + key_ + "/participants", server_.alice()).Json();
  EXPECT_EQ(listed.at("items").as_array().size(), 1u);
}

}  // namespace
}  // namespace debrief::http
