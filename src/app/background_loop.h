// A pass of background work (sending webhook deliveries, sending notifications) run on a thread
// of its own with a database connection of its own, again and again, a pause apart, until it is
// stopped — so no request waits on a mail server or a receiver. A failed pass is reported on
// standard error and tried again after the pause.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "store/store.h"

namespace debrief::app {

class BackgroundLoop {
 public:
  using StoreOpener = std::function<core::Result<std::unique_ptr<store::Store>>()>;
  using Pass = std::function<core::Result<int>(store::Store&)>;

  // `what` names the work in messages ("webhooks"); `open_store` and `pass` run on the loop's
  // thread.
  BackgroundLoop(std::string what, StoreOpener open_store, std::chrono::milliseconds pause,
                 Pass pass);
  ~BackgroundLoop();
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  void Start();
  // Lets the pass in flight finish, then returns.
  void Stop();

 private:
  std::string what_;
  StoreOpener open_store_;
  std::chrono::milliseconds pause_;
  Pass pass_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace debrief::app
