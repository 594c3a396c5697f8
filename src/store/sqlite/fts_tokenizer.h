// FtsTokenizer: the search engine's tokenizer (search/tokenizer.h) on SQLite: the tokenizer of the
// library's FTS5 tables ("porter unicode61 remove_diacritics 2"), borrowed from SQLite through
// the fts5_api, so the in-memory search index cuts text into exactly the terms FTS5 would: case
// folded, diacritics removed, Porter-stemmed.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "core/result.h"
#include "search/tokenizer.h"
#include "store/sqlite/connection.h"

namespace debrief::store::sqlite {

class FtsTokenizer final : public search::Tokenizer {
 public:
  // The tokenizer belongs to the connection's FTS5 module: it must not outlive `connection`.
  static Result<std::unique_ptr<FtsTokenizer>> Open(Connection& connection);
  ~FtsTokenizer();
  FtsTokenizer(const FtsTokenizer&) = delete;
  FtsTokenizer& operator=(const FtsTokenizer&) = delete;

  void Tokenize(std::string_view text, Purpose purpose, const OnToken& on_token) const override;

 private:
  struct Handle;
  explicit FtsTokenizer(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

}  // namespace debrief::store::sqlite
