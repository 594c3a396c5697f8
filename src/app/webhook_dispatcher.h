// WebhookDispatcher: delivers queued webhook events in the background, on its own thread and its
// own database connection, so the server's event loop never waits on a receiver. Each delivery
// is signed (HMAC-SHA256 over "timestamp.body" with the webhook's secret), retried with growing
// delays when it fails, and every attempt is recorded for the delivery log. It also queues
// action items as they fall due or overdue.
#pragma once

#include <memory>
#include <optional>

#include "app/background_loop.h"
#include "core/clock.h"
#include "store/store.h"

namespace debrief::app {

class WebhookDispatcher {
 public:
  struct Options {
    std::chrono::milliseconds poll_interval{1'000};
    std::chrono::milliseconds action_scan_interval{60'000};
    std::chrono::milliseconds timeout{10'000};  // For one whole delivery exchange.
    int batch = 20;                             // Deliveries per pass.
    // Hosts webhooks may reach on the internal network (an admin's choice); every other host
    // must resolve to public addresses (net::OutboundRequest::may_be_internal).
    std::vector<std::string> internal_hosts;
  };
  using StoreOpener = app::BackgroundLoop::StoreOpener;

  // `open_store` runs on the dispatcher's thread; `clock` must outlive the dispatcher.
  WebhookDispatcher(StoreOpener open_store, const core::Clock& clock, Options options);

  void Start();
  // Finishes the delivery in flight, then returns.
  void Stop();

  // One pass on the caller's thread: queue due action items (when a scan is due) and attempt
  // every delivery due now. Returns how many deliveries were attempted.
  core::Result<int> RunOnce(store::Store& store);

 private:
  core::Result<void> Attempt(store::Store& store, core::WebhookDelivery delivery);

  const core::Clock& clock_;
  Options options_;
  std::optional<core::Timestamp> last_scan_;  // Touched by the loop's thread only.
  app::BackgroundLoop loop_;                  // Last: its thread stops before the rest goes.
};

// The headers that sign a delivery: X-Debrief-Event, X-Debrief-Delivery, X-Debrief-Timestamp and
// X-Debrief-Signature ("sha256=" + hex HMAC of "<timestamp>.<body>").
std::vector<std::pair<std::string, std::string>> SignedHeaders(
    const core::WebhookDelivery& delivery, std::string_view secret, core::Timestamp now);

}  // namespace debrief::app
