// SearchWorkers: threads that run work off the event loop, so heavy requests use every core while
// the event loop keeps reading and writing: library searches (SearchWork), and CPU-heavy steps
// of other requests (OffLoopWork: password hashing, exports, reading uploaded files). Each thread
// has a library searcher of its own (Store::OpenLibrarySearcher: its own database connection and
// working memory) over the one in-memory index the store keeps. Work is taken first come, first
// served; when kMostQueued jobs wait, more is refused (429) rather than queued without end.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.h"
#include "http/api.h"
#include "store/store.h"

namespace debrief::http {

class SearchWorkers {
 public:
  // Starts `threads` workers with a searcher each. Null when `threads` is 0 or the store cannot
  // search from other threads: SearchWork then runs on the event loop (RunInline).
  static core::Result<std::unique_ptr<SearchWorkers>> Start(store::Store& store, size_t threads);
  // Finishes the work already handed over, then joins the threads.
  ~SearchWorkers();
  SearchWorkers(const SearchWorkers&) = delete;
  SearchWorkers& operator=(const SearchWorkers&) = delete;

  size_t size() const { return threads_.size(); }

  // Runs `work` on a worker; the awaiting coroutine resumes on its own executor.
  boost::asio::awaitable<core::Result<ApiResponse>> Run(SearchWork work);

  // Runs `work` on the calling thread, which owns `store`, with the store as its searcher.
  static core::Result<ApiResponse> RunInline(const SearchWork& work, store::Store& store);

  // Runs `work` on a worker and resumes with the step that finishes it on the caller's executor:
  // a step answering 429 when the queue is full, 500 when the work threw.
  boost::asio::awaitable<LoopStep> RunOffLoop(OffLoopWork work);
  // The same on the calling thread (no workers).
  static LoopStep RunOffLoopInline(const OffLoopWork& work);

  static constexpr size_t kMostQueuedPerThread = 32;

 private:
  using Job = std::function<void(store::LibrarySearcher&)>;
  SearchWorkers() = default;
  void Enqueue(Job job);
  // Enqueues unless kMostQueuedPerThread jobs per thread wait already.
  bool TryEnqueue(Job job);
  void Work(store::LibrarySearcher& searcher);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<store::LibrarySearcher>> searchers_;
  std::vector<std::thread> threads_;
};

}  // namespace debrief::http
