// Sends one outbound HTTP request (webhook deliveries and chat notifications POST JSON; signing in
// through an identity provider GETs its discovery document and keys and POSTs a form to its token
// endpoint) over plain TCP or TLS (certificates verified against the system's store, host name
// checked), with a deadline for the whole exchange. Blocking: never called on the event loop.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace debrief::net {

struct OutboundRequest {
  std::string method = "POST";  // "GET" sends no body.
  std::string url;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
  // Whether `host` may be on the internal network. A URL anyone can enter (a webhook) must not
  // reach the services around debrief: unless this says so for its host, a host that resolves
  // to a loopback, private, link-local or otherwise non-public address is refused. The address
  // checked is the one connected to; nothing is resolved twice.
  std::function<bool(std::string_view host)> may_be_internal;
  // The longest answer body read; a longer one is no answer.
  size_t max_answer_bytes = 64 * 1024;
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
  // The answer's body, for the caller alone to read (an identity provider's document); never
  // logged or stored by a caller that relays answers of receivers others configured.
  std::string body;
  std::string content_type;
  bool ok() const { return status && *status >= 200 && *status < 300; }
};

OutboundResult Send(const OutboundRequest& request);
// Send() of a POST with a JSON body.
OutboundResult PostJson(const OutboundRequest& request);

}  // namespace debrief::net
