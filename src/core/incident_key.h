// Incident keys: "INC-<year>-<number>", the number zero-padded to at least four digits and
// counted per year, so people can say "INC-2026-0042" in a meeting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace debrief::core {

struct IncidentKey {
  int year = 0;
  int64_t number = 0;
};

std::string FormatIncidentKey(IncidentKey key);
std::optional<IncidentKey> ParseIncidentKey(std::string_view text);

}  // namespace debrief::core
