// Inline switches in Markdown, for text the checker should leave alone (a quoted chat log, a
// glossary of the phrases the checker looks for):
//
//   <!-- debrief-disable -->                 every rule off from here
//   <!-- debrief-disable judgmental-just --> named rules off from here (ids separated by spaces
//                                            or commas)
//   <!-- debrief-enable -->                  every rule back on (or only the named ones)
//   <!-- debrief-disable-next-line [ids] --> off for the following line only
//
// The switches are HTML comments, so they never show in rendered Markdown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "language/checker.h"

namespace debrief::language {

struct Directive {
  enum class Kind { kDisable, kEnable, kDisableNextLine };
  Kind kind = Kind::kDisable;
  size_t begin = 0;  // The comment's byte range in the text.
  size_t end = 0;
  std::vector<std::string> rules;  // Empty: every rule.
};

// Every debrief directive in the text's HTML comments, in order. Other comments are ignored.
std::vector<Directive> FindDirectives(std::string_view text);

// Drops the findings the directives switch off. `findings` is in text order.
void ApplyDirectives(const std::vector<Directive>& directives, std::string_view text,
                     std::vector<Finding>& findings);

}  // namespace debrief::language
