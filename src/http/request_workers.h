// RequestWorkers: threads that answer requests with database connections of their own. On a
// database that serves many connections at once (PostgreSQL), the event loop then never waits for
// a round trip: it reads and writes sockets while the workers run handlers, their statements
// overlap on the server, and the commits of concurrent writes are flushed together.
//
// Each worker has a store of its own (Store::OpenSibling: another connection, sharing the app's
// library replica), an authenticator over it (sharing the count of failed sign-ins) and services
// that are otherwise the event loop's: the caches and metrics they share are thread-safe. A job
// runs on the first free worker, or on the one named: the step that finishes a request after its
// CPU-heavy part ran on a search worker (ApiResponse::off_loop) runs where the request started,
// since its handler captured that worker's store.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/result.h"
#include "http/api.h"
#include "http/authenticator.h"

namespace debrief::http {

class RequestWorkers {
 public:
  // A job gets the services of the worker it runs on.
  using Job = std::function<void(Services&)>;

  // Starts `count` workers over `services` (the event loop's), each opening a sibling of its
  // store whose statements wait at most `lock_wait` for another transaction's lock. An error when
  // a connection cannot be opened or the store serves from one connection only.
  static core::Result<std::unique_ptr<RequestWorkers>> Start(const Services& services,
                                                             const Authenticator& authenticator,
                                                             size_t count,
                                                             std::chrono::milliseconds lock_wait);
  // Finishes the jobs already handed over, then joins the threads.
  ~RequestWorkers();
  RequestWorkers(const RequestWorkers&) = delete;
  RequestWorkers& operator=(const RequestWorkers&) = delete;

  size_t size() const { return workers_.size(); }

  // Runs `job` on worker `on` (any free one when unset) and resumes the awaiting coroutine on
  // its own executor, with the index of the worker that ran it. `job` may refer to the awaiting
  // coroutine's locals: they live until it resumes. A job that throws is a bug of its own; it is
  // caught so the worker survives, and the exception is rethrown in the awaiting coroutine.
  boost::asio::awaitable<size_t> Run(Job job, std::optional<size_t> on = std::nullopt);

 private:
  struct Worker {
    std::unique_ptr<store::Store> store;
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<Services> services;
    std::deque<std::function<void()>> own;  // Jobs only this worker may run.
    std::thread thread;
  };
  RequestWorkers() = default;
  void Enqueue(std::function<void(size_t worker)> job, std::optional<size_t> on);
  void Work(size_t index);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void(size_t worker)>> shared_;  // Jobs any worker may run.
  bool stopping_ = false;
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace debrief::http
