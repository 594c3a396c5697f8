// People and how they sign in: users, sessions and API tokens.
#pragma once

#include <string_view>
#include <vector>

#include "core/user.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

// Credentials with the user they belong to (PeopleStore::FindSessionOwner, FindApiTokenOwner).
struct SessionOwner {
  core::Session session;
  core::User user;
};
struct TokenOwner {
  core::ApiToken token;
  core::User user;
};

class PeopleStore {
 public:
  virtual ~PeopleStore() = default;

  // Users, sessions, tokens.
  virtual Result<core::User> CreateUser(core::User user, const Change& change) = 0;
  virtual Result<core::User> GetUser(int64_t id) = 0;
  virtual Result<core::User> FindUserByEmail(std::string_view email) = 0;
  virtual Result<std::vector<core::User>> ListUsers() = 0;
  virtual Result<core::User> UpdateUser(const core::User& user, const Change& change) = 0;
  virtual Result<int64_t> CountUsers() = 0;

  // Identities at OpenID providers (core::UserIdentity). The user `subject` at `issuer` is, or
  // kNotFound when nobody signed in as them yet.
  virtual Result<core::User> FindUserByIdentity(std::string_view issuer,
                                                std::string_view subject) = 0;
  // Creates `user` linked to `identity` (its user_id ignored), both or neither: the first
  // sign-in through a provider. kAlreadyExists names the email or the identity taken.
  virtual Result<core::User> CreateUserWithIdentity(core::User user,
                                                    const core::UserIdentity& identity,
                                                    const Change& change) = 0;
  // Every identity, by user (backups).
  virtual Result<std::vector<core::UserIdentity>> ListUserIdentities() = 0;
  // Links `identity` to its user_id, an existing user: kAlreadyExists when another user holds it.
  virtual Result<void> LinkUserIdentity(const core::UserIdentity& identity) = 0;
  // Keeps a sign-in begun at a provider, and drops those begun before `expired_before`.
  virtual Result<void> SavePendingSignIn(const core::PendingSignIn& pending,
                                         core::Timestamp expired_before) = 0;
  // Takes the sign-in whose state hashes to `state_hash` out (so a second callback with the same
  // state finds nothing): kNotFound when there is none.
  virtual Result<core::PendingSignIn> TakePendingSignIn(std::string_view state_hash) = 0;

  virtual Result<void> CreateSession(const core::Session& session) = 0;
  // The unexpired session with the user it belongs to, in one read: every request of a browser
  // asks.
  virtual Result<SessionOwner> FindSessionOwner(std::string_view token_hash,
                                                core::Timestamp now) = 0;
  virtual Result<void> DeleteSession(std::string_view token_hash) = 0;
  // Ends every session of the user (a new password, a new role, disabled): how many there were.
  virtual Result<int64_t> DeleteSessionsOf(int64_t user_id) = 0;

  // API tokens (core::ApiToken). CreateApiToken keeps the caller's expires_at.
  virtual Result<core::ApiToken> CreateApiToken(core::ApiToken token, const Change& change) = 0;
  // The token with the user it belongs to, in one read: every request of an API client asks.
  // Revoked and expired tokens and disabled owners are found too: the caller tells them apart,
  // to say why a token fails.
  virtual Result<TokenOwner> FindApiTokenOwner(std::string_view token_hash) = 0;
  virtual Result<core::ApiToken> GetApiToken(int64_t id) = 0;
  // Every API token (hashes only), by id.
  virtual Result<std::vector<core::ApiToken>> ListApiTokens() = 0;
  // Revokes a token now (kNotFound when there is none; a token revoked before keeps its time).
  virtual Result<core::ApiToken> RevokeApiToken(int64_t id, const Change& change) = 0;
  // Remembers when a token was last used; not audited.
  virtual Result<void> NoteApiTokenUse(int64_t id, core::Timestamp at) = 0;
};

}  // namespace debrief::store
