#include "http/search_workers.h"

#include <boost/asio.hpp>
#include <exception>

namespace debrief::http {
namespace {

namespace asio = boost::asio;

// Work that throws still answers: with a 500, as the router does for handlers.
core::Result<ApiResponse> RunCaught(const SearchWork& work, store::LibrarySearcher& searcher) {
  try {
    return work(searcher);
  } catch (const std::exception& exception) {
    return core::Error::Internal(exception.what());
  }
}

// The store searching on its own thread, as a searcher.
class StoreSearcher final : public store::LibrarySearcher {
 public:
  explicit StoreSearcher(store::Store& store) : store_(store) {}
  core::Result<store::LibraryPage> Search(const store::LibraryQuery& query) override {
    return store_.SearchLibrary(query);
  }

 private:
  store::Store& store_;
};

}  // namespace

core::Result<std::unique_ptr<SearchWorkers>> SearchWorkers::Start(store::Store& store,
                                                                  size_t threads) {
  auto workers = std::unique_ptr<SearchWorkers>(new SearchWorkers());
  for (size_t index = 0; index < threads; ++index) {
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::LibrarySearcher> searcher,
                             store.OpenLibrarySearcher());
    if (searcher == nullptr) return std::unique_ptr<SearchWorkers>();
    workers->searchers_.push_back(std::move(searcher));
  }
  if (workers->searchers_.empty()) return std::unique_ptr<SearchWorkers>();
  for (auto& searcher : workers->searchers_) {
    workers->threads_.emplace_back(
        [&workers = *workers, &searcher = *searcher]() { workers.Work(searcher); });
  }
  return workers;
}

SearchWorkers::~SearchWorkers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void SearchWorkers::Enqueue(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
}

bool SearchWorkers::TryEnqueue(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (jobs_.size() >= kMostQueuedPerThread * threads_.size()) return false;
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

void SearchWorkers::Work(store::LibrarySearcher& searcher) {
  while (true) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&]() { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // Stopping, and nothing left.
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job(searcher);
  }
}

asio::awaitable<core::Result<ApiResponse>> SearchWorkers::Run(SearchWork work) {
  auto executor = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable),
                                          void(core::Result<ApiResponse>)>(
      [this, executor](auto handler, SearchWork work) {
        // The handler is move-only and a std::function must be copyable: it is held by pointer.
        auto held = std::make_shared<decltype(handler)>(std::move(handler));
        Enqueue([executor, held, work = std::move(work)](store::LibrarySearcher& searcher) {
          auto result = std::make_shared<core::Result<ApiResponse>>(RunCaught(work, searcher));
          asio::post(executor, [held, result]() { (*held)(std::move(*result)); });
        });
      },
      asio::use_awaitable, std::move(work));
}

core::Result<ApiResponse> SearchWorkers::RunInline(const SearchWork& work, store::Store& store) {
  StoreSearcher searcher(store);
  return RunCaught(work, searcher);
}

LoopStep SearchWorkers::RunOffLoopInline(const OffLoopWork& work) {
  try {
    return work();
  } catch (const std::exception& exception) {
    std::string what = exception.what();
    return [what]() -> core::Result<ApiResponse> { return core::Error::Internal(what); };
  }
}

asio::awaitable<LoopStep> SearchWorkers::RunOffLoop(OffLoopWork work) {
  auto executor = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(LoopStep)>(
      [this, executor](auto handler, OffLoopWork work) {
        auto held = std::make_shared<decltype(handler)>(std::move(handler));
        bool queued = TryEnqueue([executor, held, work = std::move(work)](store::LibrarySearcher&) {
          auto step = std::make_shared<LoopStep>(RunOffLoopInline(work));
          asio::post(executor, [held, step]() { (*held)(std::move(*step)); });
        });
        if (queued) return;
        asio::post(executor, [held]() {
          (*held)([]() -> core::Result<ApiResponse> {
            return core::Error::ResourceExhausted("the server is busy; try again in a moment",
                                                  std::chrono::seconds(1));
          });
        });
      },
      asio::use_awaitable, std::move(work));
}

}  // namespace debrief::http
