// The types every handler works with: the decoded request, the response it builds, and the
// services it may use. Handlers are plain functions of (Context&) -> Result<ApiResponse>: they
// decode, call core and the store, and encode; connection code makes no domain decision.
#pragma once

#include <atomic>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/notifications.h"
#include "app/provisioning.h"
#include "core/authorization.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/timeline_merge.h"
#include "core/validation.h"
#include "language/checker.h"
#include "store/store.h"

namespace debrief::app {
namespace auth {
struct SingleSignOn;
}  // namespace auth
class App;
class EventSnapshots;
class LanguageFeedback;
class TimelineCache;
}  // namespace debrief::app

namespace debrief::http {

class Authenticator;
class Metrics;
class ResponseCache;
class SearchWorkers;
struct ApiResponse;

// The part of a request that searches the library, handed back by its handler to run off the
// event loop with the library searcher of the thread it runs on (see SearchWorkers). It must not
// use the store or anything else of the event loop's but the response cache.
using SearchWork = std::function<core::Result<ApiResponse>(store::LibrarySearcher&)>;

// CPU-heavy work a handler hands off the event loop (verifying a password, rendering an export,
// reading an uploaded file), so no request waits behind another one's. The work runs on a worker
// thread and must not touch the store or anything else of the event loop's: what it needs is
// copied or moved into it. It returns the step that finishes the request back where the request
// ran (the event loop, or the request worker that started it: http/request_workers.h), where the
// store may be used again.
using LoopStep = std::function<core::Result<ApiResponse>()>;
using OffLoopWork = std::function<LoopStep()>;

// Set once the answer to a request is no longer wanted: its client went away or the server is
// stopping. Long off-loop work (an import) looks at it between steps and gives up early.
using CancelFlag = std::shared_ptr<std::atomic<bool>>;

// A body written part by part as the client takes it, for answers too large to hold at once:
// each call appends the next part (a few hundred kilobytes) and says whether more follows. It
// runs on the event loop between writes, so a part must take well under a millisecond to write;
// what it reads it must own or share, since the request is long answered by then.
using BodyParts = std::function<bool(std::string& part)>;

// A caller whose credentials were checked (http/authenticator.h).
struct Authenticated {
  core::Principal principal;
  bool via_cookie = false;
  std::string csrf_token;          // Cookie sessions only.
  std::string session_token_hash;  // Cookie sessions only.
  // Vouched for by the authenticating proxy in front (http/authenticator.h): no session here,
  // and writes are checked by where the browser says they come from.
  bool via_proxy = false;
};

struct ApiRequest {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string path;                   // As sent, percent-encoded.
  std::vector<std::string> segments;  // The path split at "/", each percent-decoded.
  std::map<std::string, std::string, std::less<>> query;
  std::map<std::string, std::string, std::less<>> headers;  // Lower-case names.
  std::string body;
  std::string client_address;
  // The address the connection comes from (client_address may be read from X-Forwarded-For):
  // what decides whether the authenticating proxy's header is believed.
  std::string peer_address;
  std::string request_id;
  // The caller as the router's Admit found them from the header, moments before the body was
  // read: the router uses it instead of looking the credentials up again.
  std::optional<Authenticated> admitted;

  std::string_view Header(std::string_view name) const;
};

struct ApiResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the response is what this work answers; the rest above is ignored.
  SearchWork search_work;
  // When set, the response is what the work's loop step answers, with the headers above added.
  OffLoopWork off_loop;
  // When set, the body is written from these parts (chunked) instead of `body`; nothing keeps
  // it (the response cache) and HEAD answers the headers alone.
  BodyParts parts;
  // With off_loop: the flag the server sets when the work's answer is no longer wanted.
  CancelFlag cancel;
  // A problem answer because the database was locked by another writer (core::Error::busy()):
  // the server may run the request again after a pause, when it wrote nothing before.
  bool store_busy = false;

  // Every body is a JSON object. It is serialised in place: wrapping it in a boost::json::value
  // first would copy the whole tree.
  static ApiResponse Json(const boost::json::object& object, unsigned status = 200);
  // A JSON body with an ETag carrying the record's version, for If-Match on the next write.
  static ApiResponse Versioned(const boost::json::object& record, unsigned status = 200);
  static ApiResponse NoContent();
};

// A request body as a JSON object, given its Content-Type: 400 naming Content-Type for another
// media type, 400 for invalid UTF-8 or JSON or anything but an object. Context::JsonBody is this
// on the request; work off the event loop calls it on a copy.
core::Result<boost::json::object> ParseJsonBody(std::string_view content_type,
                                                std::string_view body);

// What a handler may use. Built once by the server; outlives every request.
struct Services {
  store::Store& store;
  const core::Clock& clock;
  Authenticator& authenticator;
  Metrics& metrics;
  ResponseCache& response_cache;
  core::SeverityScale severity_scale;
  core::TimelineOptions timeline_options;
  const language::Checker& checker;
  // Where SearchWork runs; without workers, it runs on the event loop with the store.
  SearchWorkers* search_workers = nullptr;
  // Merged timelines kept between requests; without it, every request merges anew.
  app::TimelineCache* timeline_cache = nullptr;
  // The events of the incidents being read, kept between changes; without it, every merge
  // reads them all.
  app::EventSnapshots* event_snapshots = nullptr;
  // What notifications may use: e-mail when SMTP is set up, the hosts chat webhooks may name.
  app::NotificationOptions notifications = {};
  // Dismissals and allow-entries applied to every check; without it, the checker's pack alone.
  app::LanguageFeedback* language_feedback = nullptr;
  // Signing in through the organisation's identity provider; without it, passwords alone.
  app::auth::SingleSignOn* single_sign_on = nullptr;
  // Whether people may sign in with an email and password (off: the provider only).
  bool password_sign_in = true;
  // The roles the identity provider gives over SCIM: of the users it creates, and by group.
  app::ProvisioningPolicy provisioning = {};
};

// The services over `app`: its store, clock, checker, timeline cache and event snapshots, with
// the edge's own parts. Everything passed must outlive the services.
Services ServicesFor(app::App& app, Authenticator& authenticator, Metrics& metrics,
                     ResponseCache& response_cache, SearchWorkers* search_workers);

struct Context {
  Services& services;
  const ApiRequest& request;
  std::vector<std::string> path_parameters;  // In the order of the route's {placeholders}.
  std::optional<core::Principal> principal;
  std::string route_pattern;
  // The session's CSRF token when the caller signed in with a cookie, for GET /me to hand back.
  std::string csrf_token = {};
  // The caller was vouched for by the authenticating proxy (signing out happens there).
  bool via_proxy = false;
  // The hook whose token opened a Permission::kAlertHook route.
  std::optional<core::AlertHook> alert_hook = {};

  store::Store& store() { return services.store; }
  // The authenticated caller. Routes that reach a handler with Permission above kPublic always
  // have one (the router checks), so handlers may call this freely.
  const core::Principal& caller() const { return *principal; }

  // Reads the request body as a JSON object (415/400 with a clear message otherwise).
  core::Result<boost::json::object> JsonBody() const;
  // The version named by If-Match ("3", "\"3\"" or W/"3"); 400 naming If-Match when absent.
  core::Result<int64_t> ExpectedVersion() const;
  // A path parameter as a positive id, or 404 naming what was looked for.
  core::Result<int64_t> IdParameter(size_t index, std::string_view noun) const;
  // A query parameter, if present.
  std::optional<std::string_view> Query(std::string_view name) const;
};

using Handler = core::Result<ApiResponse> (*)(Context&);

}  // namespace debrief::http
