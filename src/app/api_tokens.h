// API tokens as people manage them: issue one (the secret is shown once), list them, revoke one,
// and check a token a request presents. The edges (HTTP, CLI) call these; who may manage which
// token is decided by core::AuthorizeTokenManagement.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/authorization.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/user.h"
#include "store/store.h"

namespace debrief::app {

inline constexpr size_t kMaxTokenNameLength = 100;
inline constexpr int kMaxTokenDays = 3650;
// A used token's last use is noted again only after this long: a script calling every second
// must not turn every read into a write.
inline constexpr core::Duration kTokenUseResolution = std::chrono::minutes(5);

struct TokenRequest {
  std::string name;
  // Days until the token stops working; none: until it is revoked.
  std::optional<int> expires_in_days;
};

struct IssuedToken {
  core::ApiToken token;
  std::string secret;  // "dbr_…": shown to the person once, stored only as its hash.
};

// A new token acting as `user_id`, made by `actor_id` (none: the command line).
core::Result<IssuedToken> IssueApiToken(store::Store& store, const core::Clock& clock,
                                        int64_t user_id, std::optional<int64_t> actor_id,
                                        const TokenRequest& request);

// The tokens of `user_id`, or of everyone (admins only), oldest first, revoked ones included.
core::Result<std::vector<core::ApiToken>> ListApiTokens(store::Store& store,
                                                        const core::Principal& caller,
                                                        std::optional<int64_t> user_id);

// Revokes a token the caller may manage: it stops working at once.
core::Result<core::ApiToken> RevokeApiToken(store::Store& store, const core::Principal& caller,
                                            int64_t token_id);

// The usable token whose secret hashes to `token_hash`, with its owner (read in one go: every
// API request asks): unknown, revoked and expired tokens are kUnauthenticated, saying which.
// Notes the token's use (at most every kTokenUseResolution).
core::Result<store::TokenOwner> CheckApiToken(store::Store& store, const core::Clock& clock,
                                              std::string_view token_hash);

// "active", "expired" or "revoked", for lists.
std::string_view TokenState(const core::ApiToken& token, core::Timestamp now);

}  // namespace debrief::app
