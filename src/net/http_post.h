// Sends one outbound HTTP POST (webhook deliveries, chat notifications) over plain TCP or TLS
// (certificates verified against the system's store, host name checked), with a deadline for the
// whole exchange. Blocking: called from background workers, never from the event loop.
#pragma once

#include <chrono>
#include <functional>
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
  // Whether `host` may be on the internal network. A URL anyone can enter (a webhook) must not
  // reach the services around debrief: unless this says so for its host, a host that resolves
  // to a loopback, private, link-local or otherwise non-public address is refused. The address
  // checked is the one connected to; nothing is resolved twice.
  std::function<bool(std::string_view host)> may_be_internal;
};

// Whether an address is on the public internet: not loopback, private (RFC 1918, unique
// local), shared (RFC 6598), link-local (cloud metadata services live there), multicast,
// reserved or unspecified, in IPv4 or IPv6 (IPv4-mapped included).
bool IsPublicAddress(std::string_view address);

struct OutboundResult {
  std::optional<int> status;  // Set when the receiver answered.
  // Why there was no answer, or the status of a non-2xx one. Never the answer's body: it is the
  // receiver's, and the delivery log is read by others.
  std::string error;
  bool ok() const { return status && *status >= 200 && *status < 300; }
};

OutboundResult PostJson(const OutboundRequest& request);

}  // namespace debrief::net
