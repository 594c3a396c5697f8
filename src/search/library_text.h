// The values the search engine and the store's library share: the sections of a review's text,
// a term to look for, and the parts of a snippet.
#pragma once

#include <string>
#include <vector>

namespace debrief::search {

// The sections of a review's searchable text, in the order they are ranked and shown.
inline constexpr const char* kLibrarySections[] = {"title",     "summary", "accounts", "timeline",
                                                   "decisions", "factors", "lessons",  "actions"};

// One thing to look for: a word, or several words in a row (a phrase). A prefix term also
// matches longer words ("deplo" finds "deploys"); an excluded term removes what it matches.
struct LibraryTerm {
  std::vector<std::string> words;
  bool prefix = false;
  bool exclude = false;
};

// Part of a snippet: text, and whether it is what matched.
struct SnippetPart {
  std::string text;
  bool match = false;
};

struct LibrarySnippet {
  std::string section;  // One of kLibrarySections.
  std::vector<SnippetPart> parts;
};

}  // namespace debrief::search
