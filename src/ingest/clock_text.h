// Pieces of dates and times as logs write them, read in place: the importers' own grammars
// (chat stamps, local date-times) are built from these.
#pragma once

#include <optional>
#include <string_view>

#include "core/time.h"

namespace debrief::ingest {

// `count` decimal digits at `at`, moving past them; nothing (and `at` unmoved) otherwise.
std::optional<int> ReadDigits(std::string_view text, size_t& at, size_t count);

// "YYYY-MM-DD" at `at`, a real calendar day, moving past it; nothing (and `at` unmoved)
// otherwise.
std::optional<core::Date> ReadIsoDate(std::string_view text, size_t& at);

}  // namespace debrief::ingest
