// Checker findings as JSON, for POST /api/v1/lint and beside every record written through the
// API. Offsets are in UTF-16 code units (what JavaScript's String indexes count), so a browser
// can underline the phrase without converting.
//
//   {"field": "narrative", "index": 1, "start": 12, "end": 23, "excerpt": "human error",
//    "rule": "human-error", "category": "human-error", "severity": "error",
//    "message": "...", "suggestion": "...", "quoted": false, "replacement": "..."}
//
// "replacement" is present when the rule offers a mechanical edit ("" deletes the phrase).
// "field" and "index" (for a list of texts) appear only for findings about a record's field.
#pragma once

#include <boost/json/array.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/schema.h"
#include "language/checker.h"

namespace debrief::formats::json {

// The byte offset in `text` (valid UTF-8) of an offset in UTF-16 code units, as findings give
// them ("start", "end"); none when it is past the end or inside a surrogate pair.
std::optional<size_t> ByteOffsetOfUtf16(std::string_view text, size_t units);

// Appends the findings in `text` to `out`, naming the field when there is one.
void AppendFindings(const language::Checker& checker, std::string_view text,
                    const language::CheckOptions& options, std::string_view field,
                    std::optional<size_t> index, boost::json::array& out);

// Appends `findings`, as the checker found them in `text` (in text order).
void AppendFindings(std::string_view text, const std::vector<language::Finding>& findings,
                    std::string_view field, std::optional<size_t> index, boost::json::array& out);

// The findings in every prose field of a record (core/schema.h marks them).
template <class T>
boost::json::array ProseFindings(const language::Checker& checker, const T& record,
                                 const language::CheckOptions& options) {
  boost::json::array findings;
  core::ForEachProseText(
      record, [&](std::string_view field, std::optional<size_t> index, const std::string& text) {
        AppendFindings(checker, text, options, field, index, findings);
      });
  return findings;
}

}  // namespace debrief::formats::json
