// Tokenizer: what cuts the library's text into terms for the search engine. The engine holds its
// own posting lists and makes its own snippets, but the terms must be exactly those of the
// database's full-text index (which matches phrases): the SQLite adapter lends FTS5's tokenizer
// (store/sqlite/fts_tokenizer.h); another back end lends its own, or one that cuts the same way.
#pragma once

#include <functional>
#include <string_view>

namespace debrief::search {

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  enum class Purpose { kDocument, kQuery, kPrefixQuery };
  // Called with each term of a text, in order, and the bytes of the text it came from.
  using OnToken = std::function<void(std::string_view term, size_t start, size_t end)>;
  // Const and safe to call from one thread at a time per instance: each searching thread brings
  // its own.
  virtual void Tokenize(std::string_view text, Purpose purpose, const OnToken& on_token) const = 0;
};

}  // namespace debrief::search
