#include "ingest/batch_reader.h"

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <mutex>
#include <thread>

namespace debrief::ingest {
namespace {

constexpr size_t kAhead = 2;  // Batches read before the caller takes them.

}  // namespace

struct BatchReader::Shared {
  std::unique_ptr<EventSource> source;
  size_t batch_size = 0;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<core::Result<Batch>> ready;
  std::atomic<bool> stop = false;  // The caller is gone or wants no more.
  bool finished = false;           // The thread has returned.

  void Run() {
    bool more = true;
    while (more) {
      Batch batch;
      batch.events.reserve(batch_size);
      core::Result<Batch> item = core::Error::Internal("unset");
      while (true) {
        if (stop) break;
        core::TimelineEvent event;
        core::Result<bool> next = source->Next(event);
        if (!next) {
          item = next.error();
          more = false;
          break;
        }
        if (!*next) {
          batch.last = true;
          more = false;
        } else {
          batch.events.push_back(std::move(event));
        }
        if (batch.last || batch.events.size() == batch_size) {
          batch.bytes_read = source->bytes_read();
          batch.shortened = source->shortened();
          if (batch.last) batch.audience_spans = source->AudienceSpans();
          item = std::move(batch);
          break;
        }
      }
      std::unique_lock lock(mutex);
      if (stop) break;
      changed.wait(lock, [&] { return stop || ready.size() < kAhead; });
      if (stop) break;
      ready.push_back(std::move(item));
      changed.notify_all();
    }
    std::lock_guard lock(mutex);
    finished = true;
    changed.notify_all();
  }
};

BatchReader::BatchReader(std::unique_ptr<EventSource> source, size_t batch_size)
    : shared_(std::make_shared<Shared>()), total_bytes_(source->total_bytes()) {
  shared_->source = std::move(source);
  shared_->batch_size = batch_size;
  // The thread takes no signals: Ctrl-C and SIGTERM go to the caller's thread, which decides
  // what stopping means (rolling the import back). A new thread starts with the creator's mask.
  sigset_t all;
  sigset_t previous;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &previous);
  std::thread([shared = shared_]() { shared->Run(); }).detach();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

BatchReader::~BatchReader() {
  std::unique_lock lock(shared_->mutex);
  shared_->stop = true;
  shared_->changed.notify_all();
  // A thread between lines sees the stop at once; one blocked reading a pipe is left to end with
  // the process, holding its own reference to everything it uses.
  shared_->changed.wait_for(lock, std::chrono::milliseconds(200),
                            [&] { return shared_->finished; });
}

std::optional<core::Result<BatchReader::Batch>> BatchReader::Next(
    std::chrono::milliseconds timeout) {
  std::unique_lock lock(shared_->mutex);
  if (!shared_->changed.wait_for(lock, timeout, [&] { return !shared_->ready.empty(); })) {
    return std::nullopt;
  }
  core::Result<Batch> item = std::move(shared_->ready.front());
  shared_->ready.pop_front();
  shared_->changed.notify_all();
  return item;
}

}  // namespace debrief::ingest
