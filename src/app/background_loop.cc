#include "app/background_loop.h"

#include <cstdio>

namespace debrief::app {

BackgroundLoop::BackgroundLoop(std::string what, StoreOpener open_store,
                               std::chrono::milliseconds pause, Pass pass)
    : what_(std::move(what)),
      open_store_(std::move(open_store)),
      pause_(pause),
      pass_(std::move(pass)) {}

BackgroundLoop::~BackgroundLoop() { Stop(); }

void BackgroundLoop::Start() {
  thread_ = std::thread([this] {
    auto store = open_store_();
    if (!store) {
      std::fprintf(stderr, "debrief: %s are not delivered: %s\n", what_.c_str(),
                   store.error().message().c_str());
      return;
    }
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      if (auto ran = pass_(**store); !ran) {
        std::fprintf(stderr, "debrief: a pass over %s failed: %s\n", what_.c_str(),
                     ran.error().message().c_str());
      }
      lock.lock();
      wake_.wait_for(lock, pause_, [this] { return stopping_; });
    }
  });
}

void BackgroundLoop::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace debrief::app
