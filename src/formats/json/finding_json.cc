#include "formats/json/finding_json.h"

#include <boost/json.hpp>

namespace debrief::formats::json {
namespace {

// Counts UTF-16 code units from `from` to `to` (bytes of valid UTF-8): four-byte sequences are
// surrogate pairs, every other sequence one unit.
size_t Utf16Units(std::string_view text, size_t from, size_t to) {
  size_t units = 0;
  for (size_t index = from; index < to && index < text.size(); ++index) {
    auto byte = static_cast<unsigned char>(text[index]);
    if ((byte & 0xC0) == 0x80) continue;
    units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace

std::optional<size_t> ByteOffsetOfUtf16(std::string_view text, size_t units) {
  size_t counted = 0;
  size_t index = 0;
  while (counted < units && index < text.size()) {
    auto byte = static_cast<unsigned char>(text[index]);
    counted += byte >= 0xF0 ? 2 : 1;
    ++index;
    while (index < text.size() && (static_cast<unsigned char>(text[index]) & 0xC0) == 0x80) {
      ++index;
    }
  }
  if (counted != units) return std::nullopt;  // Past the end, or inside a surrogate pair.
  return index;
}

void AppendFindings(const language::Checker& checker, std::string_view text,
                    const language::CheckOptions& options, std::string_view field,
                    std::optional<size_t> index, boost::json::array& out) {
  if (text.empty()) return;
  AppendFindings(text, checker.Check(text, options), field, index, out);
}

void AppendFindings(std::string_view text, const std::vector<language::Finding>& findings,
                    std::string_view field, std::optional<size_t> index, boost::json::array& out) {
  size_t byte_position = 0;
  size_t unit_position = 0;
  for (const language::Finding& finding : findings) {
    // Findings come in text order, so offsets are counted in one pass.
    unit_position += Utf16Units(text, byte_position, finding.begin);
    size_t end = unit_position + Utf16Units(text, finding.begin, finding.end);
    byte_position = finding.begin;
    const language::Rule& rule = *finding.rule;
    boost::json::object object;
    if (!field.empty()) object.emplace("field", field);
    if (index) object.emplace("index", *index);
    object.emplace("start", unit_position);
    object.emplace("end", end);
    object.emplace("excerpt", text.substr(finding.begin, finding.end - finding.begin));
    object.emplace("rule", rule.id);
    object.emplace("category", rule.category);
    object.emplace("severity", language::ToString(rule.severity));
    object.emplace("message", rule.message);
    object.emplace("suggestion", rule.suggestion);
    object.emplace("quoted", finding.quoted);
    if (auto replacement = language::Checker::Replacement(finding, text)) {
      object.emplace("replacement", *replacement);
    }
    out.push_back(std::move(object));
  }
}

}  // namespace debrief::formats::json
