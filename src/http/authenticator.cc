#include "http/authenticator.h"

#include <algorithm>

#include "app/api_tokens.h"
#include "app/auth/proxy_sign_in.h"
#include "security/password.h"
#include "security/token.h"

namespace debrief::http {
namespace {

std::optional<std::string_view> CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return std::nullopt;
}

// "https://debrief.example.com:8443" -> "debrief.example.com:8443"; "null" and anything without
// a scheme give the empty string, which matches no Host.
std::string_view OriginAuthority(std::string_view origin) {
  size_t scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return {};
  origin.remove_prefix(scheme_end + 3);
  return origin.substr(0, origin.find('/'));
}

}  // namespace

std::optional<std::string_view> RequestCookie(const ApiRequest& request, std::string_view name) {
  return CookieValue(request.Header("cookie"), name);
}

Authenticator::Authenticator(store::Store& store, const core::Clock& clock, Options options)
    : store_(store),
      clock_(clock),
      options_(options),
      failures_(std::make_shared<FailedSignIns>()) {}

Authenticator::Authenticator(const Authenticator& shared, store::Store& store)
    : store_(store),
      clock_(shared.clock_),
      options_(shared.options_),
      failures_(shared.failures_) {}

const std::string& Authenticator::DummyHash() {
  // Verifying against a real hash when the email is unknown keeps the two cases equally slow,
  // so response times do not reveal which emails have accounts. Made on first need (on a
  // worker): hashing costs tens of milliseconds and 64 MiB, which a server that never sees a
  // stranger need not pay.
  static const std::string hash =
      security::HashPassword("debrief-timing-equaliser").value_or(std::string());
  return hash;
}

core::Result<std::optional<Authenticated>> Authenticator::Resolve(const ApiRequest& request) {
  std::string_view authorization = request.Header("authorization");
  if (!authorization.empty()) {
    if (!authorization.starts_with("Bearer ") || authorization.size() <= 7) {
      return core::Error::Unauthenticated("the Authorization header must be 'Bearer <token>'");
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        store::TokenOwner owner,
        app::CheckApiToken(store_, clock_, security::HashToken(authorization.substr(7))));
    const core::User& user = owner.user;
    if (user.disabled) return core::Error::Unauthenticated("this user is disabled");
    return Authenticated{{user.id, user.role}, false, {}, {}, false};
  }
  if (options_.proxy) {
    std::string_view vouched = request.Header(options_.proxy->email_header);
    if (!vouched.empty()) return ResolveVouched(request, vouched);
  }
  auto cookie = CookieValue(request.Header("cookie"), kSessionCookie);
  if (!cookie) return std::optional<Authenticated>();
  std::string hash = security::HashToken(*cookie);
  DEBRIEF_ASSIGN_OR_RETURN(store::SessionOwner owner, store_.FindSessionOwner(hash, clock_.Now()));
  if (owner.user.disabled) return core::Error::Unauthenticated("this user is disabled");
  return Authenticated{
      {owner.user.id, owner.user.role}, true, owner.session.csrf_token, hash, false};
}

core::Result<std::optional<Authenticated>> Authenticator::ResolveVouched(const ApiRequest& request,
                                                                         std::string_view email) {
  const ProxySignIn& proxy = *options_.proxy;
  if (std::find(proxy.addresses.begin(), proxy.addresses.end(), request.peer_address) ==
      proxy.addresses.end()) {
    // Anyone can write the header; only the proxy's word counts.
    return core::Error::Unauthenticated("the " + proxy.email_header +
                                        " header is believed only from the sign-in proxy; send "
                                        "requests through it");
  }
  app::auth::ProxyIdentity identity;
  identity.email = std::string(email);
  if (!proxy.name_header.empty()) {
    std::string_view name = request.Header(proxy.name_header);
    if (!name.empty()) identity.name = std::string(name);
  }
  if (!proxy.groups_header.empty()) {
    identity.groups = app::auth::SplitGroups(request.Header(proxy.groups_header));
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::User user,
                           app::auth::SignInFromProxy(store_, identity, proxy.policy));
  return Authenticated{{user.id, user.role}, false, {}, {}, true};
}

core::Result<core::AlertHook> Authenticator::ResolveAlertHook(const ApiRequest& request,
                                                              std::string_view path_token) {
  std::string_view token = path_token;
  if (token.empty()) {
    std::string_view authorization = request.Header("authorization");
    if (authorization.starts_with("Bearer ")) token = authorization.substr(7);
  }
  if (token.empty()) {
    return core::Error::Unauthenticated(
        "send the alert hook's token in the URL (/api/v1/hooks/alertmanager/<token>) or as "
        "'Authorization: Bearer <token>'");
  }
  auto hook = store_.FindAlertHookByToken(security::HashToken(token));
  if (!hook) {
    if (hook.error().code() == core::ErrorCode::kNotFound) {
      return core::Error::Unauthenticated("the alert hook token is not valid");
    }
    return hook.error();
  }
  if (!hook->active) return core::Error::PermissionDenied("this alert hook is switched off");
  return std::move(*hook);
}

core::Result<void> Authenticator::CheckCsrf(const ApiRequest& request,
                                            const Authenticated& caller) const {
  if (!caller.via_cookie && !caller.via_proxy) return core::Ok();
  // A second line beside the token: a browser names the page a write comes from, and a page of
  // another site is refused whatever it holds (proxies in front keep Host, as they must for
  // the cookie's own scoping).
  std::string_view origin = request.Header("origin");
  if (request.Header("sec-fetch-site") == "cross-site" ||
      (!origin.empty() && OriginAuthority(origin) != request.Header("host"))) {
    return core::Error::PermissionDenied("writes from another site are refused");
  }
  // The proxy vouches for every request the browser sends through it, wherever the page that
  // sent it came from: a write must show it comes from debrief's own pages (Origin naming this
  // host, or Sec-Fetch-Site: same-origin). Scripts use API tokens.
  if (caller.via_proxy) {
    if ((!origin.empty() && OriginAuthority(origin) == request.Header("host")) ||
        request.Header("sec-fetch-site") == "same-origin") {
      return core::Ok();
    }
    return core::Error::PermissionDenied(
        "a write through the sign-in proxy must come from debrief's own pages (Origin); scripts "
        "use an API token");
  }
  std::string_view sent = request.Header("x-csrf-token");
  if (sent.empty() || !security::SecretsEqual(sent, caller.csrf_token)) {
    return core::Error::PermissionDenied(
        "send the X-CSRF-Token header you received when you signed in");
  }
  return core::Ok();
}

void Authenticator::Forget() {
  core::Timestamp now = clock_.Now();
  if (now - failures_->last_forgotten < std::chrono::minutes(1)) return;
  failures_->last_forgotten = now;
  core::Timestamp cutoff = now - options_.failure_window;
  // WaitFor may have emptied a key's list already.
  std::erase_if(failures_->by_key, [&](const auto& entry) {
    return entry.second.empty() || entry.second.back() <= cutoff;
  });
}

core::Duration Authenticator::WaitFor(const std::string& key, int free_failures) {
  auto found = failures_->by_key.find(key);
  if (found == failures_->by_key.end()) return core::Duration::zero();
  core::Timestamp now = clock_.Now();
  std::deque<core::Timestamp>& times = found->second;
  while (!times.empty() && times.front() <= now - options_.failure_window) times.pop_front();
  int beyond = static_cast<int>(times.size()) - free_failures;
  if (beyond < 0) return core::Duration::zero();
  // 2 s after the first failure past the allowance, then 4, 8, ... up to the window.
  core::Duration wait = options_.first_wait * (int64_t{1} << std::min(beyond, 20));
  wait = std::min(wait, options_.failure_window);
  core::Timestamp allowed = times.back() + wait;
  return allowed > now ? allowed - now : core::Duration::zero();
}

void Authenticator::NoteFailure(const std::string& key) {
  failures_->by_key[key].push_back(clock_.Now());
}

std::string Authenticator::SessionCookie(std::string_view token,
                                         std::chrono::seconds max_age) const {
  return std::string(kSessionCookie) + "=" + std::string(token) + "; Path=/; HttpOnly; " +
         (options_.secure_cookie ? "Secure; " : "") +
         "SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
}

core::Result<void> Authenticator::CheckProvisioningToken(const ApiRequest& request) const {
  if (options_.provisioning_token_hash.empty()) {
    return core::Error::NotFound("provisioning over SCIM is not set up here");
  }
  std::string_view authorization = request.Header("authorization");
  if (!authorization.starts_with("Bearer ") || authorization.size() <= 7) {
    return core::Error::Unauthenticated("send the provisioning token as 'Bearer <token>'");
  }
  if (!security::SecretsEqual(security::HashToken(authorization.substr(7)),
                              options_.provisioning_token_hash)) {
    return core::Error::Unauthenticated("the provisioning token is not valid");
  }
  return core::Ok();
}

const std::string& Authenticator::ProxySignOutUrl() const {
  static const std::string none;
  return options_.proxy ? options_.proxy->sign_out_url : none;
}

std::string Authenticator::Cookie(std::string_view name, std::string_view value,
                                  std::string_view path, std::string_view same_site,
                                  std::chrono::seconds max_age) const {
  return std::string(name) + "=" + std::string(value) + "; Path=" + std::string(path) +
         "; HttpOnly; " + (options_.secure_cookie ? "Secure; " : "") +
         "SameSite=" + std::string(same_site) + "; Max-Age=" + std::to_string(max_age.count());
}

core::Result<void> Authenticator::AdmitProviderSignIn(const std::string& client_address) {
  std::string key = "provider:" + client_address;
  std::lock_guard lock(failures_->mutex);
  Forget();
  core::Duration wait = WaitFor(key, options_.free_provider_sign_ins_per_address);
  if (wait > core::Duration::zero()) {
    auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
    return core::Error::ResourceExhausted("try again in " + std::to_string(seconds) + " s",
                                          std::chrono::seconds(seconds));
  }
  NoteFailure(key);
  return core::Ok();
}

core::Result<PendingSignIn> Authenticator::BeginSignIn(std::string_view email,
                                                       const std::string& client_address) {
  std::string normalized = core::NormalizeEmail(email);
  PendingSignIn pending;
  pending.pair_key = "pair:" + normalized + " " + client_address;
  pending.address_key = "ip:" + client_address;
  core::Duration wait;
  {
    std::lock_guard lock(failures_->mutex);
    Forget();
    wait = std::max(WaitFor(pending.pair_key, options_.free_failures_per_pair),
                    WaitFor(pending.address_key, options_.free_failures_per_address));
  }
  if (wait > core::Duration::zero()) {
    auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
    return core::Error::ResourceExhausted(
        "too many failed sign-ins from here; try again in " + std::to_string(seconds) + " s",
        std::chrono::seconds(seconds));
  }
  auto user = store_.FindUserByEmail(normalized);
  if (user) {
    pending.user = std::move(*user);
  } else if (user.error().code() != core::ErrorCode::kNotFound) {
    return user.error();
  }
  return pending;
}

bool Authenticator::Verify(const PendingSignIn& pending, std::string_view password) {
  // Someone who signs in through the identity provider has no password: refused as slowly as
  // an unknown address, so the answer's time does not tell who has an account.
  if (!pending.user || pending.user->password_hash.empty()) {
    (void)security::VerifyPassword(password, DummyHash());
    return false;
  }
  return security::VerifyPassword(password, pending.user->password_hash);
}

core::Result<SignedIn> Authenticator::FinishSignIn(const PendingSignIn& pending, bool verified) {
  // The user as they are now: disabled, or given a new password, while the hash was checked.
  std::optional<core::User> user;
  if (verified && pending.user) {
    auto current = store_.GetUser(pending.user->id);
    if (current && current->password_hash == pending.user->password_hash) user = *current;
  }
  if (!user || user->disabled) {
    std::lock_guard lock(failures_->mutex);
    NoteFailure(pending.pair_key);
    NoteFailure(pending.address_key);
    return core::Error::Unauthenticated("the email or password is not right");
  }
  DEBRIEF_ASSIGN_OR_RETURN(SignedIn signed_in, StartSession(*user));
  std::lock_guard lock(failures_->mutex);
  failures_->by_key.erase(pending.pair_key);
  return signed_in;
}

core::Result<SignedIn> Authenticator::StartSession(const core::User& user) {
  if (user.disabled) return core::Error::Unauthenticated("this user is disabled");
  SignedIn signed_in;
  signed_in.user = user;
  signed_in.session_token = security::NewToken();
  signed_in.csrf_token = security::NewToken();
  core::Session session;
  session.token_hash = security::HashToken(signed_in.session_token);
  session.user_id = user.id;
  session.csrf_token = signed_in.csrf_token;
  session.created_at = clock_.Now();
  session.expires_at = session.created_at + options_.session_lifetime;
  signed_in.expires_at = session.expires_at;
  DEBRIEF_RETURN_IF_ERROR(store_.CreateSession(session));
  return signed_in;
}

core::Result<SignedIn> Authenticator::SignIn(std::string_view email, std::string_view password,
                                             const std::string& client_address) {
  DEBRIEF_ASSIGN_OR_RETURN(PendingSignIn pending, BeginSignIn(email, client_address));
  return FinishSignIn(pending, Verify(pending, password));
}

core::Result<void> Authenticator::SignOut(const Authenticated& caller) {
  if (!caller.via_cookie) return core::Ok();
  return store_.DeleteSession(caller.session_token_hash);
}

}  // namespace debrief::http
