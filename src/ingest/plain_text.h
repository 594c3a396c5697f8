// Small text helpers the importers share: ASCII case folding for matching names, headings and
// keywords (the words compared are ASCII; other bytes pass through unchanged), and trimming
// ASCII white space.
#pragma once

#include <string>
#include <string_view>

namespace debrief::ingest {

std::string AsciiLower(std::string_view text);
std::string_view TrimSpace(std::string_view text);

}  // namespace debrief::ingest
