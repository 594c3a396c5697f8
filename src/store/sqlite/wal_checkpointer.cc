#include "store/sqlite/wal_checkpointer.h"

#include <utility>

namespace debrief::store::sqlite {

core::Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(Connection& writer,
                                                                      const std::string& path) {
  // A RESTART checkpoint holds writers back while it waits for readers to move on: it waits only
  // briefly, and when a long read (an export, a search) is under way it gives up until later.
  Connection::Options options;
  options.busy_timeout = std::chrono::milliseconds(10);
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                           Connection::Open(path, std::move(options)));
  auto checkpointer =
      std::unique_ptr<WalCheckpointer>(new WalCheckpointer(writer.handle(), std::move(connection)));
  // Replaces the automatic checkpoint, which is itself a WAL hook (sqlite3_wal_autocheckpoint).
  sqlite3_wal_hook(writer.handle(), &WalCheckpointer::OnCommit, checkpointer.get());
  return checkpointer;
}

WalCheckpointer::WalCheckpointer(sqlite3* writer, std::unique_ptr<Connection> connection)
    : writer_(writer), connection_(std::move(connection)), thread_([this] { Run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_autocheckpoint(writer_, kPagesBeforeCheckpoint);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

int64_t WalCheckpointer::checkpoints() const {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

int WalCheckpointer::OnCommit(void* self, sqlite3*, const char*, int pages) {
  if (pages < kPagesBeforeCheckpoint) return SQLITE_OK;
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  {
    std::lock_guard lock(checkpointer->mutex_);
    checkpointer->wanted_ = true;
  }
  checkpointer->wake_.notify_one();
  return SQLITE_OK;
}

void WalCheckpointer::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    running_ = true;
    lock.unlock();
    // Best effort: a checkpoint that cannot finish now (a reader holds old pages) is retried
    // after the next commits, and the database stays correct either way.
    int logged = 0;
    int copied = 0;
    int code = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                         &logged, &copied);
    if (code == SQLITE_OK && logged > kMostPages) {
      (void)sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_RESTART,
                                      &logged, &copied);
    }
    lock.lock();
    running_ = false;
    ++checkpoints_;
    if (!wanted_) idle_.notify_all();
  }
}

void WalCheckpointer::WaitUntilIdle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return (!wanted_ && !running_) || stopping_; });
}

}  // namespace debrief::store::sqlite
