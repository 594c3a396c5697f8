#include "store/sqlite/fts_tokenizer.h"

#include <sqlite3.h>

#include <utility>

namespace debrief::store::sqlite {
namespace {

// The fts5_api of a connection, as SQLite's documentation asks for it: a pointer bound to
// "SELECT fts5(?1)".
fts5_api* ApiOf(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
  }
  sqlite3_finalize(statement);
  return api;
}

int PassToken(void* context, int /*flags*/, const char* token, int size, int start, int end) {
  const auto& on_token = *static_cast<const FtsTokenizer::OnToken*>(context);
  on_token(std::string_view(token, static_cast<size_t>(size)), static_cast<size_t>(start),
           static_cast<size_t>(end));
  return SQLITE_OK;
}

}  // namespace

struct FtsTokenizer::Handle {
  fts5_tokenizer methods{};
  Fts5Tokenizer* tokenizer = nullptr;
  ~Handle() {
    if (tokenizer != nullptr) methods.xDelete(tokenizer);
  }
};

FtsTokenizer::FtsTokenizer(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
FtsTokenizer::~FtsTokenizer() = default;

Result<std::unique_ptr<FtsTokenizer>> FtsTokenizer::Open(Connection& connection) {
  fts5_api* api = ApiOf(connection.handle());
  if (api == nullptr) return core::Error::Internal("this SQLite has no FTS5");
  auto handle = std::make_unique<Handle>();
  void* user_data = nullptr;
  if (api->xFindTokenizer(api, "porter", &user_data, &handle->methods) != SQLITE_OK) {
    return core::Error::Internal("FTS5 has no porter tokenizer");
  }
  // The same arguments as the tables' tokenize option; porter passes the rest to unicode61.
  const char* arguments[] = {"unicode61", "remove_diacritics", "2"};
  if (handle->methods.xCreate(user_data, arguments, 3, &handle->tokenizer) != SQLITE_OK) {
    return core::Error::Internal("the FTS5 tokenizer cannot be created");
  }
  return std::unique_ptr<FtsTokenizer>(new FtsTokenizer(std::move(handle)));
}

void FtsTokenizer::Tokenize(std::string_view text, Purpose purpose, const OnToken& on_token) const {
  int flags = purpose == Purpose::kDocument ? FTS5_TOKENIZE_DOCUMENT
              : purpose == Purpose::kQuery  ? FTS5_TOKENIZE_QUERY
                                            : FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX;
  auto* context = const_cast<void*>(static_cast<const void*>(&on_token));
  handle_->methods.xTokenize(handle_->tokenizer, context, flags, text.data(),
                             static_cast<int>(text.size()), PassToken);
}

}  // namespace debrief::store::sqlite
