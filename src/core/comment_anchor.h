// What a review comment is about: a section of the review ("section:factors") or one record in it
// ("event:12"). The text form is what the API and the database carry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace debrief::core {

struct CommentAnchor {
  // "section", or the kind of record: event, entry, decision, factor, work_as_done, action,
  // lesson, account.
  std::string kind;
  std::string section;  // For kind "section": summary, impact, accounts, timeline, ...
  int64_t record_id = 0;

  bool is_section() const { return kind == "section"; }
};

// Parses "section:NAME" or "KIND:ID"; an InvalidArgument naming the field "anchor" otherwise.
Result<CommentAnchor> ParseCommentAnchor(std::string_view text);

}  // namespace debrief::core
