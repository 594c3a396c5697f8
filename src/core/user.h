// Users, their sessions and API tokens, and the audit log. Secrets never appear here in clear:
// passwords are argon2id hashes, session and API tokens are stored as hashes of themselves.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/enums.h"
#include "core/schema.h"
#include "core/time.h"

namespace debrief::core {

struct User {
  int64_t id = 0;
  // One more with every change, so an admin's edit made on a stale page is refused (If-Match).
  int64_t version = 1;
  std::string email;  // Stored lower-case; unique.
  std::string name;
  Role role = Role::kMember;
  std::string password_hash;  // argon2id, in libsodium's string form.
  bool disabled = false;
  Timestamp created_at{};

  static constexpr std::string_view kNoun = "user";
  static constexpr auto Fields() {
    return std::tuple{
        ServerSet("id", &User::id),
        ServerSet("version", &User::version),
        Writable("email", &User::email, 1'000),
        Writable("name", &User::name, 1'000),
        Writable("role", &User::role),
        Secret("password_hash", &User::password_hash, 1'000),
        Writable("disabled", &User::disabled),
        ServerSet("created_at", &User::created_at),
    };
  }
};

// Who a user is at an identity provider: the issuer with the subject it gave them, the one pair a
// sign-in through the provider is matched by (an email address can change hands; a subject
// cannot).
struct UserIdentity {
  int64_t user_id = 0;
  std::string issuer;
  std::string subject;
  Timestamp created_at{};
};

// A sign-in through an identity provider between leaving for it and coming back: found by the
// hash of its state (the browser holds the state itself), taken once.
struct PendingSignIn {
  std::string state_hash;
  std::string nonce;
  std::string code_verifier;  // PKCE: sent to the provider's token endpoint only.
  std::string return_to;      // The page of debrief to land on, a path of this server.
  Timestamp created_at{};
};

struct Session {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;  // Echoed by the browser in X-CSRF-Token on every write.
  Timestamp created_at{};
  Timestamp expires_at{};
};

// An API token: a long-lived credential for scripts, stored as a hash. Its owner or an admin can
// revoke it, which ends it at once; it may also expire on its own.
struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::string token_hash;
  Timestamp created_at{};
  std::optional<Timestamp> last_used_at;  // Noted at most every few minutes, not per request.
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> revoked_at;

  bool Expired(Timestamp now) const { return expires_at && *expires_at <= now; }
  bool Usable(Timestamp now) const { return !revoked_at && !Expired(now); }
};

// Who changed what, when: one row per write, with the changed fields as a JSON object
// {"field": {"from": old, "to": new}}.
struct AuditEntry {
  int64_t id = 0;
  Timestamp at{};
  std::optional<int64_t> actor_id;  // Empty for the system (imports, migrations).
  std::string action;               // "create", "update", "delete".
  std::string entity;               // A collection name ("incidents", "action_items").
  int64_t entity_id = 0;
  std::optional<int64_t> incident_id;
  std::string diff_json = "{}";
};

// An address as users are found by it: lower-case ASCII letters, surrounding blanks removed, so
// "Priya@Example.com " and "priya@example.com" are one person.
std::string NormalizeEmail(std::string_view email);

}  // namespace debrief::core
