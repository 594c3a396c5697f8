#include "search/snippets.h"

#include <algorithm>

namespace debrief::search {
namespace {

constexpr size_t kWindow = 12;  // Terms per snippet, as the FTS5 snippet() calls had.
constexpr size_t kLead = 2;     // Terms shown before the first match of a window.
constexpr char kEllipsis[] = "…";

bool Holds(const std::vector<uint32_t>& ids, uint32_t term) {
  return std::find(ids.begin(), ids.end(), term) != ids.end();
}

}  // namespace

SnippetMaker::SnippetMaker(const TermDictionary& dictionary, const Tokenizer& tokenizer,
                           const std::vector<QueryTerm>& terms)
    : dictionary_(dictionary), tokenizer_(tokenizer) {
  for (const QueryTerm& term : terms) {
    if (!term.exclude && !term.words.empty()) terms_.push_back(&term);
  }
  initials_ = dictionary.InitialsOf(terms);
}

std::vector<LibrarySnippet> SnippetMaker::Make(const LibraryPostings::Sections& sections,
                                               uint32_t where) {
  std::vector<LibrarySnippet> snippets;
  for (size_t section = 0; section < sections.size(); ++section) {
    if ((where >> section & 1) == 0) continue;
    std::optional<LibrarySnippet> snippet = MakeOne(sections[section]);
    if (!snippet) continue;
    snippet->section = kLibrarySections[section];
    snippets.push_back(std::move(*snippet));
  }
  return snippets;
}

std::optional<LibrarySnippet> SnippetMaker::MakeOne(std::string_view text) {
  tokens_.clear();
  dictionary_.CutKnown(text, tokenizer_, tokens_, lowered_, initials_ ? &*initials_ : nullptr);
  size_t count = tokens_.size();
  // Which search term each marked token belongs to (-1: none); `starts` are where matches begin.
  std::vector<int> marked(count, -1);
  std::vector<size_t> starts;
  for (size_t at = 0; at < count; ++at) {
    for (size_t index = 0; index < terms_.size(); ++index) {
      const std::vector<std::vector<uint32_t>>& words = terms_[index]->words;
      if (at + words.size() > count) continue;
      bool matches = true;
      for (size_t word = 0; word < words.size() && matches; ++word) {
        matches = Holds(words[word], tokens_[at + word].term);
      }
      if (!matches) continue;
      for (size_t word = 0; word < words.size(); ++word) {
        marked[at + word] = static_cast<int>(index);
      }
      starts.push_back(at);
      break;
    }
  }
  if (starts.empty()) return std::nullopt;

  // The window showing the most distinct search terms, then the most matches; earliest on ties.
  size_t best_start = 0;
  size_t best_score = 0;
  std::vector<bool> seen(terms_.size());
  for (size_t start : starts) {
    size_t first = std::min(start - std::min(start, kLead), count > kWindow ? count - kWindow : 0);
    std::fill(seen.begin(), seen.end(), false);
    size_t distinct = 0;
    size_t matches = 0;
    for (size_t at = first; at < std::min(count, first + kWindow); ++at) {
      if (marked[at] < 0) continue;
      ++matches;
      if (!seen[marked[at]]) {
        seen[marked[at]] = true;
        ++distinct;
      }
    }
    size_t score = distinct * 1000 + matches;
    if (score > best_score) {
      best_score = score;
      best_start = first;
    }
  }

  size_t last = std::min(count, best_start + kWindow);  // One past the window's last token.
  size_t begin = best_start == 0 ? 0 : tokens_[best_start].start;
  size_t end = last == count ? text.size() : tokens_[last - 1].end;
  LibrarySnippet snippet;
  std::string plain = best_start == 0 ? "" : kEllipsis;
  size_t at_byte = begin;
  for (size_t at = best_start; at < last; ++at) {
    if (marked[at] < 0) continue;
    // A run of marked tokens is one highlight, with what lies between them.
    size_t run_end = at;
    while (run_end + 1 < last && marked[run_end + 1] >= 0) ++run_end;
    plain.append(text.substr(at_byte, tokens_[at].start - at_byte));
    if (!plain.empty()) snippet.parts.push_back({std::move(plain), false});
    plain.clear();
    snippet.parts.push_back(
        {std::string(text.substr(tokens_[at].start, tokens_[run_end].end - tokens_[at].start)),
         true});
    at_byte = tokens_[run_end].end;
    at = run_end;
  }
  plain.append(text.substr(at_byte, end - at_byte));
  if (last < count) plain += kEllipsis;
  if (!plain.empty()) snippet.parts.push_back({std::move(plain), false});
  return snippet;
}

}  // namespace debrief::search
