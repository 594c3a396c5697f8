// Instants and dates. Every time in debrief is a UTC instant with millisecond precision; JSON
// carries RFC 3339 text, the stores carry milliseconds since the Unix epoch.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace debrief::core {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
using Duration = std::chrono::milliseconds;

// Parses RFC 3339 ("2026-03-14T09:26:53Z", "2026-03-14T10:26:53.5+01:00"). A lower-case "t"/"z"
// or a space between date and time is accepted, as RFC 3339 allows. Returns nullopt on anything
// else, including impossible dates such as February 30.
std::optional<Timestamp> ParseRfc3339(std::string_view text);

// Formats as "2026-03-14T09:26:53Z", or with ".123" when the milliseconds are not zero.
std::string FormatRfc3339(Timestamp instant);

int64_t ToEpochMillis(Timestamp instant);
Timestamp FromEpochMillis(int64_t millis);

// A calendar date ("2026-04-01"), used for due dates.
using Date = std::chrono::sys_days;
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);

}  // namespace debrief::core
