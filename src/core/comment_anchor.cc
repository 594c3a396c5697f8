#include "core/comment_anchor.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace debrief::core {
namespace {

constexpr std::array<std::string_view, 10> kSections = {
    "summary", "impact",       "accounts", "timeline", "decisions",
    "factors", "work_as_done", "actions",  "lessons",  "general",
};
constexpr std::array<std::string_view, 8> kRecordKinds = {
    "event", "entry", "decision", "factor", "work_as_done", "action", "lesson", "account",
};

template <size_t N>
std::string Listed(const std::array<std::string_view, N>& names) {
  std::string text;
  for (std::string_view name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

template <size_t N>
bool Contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Result<CommentAnchor> ParseCommentAnchor(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return Error::InvalidArgument(
        "anchor must be section:NAME or KIND:ID, for example section:factors or event:12",
        "anchor");
  }
  std::string_view kind = text.substr(0, colon);
  std::string_view rest = text.substr(colon + 1);
  CommentAnchor anchor;
  anchor.kind = std::string(kind);
  if (kind == "section") {
    if (!Contains(kSections, rest)) {
      return Error::InvalidArgument("the section of an anchor must be one of: " + Listed(kSections),
                                    "anchor");
    }
    anchor.section = std::string(rest);
    return anchor;
  }
  if (!Contains(kRecordKinds, kind)) {
    return Error::InvalidArgument(
        "an anchor is section:NAME or names a record: " + Listed(kRecordKinds), "anchor");
  }
  auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), anchor.record_id);
  if (error != std::errc() || end != rest.data() + rest.size() || anchor.record_id <= 0) {
    return Error::InvalidArgument("the id of an anchor must be a positive number", "anchor");
  }
  return anchor;
}

}  // namespace debrief::core
