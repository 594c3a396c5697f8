// TermDictionary: numbers the terms of the library's text. Cutting text into terms is the hot
// part of building the in-memory search index and of making snippets, so each distinct word is
// handed to the FTS5 tokenizer once and its terms are remembered: a run of ASCII letters and
// digits is one term, looked up after lower-casing; a run holding other bytes is cached whole.
//
// Building (Cut, Settle) needs the dictionary to itself. Reading (CutKnown, Compile) is const and
// may run on several threads at once while nothing builds: each reader brings its own tokenizer,
// since FTS5's keeps buffers per instance.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/library_text.h"
#include "search/tokenizer.h"

namespace debrief::search {

// One term of a text, and the bytes it came from.
struct Token {
  uint32_t term = 0;
  uint32_t start = 0;
  uint32_t end = 0;
};

// A search term in term ids: per word, the terms it stands for (several for a prefix, none for a
// word the library never used).
struct QueryTerm {
  std::vector<std::vector<uint32_t>> words;
  bool exclude = false;
  bool phrase() const { return words.size() > 1; }
};

class TermDictionary {
 public:
  // The term of a word the dictionary never numbered (CutKnown).
  static constexpr uint32_t kUnknown = UINT32_MAX;

  // `tokenizer` is the builder's, used by Cut.
  explicit TermDictionary(const Tokenizer& tokenizer) : tokenizer_(tokenizer) {}

  // Appends the tokens of `text` to `tokens`, numbering terms never seen before.
  void Cut(std::string_view text, std::vector<Token>& tokens);
  // Makes the terms numbered since the last call findable by prefix. Call after building.
  void Settle();

  // First bytes of terms. Every ASCII word's term has so far begun with the word's own first
  // letter (the stemmer only changes endings), which lets CutKnown pass over a word that cannot
  // be one of a few terms without looking it up.
  using Initials = std::bitset<256>;

  // As Cut, without numbering anything: a term never seen is kUnknown. `lowered` is scratch.
  // With `only`, an ASCII word whose term cannot begin with one of those bytes is kUnknown too.
  void CutKnown(std::string_view text, const Tokenizer& tokenizer, std::vector<Token>& tokens,
                std::string& lowered, const Initials* only = nullptr) const;
  // The first bytes of the terms a query's included words stand for, for CutKnown; none when
  // some ASCII word's term did not keep the word's first letter.
  std::optional<Initials> InitialsOf(const std::vector<QueryTerm>& terms) const;
  // What a search term stands for. A word may give several terms ("e‑mail"), which then form a
  // phrase; a prefix applies to the last.
  QueryTerm Compile(const LibraryTerm& term, const Tokenizer& tokenizer) const;

  size_t size() const { return terms_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using Index = std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>>;

  uint32_t Number(std::string_view term);
  uint32_t Known(std::string_view term) const;
  void CutRun(std::string_view run, uint32_t offset, bool ascii, std::vector<Token>& tokens);
  void CutKnownRun(std::string_view run, uint32_t offset, bool ascii, const Tokenizer& tokenizer,
                   std::vector<Token>& tokens, std::string& lowered, const Initials* only) const;
  std::vector<uint32_t> WithPrefix(std::string_view prefix) const;

  const Tokenizer& tokenizer_;
  std::vector<std::string> terms_;   // By id.
  Index ids_;                        // Term -> id.
  Index ascii_words_;                // Lower-cased ASCII word -> its term's id.
  bool ascii_keeps_initial_ = true;  // See Initials.
  // A run with other bytes -> where its tokens start in run_tokens_ (offsets within the run);
  // the first holds their count.
  Index other_runs_;
  std::vector<Token> run_tokens_;
  std::vector<uint32_t> sorted_;  // Term ids in term order, for prefixes; see Settle().
  std::string lowered_;           // Scratch for Cut.
};

}  // namespace debrief::search
