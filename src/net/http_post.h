// Sends one outbound HTTP POST (webhook deliveries, chat notifications) over plain TCP or TLS
// (certificates verified against the system's store, host name checked), with a deadline for the
// whole exchange. Blocking: called from background workers, never from the event loop.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace debrief::net {

struct OutboundRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
};

struct OutboundResult {
  std::optional<int> status;  // Set when the receiver answered.
  std::string error;          // Why there was no answer, or a summary of a non-2xx one.
  bool ok() const { return status && *status >= 200 && *status < 300; }
};

OutboundResult PostJson(const OutboundRequest& request);

}  // namespace debrief::net
