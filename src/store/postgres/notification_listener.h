// NotificationListener: a thread with a PostgreSQL connection of its own that LISTENs to one
// channel, for copies of small tables an instance keeps in memory (listened_copy.h). PostgreSQL
// delivers a NOTIFY when its transaction commits, to every session listening, whichever
// instance wrote. While the connection is lost no notification can arrive, so the listener says
// so (on_deaf) and connects again after a pause.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace debrief::store::postgres {

class NotificationListener {
 public:
  struct Callbacks {
    // LISTEN is in force: every commit from here on is notified.
    std::function<void()> on_listening;
    // A transaction that wrote to the channel's table committed.
    std::function<void()> on_notified;
    // The connection is lost (or could not be made): commits may go unnotified until
    // on_listening is called again.
    std::function<void()> on_deaf;
  };

  // Starts listening on `channel` (an SQL identifier) in the background; the callbacks run on
  // the listener's thread and must outlive it.
  NotificationListener(std::string conninfo, std::string channel, Callbacks callbacks,
                       std::chrono::milliseconds reconnect_pause = std::chrono::seconds(1));
  // Stops at once (a wake-up descriptor interrupts the wait) and closes the connection.
  ~NotificationListener();
  NotificationListener(const NotificationListener&) = delete;
  NotificationListener& operator=(const NotificationListener&) = delete;

 private:
  void Run();
  // Waits `pause` unless stopped first; false once stopped.
  bool Pause(std::chrono::milliseconds pause);

  std::string conninfo_;
  std::string channel_;
  Callbacks callbacks_;
  std::chrono::milliseconds reconnect_pause_;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_ = false;
  std::thread thread_;
};

}  // namespace debrief::store::postgres
