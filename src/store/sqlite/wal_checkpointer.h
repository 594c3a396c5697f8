#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "store/sqlite/connection.h"

namespace debrief::store::sqlite {

// Copies the write-ahead log into the database file on a thread of its own.
//
// Left to itself, SQLite checkpoints inside the commit that takes the log past 1,000 pages: that
// one write then also copies the pages and syncs the file, and on the server it is the event
// loop that waits (a burst of 8-12 ms answers every few hundred writes, with every read queued
// behind it). Started for a connection, this takes the job over: the connection's own automatic
// checkpoints stop, each commit only reports the log's size, and a PASSIVE checkpoint runs here,
// on a second connection, once the log reaches kPagesBeforeCheckpoint. A passive checkpoint
// never waits for readers or blocks the writer.
//
// SQLite starts the log over from its beginning once all of it is copied, at the next write.
// Under a steady stream of writes a passive checkpoint never gets there (pages arrive while it
// copies) and the log grows; the first pause in the writes lets one finish. A RESTART
// checkpoint, which makes the writer wait while it copies the rest and syncs the file (the
// stall this class exists to avoid), is kept for a log past kMostPages, to bound its size.
class WalCheckpointer {
 public:
  static constexpr int kPagesBeforeCheckpoint = 1000;
  static constexpr int kMostPages = 10'000;

  static core::Result<std::unique_ptr<WalCheckpointer>> Start(Connection& writer,
                                                              const std::string& path);
  // Stops the thread; the writer checkpoints for itself again from then on.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far, for tests and metrics.
  int64_t checkpoints() const;
  // Returns once no checkpoint is asked for or running (tests pace their writes with it).
  void WaitUntilIdle();

 private:
  WalCheckpointer(sqlite3* writer, std::unique_ptr<Connection> connection);
  static int OnCommit(void* self, sqlite3* db, const char* schema, int pages);
  void Run();

  sqlite3* writer_;
  std::unique_ptr<Connection> connection_;  // Used by the thread alone.
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool wanted_ = false;
  bool running_ = false;
  bool stopping_ = false;
  int64_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace debrief::store::sqlite
