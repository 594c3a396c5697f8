// Authenticator: turns a request's credentials into a Principal, signs people in and out, checks
// CSRF tokens for cookie sessions, and slows down password guessing.
//
// Browsers use a session cookie (HttpOnly, SameSite=Strict) plus an X-CSRF-Token header on every
// write; API clients send "Authorization: Bearer <token>" and need no CSRF token, since a browser
// never attaches one on its own. Secrets are looked up by their hash and never logged.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/auth/identity_sign_in.h"
#include "core/alert_hook.h"
#include "core/authorization.h"
#include "core/clock.h"
#include "core/user.h"
#include "http/api.h"
#include "store/store.h"

namespace debrief::http {

inline constexpr std::string_view kSessionCookie = "debrief_session";
// Ties the identity provider's answer to the browser that started the sign-in (its value is the
// state sent; only its hash is stored).
inline constexpr std::string_view kOidcStateCookie = "debrief_oidc_state";

// The value of the request's cookie `name`, if it sent one.
std::optional<std::string_view> RequestCookie(const ApiRequest& request, std::string_view name);

// A sign-in between its checks (on the event loop or a request worker) and its password
// verification on a search worker.
struct PendingSignIn {
  std::string pair_key;
  std::string address_key;
  std::optional<core::User> user;  // None for an unknown address: verified against a stand-in.
};

struct SignedIn {
  core::User user;
  std::string session_token;  // Goes into the cookie; never stored in clear.
  std::string csrf_token;
  core::Timestamp expires_at{};
};

// An authenticating reverse proxy in front of debrief (oauth2-proxy, or a proxy with the
// organisation's sign-in) names the person in a header; it is believed from the proxy's own
// addresses alone, and refused (401) from anywhere else. The person is found or created by that
// address (app/auth/proxy_sign_in.h).
struct ProxySignIn {
  std::string email_header;            // Lower case, e.g. "x-forwarded-email".
  std::string name_header;             // Lower case; empty: the name is debrief's own.
  std::string groups_header;           // Lower case; empty: the role is debrief's own.
  std::vector<std::string> addresses;  // The proxy's addresses, as the connection comes from.
  app::auth::IdentityPolicy policy;
  std::string sign_out_url;  // Where signing out happens, at the proxy; may be empty.
};

class Authenticator {
 public:
  struct Options {
    core::Duration session_lifetime = std::chrono::hours(24 * 7);
    // The session cookie carries Secure, so a browser sends it only over HTTPS. On by default
    // unless the server listens on loopback only (serve --secure-cookies).
    bool secure_cookie = true;
    // Failed sign-ins are counted per (email, client address) pair and per client address. A pair
    // past its allowance waits before its next attempt, twice as long after each further failure,
    // up to failure_window: a guesser slows to a crawl while the account's owner, from another
    // address, signs in as usual. An address gets a larger allowance (an office behind one
    // proxy shares it) before the same back-off.
    int free_failures_per_pair = 5;
    int free_failures_per_address = 50;
    core::Duration first_wait = std::chrono::seconds(2);
    core::Duration failure_window = std::chrono::minutes(15);
    // Sign-ins at the identity provider started from one address within failure_window before
    // the same back-off: each keeps a row until it returns or expires, and a whole office
    // behind one address signs in on a Monday morning.
    int free_provider_sign_ins_per_address = 300;
    // Who the authenticating proxy in front says the caller is; none: no proxy vouches.
    std::optional<ProxySignIn> proxy;
    // The hash of the identity provider's SCIM token; empty: no provisioning.
    std::string provisioning_token_hash;
  };

  Authenticator(store::Store& store, const core::Clock& clock, Options options);
  // The same authenticator over another connection to the database (a request worker's): same
  // options, and the same count of failed sign-ins, so a guesser gains nothing from which
  // thread answers. Thread-safe between the two.
  Authenticator(const Authenticator& shared, store::Store& store);

  // The caller, or nullopt for a request with no credentials. Credentials that are present but
  // wrong or expired are an error (401), so a client learns its token is bad.
  core::Result<std::optional<Authenticated>> Resolve(const ApiRequest& request);

  // Where a person the proxy vouches for signs out (empty: no such page, or no proxy).
  const std::string& ProxySignOutUrl() const;

  // The active alert hook whose token the request carries: `path_token` (from the URL) or the
  // bearer token. 401 for a missing or unknown token, 403 for a hook switched off.
  core::Result<core::AlertHook> ResolveAlertHook(const ApiRequest& request,
                                                 std::string_view path_token);

  // The request carries the SCIM provisioning token: 404 when provisioning is not set up, 401
  // for a missing or wrong token.
  core::Result<void> CheckProvisioningToken(const ApiRequest& request) const;

  // Writes through a cookie session must echo its CSRF token.
  core::Result<void> CheckCsrf(const ApiRequest& request, const Authenticated& caller) const;

  // Signing in, in three steps so the slow one (argon2id, 100-250 ms) runs off the event loop:
  // BeginSignIn checks the back-off and finds the user, Verify hashes (on any thread; it touches
  // nothing shared), FinishSignIn notes a failure or creates the session. SignIn runs all three.
  core::Result<PendingSignIn> BeginSignIn(std::string_view email,
                                          const std::string& client_address);
  static bool Verify(const PendingSignIn& pending, std::string_view password);
  core::Result<SignedIn> FinishSignIn(const PendingSignIn& pending, bool verified);
  core::Result<SignedIn> SignIn(std::string_view email, std::string_view password,
                                const std::string& client_address);
  // A new session for `user`, whom something other than a password vouched for (the identity
  // provider): the cookie's token and the CSRF token.
  core::Result<SignedIn> StartSession(const core::User& user);
  core::Result<void> SignOut(const Authenticated& caller);
  // Counts a sign-in at the identity provider started from `client_address`: kResourceExhausted
  // (with when to try again) once the address is past its allowance.
  core::Result<void> AdmitProviderSignIn(const std::string& client_address);

  // The Set-Cookie value that holds `token` for `max_age` (an empty token and zero clear it).
  std::string SessionCookie(std::string_view token, std::chrono::seconds max_age) const;
  // Any other cookie of the sign-in: HttpOnly, Secure as the session's, for `path` only.
  // `same_site`: "Strict" or "Lax" (a cookie that must come back from the provider's redirect).
  std::string Cookie(std::string_view name, std::string_view value, std::string_view path,
                     std::string_view same_site, std::chrono::seconds max_age) const;

 private:
  static const std::string& DummyHash();
  // The caller the proxy names in its header (`email`), when the request comes from the proxy.
  core::Result<std::optional<Authenticated>> ResolveVouched(const ApiRequest& request,
                                                            std::string_view email);
  // How long the key must still wait before its next attempt (zero: it may try now). This and
  // the two below are called with failures_->mutex held.
  core::Duration WaitFor(const std::string& key, int free_failures);
  void NoteFailure(const std::string& key);
  // Drops keys whose failures have all left the window, so the map does not grow without end.
  void Forget();

  // Times of recent failures by key ("pair:<email> <address>" or "ip:<address>"), oldest
  // first. Kept in memory: a restart forgets them, which at worst grants a guesser one more
  // window. Shared by the authenticators of one server, under its mutex.
  struct FailedSignIns {
    std::mutex mutex;
    std::unordered_map<std::string, std::deque<core::Timestamp>> by_key;
    core::Timestamp last_forgotten{};
  };

  store::Store& store_;
  const core::Clock& clock_;
  Options options_;
  std::shared_ptr<FailedSignIns> failures_;
};

}  // namespace debrief::http
