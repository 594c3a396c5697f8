// NotificationWorker: sends the e-mail and chat deliveries of notifications in the background,
// on its own thread and its own database connection, so no request waits on a mail server or a
// chat tool. It also raises the notifications that come from the calendar (action items due or
// overdue, reviews overdue). A person who chose a daily digest gets their day's e-mails as one.
// A failed delivery is retried with growing delays, like a webhook's, then marked failed.
#pragma once

#include <memory>
#include <optional>

#include "app/background_loop.h"
#include "app/notifications.h"
#include "core/clock.h"
#include "net/smtp_client.h"
#include "store/store.h"

namespace debrief::app {

class NotificationWorker {
 public:
  struct Options {
    NotificationOptions notifications;
    net::SmtpSettings smtp;
    std::string public_url = "http://127.0.0.1:8080";  // Where links in messages point.
    std::chrono::milliseconds poll_interval{2'000};
    std::chrono::milliseconds scan_interval{600'000};  // For due dates.
    std::chrono::milliseconds chat_timeout{10'000};
    int batch = 50;
  };
  using StoreOpener = BackgroundLoop::StoreOpener;

  NotificationWorker(StoreOpener open_store, const core::Clock& clock, Options options);

  void Start();
  // Finishes the delivery in flight, then returns.
  void Stop();

  // One pass on the caller's thread: raise due-date notifications (when a scan is due) and
  // attempt every delivery due now. Returns how many deliveries were attempted.
  core::Result<int> RunOnce(store::Store& store);

 private:
  core::Result<void> SendEmails(store::Store& store, int64_t user_id,
                                std::vector<core::NotificationDelivery> deliveries);
  core::Result<void> SendChat(store::Store& store, core::NotificationDelivery delivery);
  core::Result<void> Record(store::Store& store, core::NotificationDelivery delivery,
                            const core::Result<void>& outcome);

  const core::Clock& clock_;
  Options options_;
  std::optional<core::Timestamp> last_scan_;  // Touched by the loop's thread only.
  BackgroundLoop loop_;                       // Last: its thread stops before the rest goes.
};

}  // namespace debrief::app
