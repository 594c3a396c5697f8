// SearchWorkers: threads that run library searches (SearchWork) off the event loop, so searches
// use every core while the event loop keeps reading and writing. Each thread has a library
// searcher of its own (Store::OpenLibrarySearcher: its own database connection and working
// memory) over the one in-memory index the store keeps. Work is taken first come, first served.
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

 private:
  using Job = std::function<void(store::LibrarySearcher&)>;
  SearchWorkers() = default;
  void Enqueue(Job job);
  void Work(store::LibrarySearcher& searcher);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<store::LibrarySearcher>> searchers_;
  std::vector<std::thread> threads_;
};

}  // namespace debrief::http
