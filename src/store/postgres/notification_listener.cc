#include "store/postgres/notification_listener.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <utility>

#include "store/postgres/connection.h"

namespace debrief::store::postgres {

NotificationListener::NotificationListener(std::string conninfo, std::string channel,
                                           Callbacks callbacks,
                                           std::chrono::milliseconds reconnect_pause)
    : conninfo_(std::move(conninfo)),
      channel_(std::move(channel)),
      callbacks_(std::move(callbacks)),
      reconnect_pause_(reconnect_pause),
      wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      thread_([this] { Run(); }) {}

NotificationListener::~NotificationListener() {
  stopping_ = true;
  uint64_t one = 1;
  if (wake_fd_ >= 0 && write(wake_fd_, &one, sizeof(one)) < 0) {
    // Nothing to do: the wait below ends within its timeout anyway.
  }
  thread_.join();
  if (wake_fd_ >= 0) close(wake_fd_);
}

bool NotificationListener::Pause(std::chrono::milliseconds pause) {
  pollfd wake{.fd = wake_fd_, .events = POLLIN, .revents = 0};
  poll(&wake, 1, static_cast<int>(pause.count()));
  return !stopping_;
}

void NotificationListener::Run() {
  // Without a wake-up descriptor the waits below still end every so often.
  constexpr std::chrono::milliseconds kLongestWait{500};
  // A server that vanished without closing the connection (a failover, a dropped NAT entry)
  // makes no socket readable: a round trip every few seconds finds out, and the keepalive and
  // user timeouts bound how long a round trip to nowhere may take.
  constexpr auto kPingEvery = std::chrono::seconds(5);
  Connection::Options options;
  options.overrides = {{"connect_timeout", "5"},  {"keepalives", "1"},
                       {"keepalives_idle", "5"},  {"keepalives_interval", "2"},
                       {"keepalives_count", "2"}, {"tcp_user_timeout", "9000"}};
  while (!stopping_) {
    auto connection = Connection::Open(conninfo_, options);
    if (connection && (*connection)->Execute("LISTEN " + channel_)) {
      callbacks_.on_listening();
      auto last_ping = std::chrono::steady_clock::now();
      while (!stopping_) {
        auto notified = (*connection)->AwaitNotifications(wake_fd_, kLongestWait);
        if (!notified) break;
        if (!notified->empty()) callbacks_.on_notified();
        if (std::chrono::steady_clock::now() - last_ping >= kPingEvery) {
          if (!(*connection)->Execute("SELECT 1")) break;
          last_ping = std::chrono::steady_clock::now();
        }
      }
    }
    // Lost, or never made: a commit now would go unheard.
    callbacks_.on_deaf();
    if (!Pause(reconnect_pause_)) break;
  }
}

}  // namespace debrief::store::postgres
