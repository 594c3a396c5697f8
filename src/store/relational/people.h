// SqlStore's users and sessions (API tokens are in api_tokens.h).
#pragma once

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {

template <class Backend>
Result<core::User> SqlStore<Backend>::ReadUser(Statement& statement, int first) {
  core::User user;
  user.id = statement.Int64(first);
  user.email = std::string(statement.Text(first + 1));
  user.name = std::string(statement.Text(first + 2));
  auto role = core::ParseEnum<core::Role>(statement.Text(first + 3));
  if (!role) return core::Error::Internal("user " + std::to_string(user.id) + " has no valid role");
  user.role = *role;
  user.password_hash = std::string(statement.Text(first + 4));
  user.disabled = statement.Int64(first + 5) != 0;
  user.created_at = core::FromEpochMillis(statement.Int64(first + 6));
  user.version = statement.Int64(first + 7);
  return user;
}

template <class Backend>
Result<core::User> SqlStore<Backend>::CreateUser(core::User user, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kInsertUser));
  user.created_at = clock_.Now();
  user.version = 1;
  statement->Bind(1, std::string_view(user.email));
  statement->Bind(2, std::string_view(user.name));
  statement->Bind(3, core::ToString(user.role));
  statement->Bind(4, std::string_view(user.password_hash));
  statement->Bind(5, static_cast<int64_t>(user.disabled));
  statement->Bind(6, core::ToEpochMillis(user.created_at));
  auto stepped = statement->Step();
  if (!stepped) {
    if (stepped.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists("a user with email " + user.email + " already exists",
                                        "email");
    }
    return stepped.error();
  }
  user.id = statement->Int64(0);
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "users", user.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return user;
}

template <class Backend>
Result<core::User> SqlStore<Backend>::GetUser(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kGetUser));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no user " + std::to_string(id));
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, ReadUser(*statement));
  statement->Reset();
  return user;
}

template <class Backend>
Result<core::User> SqlStore<Backend>::FindUserByEmail(std::string_view email) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kFindUserByEmail));
  statement->Bind(1, email);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no user with that email");
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, ReadUser(*statement));
  statement->Reset();
  return user;
}

template <class Backend>
Result<core::User> SqlStore<Backend>::FindUserByIdentity(std::string_view issuer,
                                                         std::string_view subject) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kFindUserByIdentity));
  statement->Bind(1, issuer);
  statement->Bind(2, subject);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("nobody has signed in with that identity yet");
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, ReadUser(*statement));
  statement->Reset();
  return user;
}

template <class Backend>
Result<void> SqlStore<Backend>::InsertUserIdentity(const core::UserIdentity& identity) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kInsertUserIdentity));
  statement->Bind(1, std::string_view(identity.issuer));
  statement->Bind(2, std::string_view(identity.subject));
  statement->Bind(3, identity.user_id);
  statement->Bind(4, core::ToEpochMillis(identity.created_at));
  auto ran = statement->Run();
  if (!ran && ran.error().code() == core::ErrorCode::kAlreadyExists) {
    return core::Error::AlreadyExists("that identity belongs to another user already", "subject");
  }
  return ran;
}

template <class Backend>
Result<core::User> SqlStore<Backend>::CreateUserWithIdentity(core::User user,
                                                             const core::UserIdentity& identity,
                                                             const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(core::User created, CreateUser(std::move(user), change));
  core::UserIdentity linked = identity;
  linked.user_id = created.id;
  linked.created_at = created.created_at;
  DEBRIEF_RETURN_IF_ERROR(InsertUserIdentity(linked));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return created;
}

template <class Backend>
Result<void> SqlStore<Backend>::LinkUserIdentity(const core::UserIdentity& identity) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_RETURN_IF_ERROR(InsertUserIdentity(identity));
  return scope.Commit();
}

template <class Backend>
Result<std::vector<core::UserIdentity>> SqlStore<Backend>::ListUserIdentities() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListUserIdentities));
  std::vector<core::UserIdentity> identities;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    core::UserIdentity identity;
    identity.user_id = statement->Int64(0);
    identity.issuer = std::string(statement->Text(1));
    identity.subject = std::string(statement->Text(2));
    identity.created_at = core::FromEpochMillis(statement->Int64(3));
    identities.push_back(std::move(identity));
  }
  return identities;
}

template <class Backend>
Result<void> SqlStore<Backend>::SavePendingSignIn(const core::PendingSignIn& pending,
                                                  core::Timestamp expired_before) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * drop, connection_->Prepare(Sql::kDropPendingSignInsBefore));
  drop->Bind(1, core::ToEpochMillis(expired_before));
  DEBRIEF_RETURN_IF_ERROR(drop->Run());
  DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(Sql::kInsertPendingSignIn));
  insert->Bind(1, std::string_view(pending.state_hash));
  insert->Bind(2, std::string_view(pending.nonce));
  insert->Bind(3, std::string_view(pending.code_verifier));
  insert->Bind(4, std::string_view(pending.return_to));
  insert->Bind(5, core::ToEpochMillis(pending.created_at));
  DEBRIEF_RETURN_IF_ERROR(insert->Run());
  return scope.Commit();
}

template <class Backend>
Result<core::PendingSignIn> SqlStore<Backend>::TakePendingSignIn(std::string_view state_hash) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * take, connection_->Prepare(Sql::kTakePendingSignIn));
  take->Bind(1, state_hash);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, take->Step());
  if (!found) return core::Error::NotFound("no sign-in was begun with that state");
  core::PendingSignIn pending;
  pending.state_hash = std::string(state_hash);
  pending.nonce = std::string(take->Text(0));
  pending.code_verifier = std::string(take->Text(1));
  pending.return_to = std::string(take->Text(2));
  pending.created_at = core::FromEpochMillis(take->Int64(3));
  take->Reset();
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return pending;
}

template <class Backend>
Result<std::vector<core::User>> SqlStore<Backend>::ListUsers() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListUsers));
  std::vector<core::User> users;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    DEBRIEF_ASSIGN_OR_RETURN(core::User user, ReadUser(*statement));
    users.push_back(std::move(user));
  }
  return users;
}

template <class Backend>
Result<core::User> SqlStore<Backend>::UpdateUser(const core::User& user, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kUpdateUser));
  statement->Bind(1, std::string_view(user.name));
  statement->Bind(2, core::ToString(user.role));
  statement->Bind(3, std::string_view(user.password_hash));
  statement->Bind(4, static_cast<int64_t>(user.disabled));
  statement->Bind(5, user.id);
  statement->Bind(6, user.version);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    DEBRIEF_ASSIGN_OR_RETURN(core::User current, GetUser(user.id));
    return core::Error::FailedPrecondition(
        "user " + std::to_string(user.id) + " is at version " + std::to_string(current.version) +
        ", not " + std::to_string(user.version) + ": someone changed them since you read it");
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "users", user.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return GetUser(user.id);
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::CountUsers() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kCountUsers));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  int64_t count = has_row ? statement->Int64(0) : 0;
  statement->Reset();
  return count;
}

template <class Backend>
Result<void> SqlStore<Backend>::CreateSession(const core::Session& session) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * expired, connection_->Prepare(Sql::kDeleteExpiredSessions));
  expired->Bind(1, core::ToEpochMillis(session.created_at));
  DEBRIEF_RETURN_IF_ERROR(expired->Run());
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kInsertSession));
  statement->Bind(1, std::string_view(session.token_hash));
  statement->Bind(2, session.user_id);
  statement->Bind(3, std::string_view(session.csrf_token));
  statement->Bind(4, core::ToEpochMillis(session.created_at));
  statement->Bind(5, core::ToEpochMillis(session.expires_at));
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  return scope.Commit();
}

template <class Backend>
Result<SessionOwner> SqlStore<Backend>::FindSessionOwner(std::string_view token_hash,
                                                         core::Timestamp now) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kFindSessionOwner));
  statement->Bind(1, token_hash);
  statement->Bind(2, core::ToEpochMillis(now));
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::Unauthenticated("the session has ended; sign in again");
  SessionOwner owner;
  owner.session.token_hash = std::string(statement->Text(0));
  owner.session.user_id = statement->Int64(1);
  owner.session.csrf_token = std::string(statement->Text(2));
  owner.session.created_at = core::FromEpochMillis(statement->Int64(3));
  owner.session.expires_at = core::FromEpochMillis(statement->Int64(4));
  auto user = ReadUser(*statement, 5);
  statement->Reset();
  if (!user) return user.error();
  owner.user = std::move(*user);
  return owner;
}

template <class Backend>
Result<void> SqlStore<Backend>::DeleteSession(std::string_view token_hash) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kDeleteSession));
  statement->Bind(1, token_hash);
  return statement->Run();
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::DeleteSessionsOf(int64_t user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kDeleteSessionsOf));
  statement->Bind(1, user_id);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  return statement->Changes();
}

}  // namespace debrief::store::relational
