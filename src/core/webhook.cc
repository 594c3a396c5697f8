#include "core/webhook.h"

#include <algorithm>
#include <set>

namespace debrief::core {

Duration RetryDelay(int attempts) {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  constexpr std::array<Duration, 5> kDelays = {seconds(10), seconds(30), minutes(2), minutes(10),
                                               hours(1)};
  int index = std::clamp(attempts - 1, 0, static_cast<int>(kDelays.size()) - 1);
  return kDelays[static_cast<size_t>(index)];
}

Result<void> ValidateWebhookUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return Error::InvalidArgument("url must start with https:// or http://", "url");
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.starts_with(':')) {
    return Error::InvalidArgument("url must name a host", "url");
  }
  if (authority.find('@') != std::string_view::npos) {
    return Error::InvalidArgument(
        "url must not carry a user name or password; the secret signs each delivery instead",
        "url");
  }
  if (url.size() > 2000) return Error::InvalidArgument("url is longer than 2000 bytes", "url");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return Error::InvalidArgument("url must not contain spaces or control characters", "url");
    }
  }
  return Ok();
}

Result<void> ValidateWebhookEvents(const std::vector<std::string>& events) {
  std::string known;
  for (std::string_view event : kWebhookEvents)
    known += (known.empty() ? "" : ", ") + std::string(event);
  if (events.empty()) {
    return Error::InvalidArgument("events must name at least one of: " + known, "events");
  }
  std::set<std::string> seen;
  for (const std::string& event : events) {
    if (std::find(kWebhookEvents.begin(), kWebhookEvents.end(), event) == kWebhookEvents.end()) {
      return Error::InvalidArgument("unknown event " + event + "; events are " + known, "events");
    }
    if (!seen.insert(event).second) {
      return Error::InvalidArgument(event + " is named twice", "events");
    }
  }
  return Ok();
}

}  // namespace debrief::core
