#include "core/event_time.h"

#include <charconv>
#include <cstdint>
#include <string>

namespace debrief::core {
namespace {

using std::chrono::milliseconds;

// Whole units and, after a '.', up to three digits of milliseconds (more are ignored): the
// parts of "1700000000.123456".
struct EpochNumber {
  int64_t whole = 0;
  int64_t millis = 0;
  bool has_fraction = false;
};

std::optional<EpochNumber> ReadNumber(std::string_view text) {
  EpochNumber number;
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  if (whole.empty() || whole.front() == '+' || whole.front() == '-') return std::nullopt;
  auto [end, error] = std::from_chars(whole.data(), whole.data() + whole.size(), number.whole);
  if (error != std::errc() || end != whole.data() + whole.size()) return std::nullopt;
  if (dot == std::string_view::npos) return number;
  std::string_view fraction = text.substr(dot + 1);
  if (fraction.empty()) return std::nullopt;
  number.has_fraction = true;
  int64_t scale = 100;
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    number.millis += (c - '0') * scale;
    scale /= 10;
  }
  return number;
}

// `whole` units of `per_second` per second, as a Timestamp, when it fits.
std::optional<Timestamp> FromUnits(int64_t whole, int64_t per_second) {
  // Timestamp holds milliseconds in 64 bits; seconds beyond this would overflow on the way.
  constexpr int64_t kMaxSeconds = INT64_MAX / 1000 - 1;
  if (per_second == 1) {
    if (whole > kMaxSeconds) return std::nullopt;
    return Timestamp{milliseconds{whole * 1000}};
  }
  return Timestamp{milliseconds{whole / (per_second / 1000)}};
}

std::string_view UnitName(int64_t per_second) {
  switch (per_second) {
    case 1'000:
      return "milliseconds";
    case 1'000'000:
      return "microseconds";
    default:
      return "nanoseconds";
  }
}

Error Expected(std::string_view text, std::string_view what) {
  return Error::InvalidArgument("\"" + std::string(text.substr(0, 64)) + "\" is not " +
                                std::string(what));
}

}  // namespace

std::optional<EventTimeFormat> ParseEventTimeFormat(std::string_view name) {
  if (name == "auto") return EventTimeFormat::kAuto;
  if (name == "rfc3339") return EventTimeFormat::kRfc3339;
  if (name == "s") return EventTimeFormat::kEpochSeconds;
  if (name == "ms") return EventTimeFormat::kEpochMillis;
  if (name == "us") return EventTimeFormat::kEpochMicros;
  if (name == "ns") return EventTimeFormat::kEpochNanos;
  if (name == "slack") return EventTimeFormat::kSlackTs;
  return std::nullopt;
}

Result<Timestamp> ParseEventTime(std::string_view text, EventTimeFormat format) {
  if (format == EventTimeFormat::kRfc3339 ||
      (format == EventTimeFormat::kAuto && text.find_first_of("-:T") != std::string_view::npos)) {
    if (auto instant = ParseRfc3339(text)) return *instant;
    return Expected(text, "an RFC 3339 time (2026-03-14T09:26:53Z)");
  }
  std::optional<EpochNumber> number = ReadNumber(text);
  if (!number) {
    switch (format) {
      case EventTimeFormat::kSlackTs:
        return Expected(text, "a Slack ts (seconds.micros)");
      case EventTimeFormat::kAuto:
        return Expected(text, "an RFC 3339 time or a number of seconds since 1970");
      default:
        return Expected(text, "a number since 1970");
    }
  }
  int64_t per_second = 1;
  switch (format) {
    case EventTimeFormat::kEpochMillis:
      per_second = 1'000;
      break;
    case EventTimeFormat::kEpochMicros:
      per_second = 1'000'000;
      break;
    case EventTimeFormat::kEpochNanos:
      per_second = 1'000'000'000;
      break;
    case EventTimeFormat::kAuto:
      if (number->has_fraction || number->whole < 100'000'000'000) {
        per_second = 1;
      } else if (number->whole < 100'000'000'000'000) {
        per_second = 1'000;
      } else if (number->whole < 100'000'000'000'000'000) {
        per_second = 1'000'000;
      } else {
        per_second = 1'000'000'000;
      }
      break;
    default:
      break;
  }
  if (number->has_fraction && per_second != 1) {
    return Expected(text, "a whole number of " + std::string(UnitName(per_second)));
  }
  std::optional<Timestamp> instant = FromUnits(number->whole, per_second);
  if (!instant) return Expected(text, "a time debrief can hold");
  return *instant + milliseconds{number->millis};
}

}  // namespace debrief::core
