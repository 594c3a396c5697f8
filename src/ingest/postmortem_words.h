// What the words of a postmortem say, read the same way in every file: which part of the review a
// heading starts (GuessFactorCategory and GuessEventKind, for factors and timeline rows, are
// declared in markdown_postmortem.h beside the reader that uses them).
#pragma once

#include <initializer_list>
#include <string_view>

#include "ingest/markdown_postmortem.h"

namespace debrief::ingest {

// Whether `text` holds any of `words` (lower-case text, lower-case words).
bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> words);

// What a heading names ("Timeline", "Root cause analysis", "Action items", ...); a heading that
// names none of them is narrative.
PostmortemPart PartOfHeading(std::string_view heading);

}  // namespace debrief::ingest
