// TermDictionary: numbers the terms of the library's text. Cutting text into terms is the hot
// part of building the in-memory search index and of making snippets, so each distinct word is
// handed to the FTS5 tokenizer once and its terms are remembered: a run of ASCII letters and
// digits is one term, looked up after lower-casing; a run holding other bytes is cached whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/library.h"
#include "store/sqlite/fts_tokenizer.h"

namespace debrief::store::sqlite {

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
  explicit TermDictionary(const FtsTokenizer& tokenizer) : tokenizer_(tokenizer) {}

  // Appends the tokens of `text` to `tokens`, numbering terms never seen before.
  void Cut(std::string_view text, std::vector<Token>& tokens);

  // What a search term stands for. A word may give several terms ("e‑mail"), which then form a
  // phrase; a prefix applies to the last.
  QueryTerm Compile(const LibraryTerm& term);

  size_t size() const { return terms_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using Index = std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>>;

  uint32_t Number(std::string_view term);
  void CutRun(std::string_view run, uint32_t offset, bool ascii, std::vector<Token>& tokens);
  std::vector<uint32_t> WithPrefix(std::string_view prefix);

  const FtsTokenizer& tokenizer_;
  std::vector<std::string> terms_;  // By id.
  Index ids_;                       // Term -> id.
  Index ascii_words_;               // Lower-cased ASCII word -> its term's id.
  // A run with other bytes -> where its tokens start in run_tokens_ (offsets within the run);
  // the first holds their count.
  Index other_runs_;
  std::vector<Token> run_tokens_;
  std::vector<uint32_t> sorted_;  // Term ids in term order, for prefixes; rebuilt when stale.
  std::string lowered_;           // Scratch for Cut.
};

}  // namespace debrief::store::sqlite
