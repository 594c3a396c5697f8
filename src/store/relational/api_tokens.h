// SqlStore's API tokens: hashes of the secrets, never the secrets, with when each was made,
// last used, expires and was revoked.
#pragma once

#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

template <class Row>
std::optional<core::Timestamp> ApiTokenTime(const Row& statement, int column) {
  if (statement.IsNull(column)) return std::nullopt;
  return core::FromEpochMillis(statement.Int64(column));
}

}  // namespace detail

template <class Backend>
core::ApiToken SqlStore<Backend>::ReadApiToken(const Statement& statement, int first) {
  core::ApiToken token;
  token.id = statement.Int64(first);
  token.user_id = statement.Int64(first + 1);
  token.name = std::string(statement.Text(first + 2));
  token.token_hash = std::string(statement.Text(first + 3));
  token.created_at = core::FromEpochMillis(statement.Int64(first + 4));
  token.last_used_at = detail::ApiTokenTime(statement, first + 5);
  token.expires_at = detail::ApiTokenTime(statement, first + 6);
  token.revoked_at = detail::ApiTokenTime(statement, first + 7);
  return token;
}

template <class Backend>
Result<core::ApiToken> SqlStore<Backend>::CreateApiToken(core::ApiToken token,
                                                         const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kInsertApiToken));
  statement->Bind(1, token.user_id);
  statement->Bind(2, std::string_view(token.name));
  statement->Bind(3, std::string_view(token.token_hash));
  statement->Bind(4, core::ToEpochMillis(clock_.Now()));
  if (token.expires_at) {
    statement->Bind(5, core::ToEpochMillis(*token.expires_at));
  } else {
    statement->BindNull(5);
  }
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, statement->Step());
  if (!inserted) return core::Error::Internal("token insert returned no row");
  core::ApiToken stored = ReadApiToken(*statement);
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "api_tokens", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

template <class Backend>
Result<TokenOwner> SqlStore<Backend>::FindApiTokenOwner(std::string_view token_hash) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kFindApiTokenOwner));
  statement->Bind(1, token_hash);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::Unauthenticated("unknown API token");
  TokenOwner owner;
  owner.token = ReadApiToken(*statement);
  auto user = ReadUser(*statement, 8);
  statement->Reset();
  if (!user) return user.error();
  owner.user = std::move(*user);
  return owner;
}

template <class Backend>
Result<core::ApiToken> SqlStore<Backend>::GetApiToken(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kGetApiToken));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("there is no API token " + std::to_string(id));
  core::ApiToken token = ReadApiToken(*statement);
  statement->Reset();
  return token;
}

template <class Backend>
Result<std::vector<core::ApiToken>> SqlStore<Backend>::ListApiTokens() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListApiTokens));
  std::vector<core::ApiToken> tokens;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    tokens.push_back(ReadApiToken(*statement));
  }
  return tokens;
}

template <class Backend>
Result<core::ApiToken> SqlStore<Backend>::RevokeApiToken(int64_t id, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRevokeApiToken));
  statement->Bind(1, core::ToEpochMillis(clock_.Now()));
  statement->Bind(2, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("there is no API token " + std::to_string(id));
  core::ApiToken token = ReadApiToken(*statement);
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("revoke", "api_tokens", id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return token;
}

template <class Backend>
Result<void> SqlStore<Backend>::NoteApiTokenUse(int64_t id, core::Timestamp at) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kNoteApiTokenUse));
  statement->Bind(1, core::ToEpochMillis(at));
  statement->Bind(2, id);
  return statement->Run();
}

}  // namespace debrief::store::relational
