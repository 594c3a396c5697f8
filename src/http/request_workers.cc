#include "http/request_workers.h"

#include <boost/asio.hpp>
#include <exception>

namespace debrief::http {

namespace asio = boost::asio;

core::Result<std::unique_ptr<RequestWorkers>> RequestWorkers::Start(
    const Services& services, const Authenticator& authenticator, size_t count,
    std::chrono::milliseconds lock_wait) {
  auto workers = std::unique_ptr<RequestWorkers>(new RequestWorkers());
  for (size_t index = 0; index < count; ++index) {
    auto worker = std::make_unique<Worker>();
    DEBRIEF_ASSIGN_OR_RETURN(worker->store, services.store.OpenSibling(lock_wait));
    worker->authenticator = std::make_unique<Authenticator>(authenticator, *worker->store);
    worker->services = std::make_unique<Services>(Services{
        .store = *worker->store,
        .clock = services.clock,
        .authenticator = *worker->authenticator,
        .metrics = services.metrics,
        .response_cache = services.response_cache,
        .severity_scale = services.severity_scale,
        .timeline_options = services.timeline_options,
        .checker = services.checker,
        .search_workers = services.search_workers,
        .timeline_cache = services.timeline_cache,
        .event_snapshots = services.event_snapshots,
        .notifications = services.notifications,
        .language_feedback = services.language_feedback,
        .single_sign_on = services.single_sign_on,
        .password_sign_in = services.password_sign_in,
        .provisioning = services.provisioning,
    });
    workers->workers_.push_back(std::move(worker));
  }
  // Threads start once every connection is open: a failure above leaves none to stop.
  for (size_t index = 0; index < workers->workers_.size(); ++index) {
    workers->workers_[index]->thread =
        std::thread([&workers = *workers, index]() { workers.Work(index); });
  }
  return workers;
}

RequestWorkers::~RequestWorkers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

void RequestWorkers::Enqueue(std::function<void(size_t worker)> job, std::optional<size_t> on) {
  {
    std::lock_guard lock(mutex_);
    if (on) {
      size_t index = *on;
      workers_[index]->own.push_back([job = std::move(job), index]() { job(index); });
    } else {
      shared_.push_back(std::move(job));
    }
  }
  // A job for one worker must wake that one: all are woken, the others find nothing and wait.
  if (on) {
    ready_.notify_all();
  } else {
    ready_.notify_one();
  }
}

void RequestWorkers::Work(size_t index) {
  Worker& worker = *workers_[index];
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&]() { return stopping_ || !worker.own.empty() || !shared_.empty(); });
      if (!worker.own.empty()) {
        job = std::move(worker.own.front());
        worker.own.pop_front();
      } else if (!shared_.empty()) {
        job = [shared = std::move(shared_.front()), index]() { shared(index); };
        shared_.pop_front();
      } else {
        return;  // Stopping, and nothing left.
      }
    }
    job();
  }
}

asio::awaitable<size_t> RequestWorkers::Run(Job job, std::optional<size_t> on) {
  auto executor = co_await asio::this_coro::executor;
  std::exception_ptr failure;
  size_t ran_on = co_await asio::async_initiate<decltype(asio::use_awaitable), void(size_t)>(
      [this, executor, on, &failure](auto handler, Job job) {
        // The handler is move-only and a std::function must be copyable: it is held by pointer.
        auto held = std::make_shared<decltype(handler)>(std::move(handler));
        Enqueue(
            [this, executor, held, job = std::move(job), &failure](size_t index) {
              try {
                job(*workers_[index]->services);
              } catch (...) {
                failure = std::current_exception();
              }
              asio::post(executor, [held, index]() { (*held)(index); });
            },
            on);
      },
      asio::use_awaitable, std::move(job));
  if (failure) std::rethrow_exception(failure);
  co_return ran_on;
}

}  // namespace debrief::http
