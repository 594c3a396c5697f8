// Request workers: on PostgreSQL, requests run on threads with database connections of their own
// while the event loop only moves bytes; on SQLite there are none (one writer at a time).
#include "http/request_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "core/clock.h"
#include "http/authenticator.h"
#include "http/metrics.h"
#include "http/response_cache.h"
#include "store/open.h"
#include "store/postgres/connection.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace asio = boost::asio;
namespace bj = boost::json;
using testing::TestServer;

// The parts a worker pool is started from, over the test server's database.
struct Pool {
  explicit Pool(const std::string& location) : clock(*core::ParseRfc3339("2026-03-14T12:00:00Z")) {
    auto opened = app::App::Open(location, clock);
    EXPECT_TRUE(opened) << opened.error().message();
    app = std::move(*opened);
    authenticator = std::make_unique<Authenticator>(app->store(), clock, Authenticator::Options{});
    services = std::make_unique<Services>(
        ServicesFor(*app, *authenticator, metrics, response_cache, nullptr));
  }

  core::FixedClock clock;
  std::unique_ptr<app::App> app;
  Metrics metrics;
  ResponseCache response_cache{8, 1024 * 1024};
  std::unique_ptr<Authenticator> authenticator;
  std::unique_ptr<Services> services;
};

TEST(RequestWorkersTest, StartOnlyOnADatabaseThatServesManyConnections) {
  TestServer server;
  Pool pool(server.database());
  auto workers =
      RequestWorkers::Start(*pool.services, *pool.authenticator, 2, std::chrono::seconds(1));
  if (!store::IsPostgresLocation(server.database())) {
    ASSERT_FALSE(workers);
    EXPECT_EQ(workers.error().code(), core::ErrorCode::kFailedPrecondition);
    EXPECT_NE(workers.error().message().find("one connection"), std::string::npos);
    return;
  }
  ASSERT_TRUE(workers) << workers.error().message();
  EXPECT_EQ((*workers)->size(), 2u);
}

TEST(RequestWorkersTest, JobsRunOffTheCallersThreadEachWithAStoreOfItsOwn) {
  TestServer server;
  if (!store::IsPostgresLocation(server.database())) GTEST_SKIP() << "PostgreSQL only";
  Pool pool(server.database());
  auto started =
      RequestWorkers::Start(*pool.services, *pool.authenticator, 3, std::chrono::seconds(1));
  ASSERT_TRUE(started) << started.error().message();
  RequestWorkers& workers = **started;

  asio::io_context io;
  std::thread::id loop = std::this_thread::get_id();
  std::vector<std::thread::id> pinned_threads;
  std::set<const store::Store*> stores;
  std::set<std::thread::id> each_thread;
  std::set<const store::Store*> each_store;
  std::thread::id first_thread;
  size_t first = 99;
  bool rethrown = false;
  bool read_back = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        first = co_await workers.Run([&](Services& services) {
          first_thread = std::this_thread::get_id();
          stores.insert(&services.store);
        });
        // Pinned to the worker that ran the first job: the same thread every time.
        for (int i = 0; i < 10; ++i) {
          size_t ran = co_await workers.Run(
              [&](Services&) { pinned_threads.push_back(std::this_thread::get_id()); }, first);
          EXPECT_EQ(ran, first);
        }
        // Any worker: each has its own store, none the event loop's.
        for (int i = 0; i < 12; ++i) {
          co_await workers.Run([&](Services& services) { stores.insert(&services.store); });
        }
        // Each worker by name: a thread and a store of its own.
        for (size_t index = 0; index < workers.size(); ++index) {
          co_await workers.Run(
              [&](Services& services) {
                each_thread.insert(std::this_thread::get_id());
                each_store.insert(&services.store);
              },
              index);
        }
        // A worker's store reads the database like any other connection.
        co_await workers.Run([&](Services& services) {
          read_back = services.store.FindUserByEmail("alice@example.com").has_value();
        });
        try {
          co_await workers.Run([](Services&) { throw std::runtime_error("a handler's bug"); });
        } catch (const std::runtime_error& error) {
          rethrown = std::string(error.what()) == "a handler's bug";
        }
        // The worker that threw still works.
        co_await workers.Run([](Services&) {}, first);
      },
      asio::detached);
  io.run();

  EXPECT_LT(first, 3u);
  EXPECT_NE(first_thread, loop);
  ASSERT_EQ(pinned_threads.size(), 10u);
  for (std::thread::id id : pinned_threads) EXPECT_EQ(id, first_thread);
  EXPECT_EQ(stores.count(&pool.app->store()), 0u);
  EXPECT_GE(stores.size(), 1u);
  EXPECT_LE(stores.size(), 3u);
  EXPECT_EQ(each_thread.size(), 3u);
  EXPECT_EQ(each_thread.count(loop), 0u);
  EXPECT_EQ(each_store.size(), 3u);
  EXPECT_EQ(each_store.count(&pool.app->store()), 0u);
  EXPECT_TRUE(read_back);
  EXPECT_TRUE(rethrown);
}

// Many clients writing one incident at once: on PostgreSQL they run on several workers and meet
// at the incident's lock; every write lands once, and timelines read meanwhile are whole.
TEST(RequestWorkersTest, ConcurrentWritesToOneIncidentAllLandWhileOthersRead) {
  TestServer server;
  std::string key = server.CreateIncident(server.alice());
  std::string events = "/api/v1/incidents/" + key + "/events";
  constexpr int kWriters = 6;
  constexpr int kEach = 15;
  std::atomic<int> created = 0;
  std::atomic<int> failed = 0;
  std::atomic<bool> writing = true;
  std::vector<std::thread> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&, writer]() {
      for (int i = 0; i < kEach; ++i) {
        auto answer = server.Post(
            events, writer % 2 == 0 ? server.alice() : server.bob(),
            {{"at", "2026-03-14T10:" + std::to_string(10 + i) + ":00Z"},
             {"kind", "other"},
             {"text", "writer " + std::to_string(writer) + " event " + std::to_string(i)}});
        (answer.status == 201 ? created : failed)++;
      }
    });
  }
  size_t last_seen = 0;
  int reads = 0;
  std::thread reader([&]() {
    while (writing) {
      auto timeline = server.Get("/api/v1/incidents/" + key + "/timeline", server.bob());
      ASSERT_EQ(timeline.status, 200u) << timeline.body;
      size_t items = timeline.Json().at("items").as_array().size();
      // Writes are only ever added: a later read never holds fewer items.
      EXPECT_GE(items, last_seen);
      last_seen = items;
      ++reads;
    }
  });
  for (std::thread& writer : writers) writer.join();
  writing = false;
  reader.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created.load(), kWriters * kEach);
  EXPECT_GT(reads, 0);

  bj::value listed = server.Get(events, server.alice()).Json();
  const bj::array& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), static_cast<size_t>(kWriters * kEach));
  std::set<std::string> texts;
  for (const bj::value& item : items) texts.insert(std::string(item.at("text").as_string()));
  EXPECT_EQ(texts.size(), items.size());
  bj::value timeline = server.Get("/api/v1/incidents/" + key + "/timeline", server.bob()).Json();
  size_t event_items = 0;
  for (const bj::value& item : timeline.at("items").as_array()) {
    if (item.at("type").as_string() == "event") ++event_items;
  }
  EXPECT_EQ(event_items, static_cast<size_t>(kWriters * kEach));
}

// A write that meets another transaction's lock on its incident gives its worker back after a
// second and is run again after a pause, landing once the lock is free; meanwhile the other
// workers answer everyone else.
TEST(RequestWorkersTest, AWriteWaitingForItsIncidentLandsOnceTheLockIsFree) {
  TestServer server;
  if (!store::IsPostgresLocation(server.database())) GTEST_SKIP() << "PostgreSQL only";
  std::string key = server.CreateIncident(server.alice());
  std::string other = server.CreateIncident(server.alice());
  auto holder = store::postgres::Connection::Open(server.database());
  ASSERT_TRUE(holder) << holder.error().message();
  ASSERT_TRUE((*holder)->Execute("BEGIN"));
  auto locked = (*holder)->Run("SELECT 1 FROM incidents WHERE key = $1 FOR UPDATE",
                               std::vector<std::optional<std::string>>{key});
  ASSERT_TRUE(locked) << locked.error().message();
  auto write = std::async(std::launch::async, [&]() {
    return server.Post("/api/v1/incidents/" + key + "/events", server.bob(),
                       {{"at", "2026-03-14T10:30:00Z"}, {"kind", "other"}, {"text", "Waited"}});
  });
  auto started = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500)) {
    auto asked = std::chrono::steady_clock::now();
    EXPECT_EQ(server.Get("/api/v1/incidents/" + other, server.alice()).status, 200u);
    EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::milliseconds(800));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(write.wait_for(std::chrono::seconds(0)), std::future_status::timeout)
      << "the write waited for the lock";
  ASSERT_TRUE((*holder)->Execute("COMMIT"));
  auto answer = write.get();
  EXPECT_EQ(answer.status, 201u) << answer.body;
  bj::value listed = server.Get("/api/v1/incidents/" + key + "/events", server.alice()).Json();
  EXPECT_EQ(listed.at("items").as_array().size(), 1u) << "it landed once";
}

}  // namespace
}  // namespace debrief::http
