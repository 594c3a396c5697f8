// PostgresStore's API tokens: hashes of the secrets, never the secrets, with when each was made,
// last used, expires and was revoked.
#include "store/postgres/postgres_store.h"

#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

// Every statement reads the columns in this order (ReadApiToken): id, user_id, name, token_hash,
// created_at, last_used_at, expires_at, revoked_at.
constexpr char kInsertToken[] =
    "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id, user_id, name, token_hash, created_at, "
    "last_used_at, expires_at, revoked_at";
constexpr char kFindToken[] =
    "SELECT id, user_id, name, token_hash, created_at, last_used_at, expires_at, revoked_at "
    "FROM api_tokens WHERE token_hash = $1";
constexpr char kGetToken[] =
    "SELECT id, user_id, name, token_hash, created_at, last_used_at, expires_at, revoked_at "
    "FROM api_tokens WHERE id = $1";
constexpr char kListTokens[] =
    "SELECT id, user_id, name, token_hash, created_at, last_used_at, expires_at, revoked_at "
    "FROM api_tokens ORDER BY id";
// A token revoked before keeps the time it was revoked.
constexpr char kRevokeToken[] =
    "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 "
    "RETURNING id, user_id, name, token_hash, created_at, last_used_at, expires_at, revoked_at";
constexpr char kNoteUse[] = "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";

std::optional<core::Timestamp> OptionalTime(const Statement& statement, int column) {
  if (statement.IsNull(column)) return std::nullopt;
  return core::FromEpochMillis(statement.Int64(column));
}

}  // namespace

core::ApiToken PostgresStore::ReadApiToken(const Statement& statement) {
  core::ApiToken token;
  token.id = statement.Int64(0);
  token.user_id = statement.Int64(1);
  token.name = std::string(statement.Text(2));
  token.token_hash = std::string(statement.Text(3));
  token.created_at = core::FromEpochMillis(statement.Int64(4));
  token.last_used_at = OptionalTime(statement, 5);
  token.expires_at = OptionalTime(statement, 6);
  token.revoked_at = OptionalTime(statement, 7);
  return token;
}

Result<core::ApiToken> PostgresStore::CreateApiToken(core::ApiToken token, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kInsertToken));
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

Result<core::ApiToken> PostgresStore::FindApiToken(std::string_view token_hash) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kFindToken));
  statement->Bind(1, token_hash);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::Unauthenticated("unknown API token");
  core::ApiToken token = ReadApiToken(*statement);
  statement->Reset();
  return token;
}

Result<core::ApiToken> PostgresStore::GetApiToken(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kGetToken));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("there is no API token " + std::to_string(id));
  core::ApiToken token = ReadApiToken(*statement);
  statement->Reset();
  return token;
}

Result<std::vector<core::ApiToken>> PostgresStore::ListApiTokens() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kListTokens));
  std::vector<core::ApiToken> tokens;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    tokens.push_back(ReadApiToken(*statement));
  }
  return tokens;
}

Result<core::ApiToken> PostgresStore::RevokeApiToken(int64_t id, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kRevokeToken));
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

Result<void> PostgresStore::NoteApiTokenUse(int64_t id, core::Timestamp at) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kNoteUse));
  statement->Bind(1, core::ToEpochMillis(at));
  statement->Bind(2, id);
  return statement->Run();
}

}  // namespace debrief::store::postgres
