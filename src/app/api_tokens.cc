#include "app/api_tokens.h"

#include "security/token.h"

namespace debrief::app {

core::Result<IssuedToken> IssueApiToken(store::Store& store, const core::Clock& clock,
                                        int64_t user_id, std::optional<int64_t> actor_id,
                                        const TokenRequest& request) {
  std::vector<core::FieldViolation> violations;
  if (request.name.empty() || request.name.size() > kMaxTokenNameLength) {
    violations.push_back({"name", "name must be 1 to " + std::to_string(kMaxTokenNameLength) +
                                      " characters: what the token is for"});
  }
  if (request.expires_in_days &&
      (*request.expires_in_days < 1 || *request.expires_in_days > kMaxTokenDays)) {
    violations.push_back({"expires_in_days", "expires_in_days must be between 1 and " +
                                                 std::to_string(kMaxTokenDays)});
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(user_id));
  if (user.disabled) {
    return core::Error::FailedPrecondition(user.email + " is disabled and cannot have tokens");
  }
  IssuedToken issued;
  issued.secret = security::NewToken("dbr_");
  issued.token.user_id = user.id;
  issued.token.name = request.name;
  issued.token.token_hash = security::HashToken(issued.secret);
  if (request.expires_in_days) {
    issued.token.expires_at = clock.Now() + std::chrono::days(*request.expires_in_days);
  }
  // Who the token acts as; its name is the person's own words and stays out of the log.
  std::string audit = "{\"user_id\":{\"from\":null,\"to\":" + std::to_string(user.id) + "}}";
  DEBRIEF_ASSIGN_OR_RETURN(issued.token,
                           store.CreateApiToken(issued.token, {actor_id, std::move(audit)}));
  return issued;
}

core::Result<std::vector<core::ApiToken>> ListApiTokens(store::Store& store,
                                                        const core::Principal& caller,
                                                        std::optional<int64_t> user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(user_id, core::AuthorizeTokenListing(caller, user_id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ApiToken> tokens, store.ListApiTokens());
  if (user_id) {
    std::erase_if(tokens, [&](const core::ApiToken& token) { return token.user_id != *user_id; });
  }
  return tokens;
}

core::Result<core::ApiToken> RevokeApiToken(store::Store& store, const core::Principal& caller,
                                            int64_t token_id) {
  DEBRIEF_ASSIGN_OR_RETURN(core::ApiToken token, store.GetApiToken(token_id));
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeTokenManagement(caller, token));
  return store.RevokeApiToken(token_id, {caller.user_id, "{}"});
}

core::Result<store::TokenOwner> CheckApiToken(store::Store& store, const core::Clock& clock,
                                              std::string_view token_hash) {
  auto owner = store.FindApiTokenOwner(token_hash);
  if (!owner) {
    if (owner.error().code() == core::ErrorCode::kUnauthenticated) {
      return core::Error::Unauthenticated("the API token is not valid");
    }
    return owner.error();
  }
  core::ApiToken* token = &owner->token;
  core::Timestamp now = clock.Now();
  if (token->revoked_at) {
    return core::Error::Unauthenticated("this API token was revoked on " +
                                        core::FormatRfc3339(*token->revoked_at));
  }
  if (token->Expired(now)) {
    return core::Error::Unauthenticated("this API token expired on " +
                                        core::FormatRfc3339(*token->expires_at));
  }
  if (!token->last_used_at || now - *token->last_used_at >= kTokenUseResolution) {
    // Losing this note costs nothing that matters; the request goes on either way.
    (void)store.NoteApiTokenUse(token->id, now);
    token->last_used_at = now;
  }
  return std::move(*owner);
}

std::string_view TokenState(const core::ApiToken& token, core::Timestamp now) {
  if (token.revoked_at) return "revoked";
  if (token.Expired(now)) return "expired";
  return "active";
}

}  // namespace debrief::app
