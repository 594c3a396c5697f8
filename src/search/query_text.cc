#include "search/query_text.h"

#include <algorithm>
#include <string>

namespace debrief::search {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Letters and digits of any script (bytes of multi-byte UTF-8 sequences count as letters).
bool IsWordByte(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
         (byte >= 'A' && byte <= 'Z');
}

// The words of a piece of text, split where the index splits them.
std::vector<std::string> WordsOf(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (IsWordByte(c)) {
      current += c;
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// Words too common in incident titles and summaries to tell one incident from another.
constexpr std::string_view kCommonWords[] = {
    "about",    "after",  "all",   "and",    "are",     "before",  "but",   "during", "for",
    "from",     "has",    "had",   "have",   "its",     "into",    "not",   "off",    "our",
    "out",      "over",   "some",  "than",   "that",    "the",     "their", "then",   "there",
    "this",     "those",  "under", "was",    "were",    "when",    "which", "while",  "with",
    "incident", "outage", "issue", "issues", "problem", "problems"};

}  // namespace

std::vector<std::string> DistinctiveWords(std::string_view text, size_t limit) {
  std::vector<std::string> distinct;
  for (std::string word : WordsOf(text)) {
    std::transform(word.begin(), word.end(), word.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (word.size() < 3 || std::find(std::begin(kCommonWords), std::end(kCommonWords), word) !=
                               std::end(kCommonWords)) {
      continue;
    }
    if (std::find(distinct.begin(), distinct.end(), word) != distinct.end()) continue;
    distinct.push_back(std::move(word));
    if (distinct.size() == limit) break;
  }
  return distinct;
}

core::Result<std::vector<LibraryTerm>> ParseSearchTerms(std::string_view text,
                                                        std::string_view field) {
  if (text.size() > kMaxSearchLength) {
    return core::Error::InvalidArgument(std::string(field) + " is too long (at most " +
                                            std::to_string(kMaxSearchLength) + " bytes)",
                                        std::string(field));
  }
  std::vector<LibraryTerm> terms;
  bool includes = false;
  size_t at = 0;
  while (at < text.size()) {
    if (IsSpace(text[at])) {
      ++at;
      continue;
    }
    LibraryTerm term;
    if (text[at] == '-' && at + 1 < text.size() && !IsSpace(text[at + 1])) {
      term.exclude = true;
      ++at;
    }
    std::string_view piece;
    if (text[at] == '"') {
      size_t close = text.find('"', at + 1);
      size_t end = close == std::string_view::npos ? text.size() : close;
      piece = text.substr(at + 1, end - at - 1);
      at = close == std::string_view::npos ? text.size() : close + 1;
    } else {
      size_t end = at;
      while (end < text.size() && !IsSpace(text[end])) ++end;
      piece = text.substr(at, end - at);
      at = end;
      if (piece.size() > 1 && piece.back() == '*') {
        term.prefix = true;
        piece.remove_suffix(1);
      }
    }
    term.words = WordsOf(piece);
    // A prefix applies to the last word of "deploy-pipe*".
    if (term.words.empty()) continue;
    includes = includes || !term.exclude;
    terms.push_back(std::move(term));
  }
  if (terms.size() > kMaxSearchTerms) {
    return core::Error::InvalidArgument(std::string(field) + " has too many terms (at most " +
                                            std::to_string(kMaxSearchTerms) + ")",
                                        std::string(field));
  }
  if (!terms.empty() && !includes) {
    return core::Error::InvalidArgument(
        std::string(field) + " only leaves things out; add a word to look for", std::string(field));
  }
  return terms;
}

}  // namespace debrief::search
