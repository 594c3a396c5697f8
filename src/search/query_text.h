// What people type in a search box, as library terms (LibraryTerm):
//   dns timeout        both words, anywhere in the review
//   "connection pool"  the words next to each other
//   -staging           leaves out reviews that mention it (also -"a phrase")
//   deploy*            any word that starts with it
// Nothing typed is passed on as query syntax: punctuation inside a word splits it the way the
// index splits text ("db-01" looks for "db" followed by "01").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "search/library_text.h"

namespace debrief::search {

inline constexpr size_t kMaxSearchLength = 500;
inline constexpr size_t kMaxSearchTerms = 16;

// 400 naming `field` when the text is too long, has too many terms, or only excludes.
core::Result<std::vector<LibraryTerm>> ParseSearchTerms(std::string_view text,
                                                        std::string_view field = "q");

// Up to `limit` distinct words of a text that say what it is about: lower-cased, three letters
// or more, common English words left out. For "related incidents".
std::vector<std::string> DistinctiveWords(std::string_view text, size_t limit);

}  // namespace debrief::search
