// Router: the one table of every HTTP route (method, path pattern, permission, handler, summary),
// and the dispatcher that matches a request against it, authenticates and authorises the caller,
// runs the handler and turns any failure into a problem document. Grep router.cc for a path to
// find its handler.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/authorization.h"
#include "http/api.h"

namespace debrief::http {

// What a route takes and answers, for the OpenAPI document (http/openapi/). Names are schemas of
// the document's components: generated from the field schemas for records ("Incident",
// "IncidentCreate", "IncidentPatch", "IncidentList"), written in http/openapi/schemas/ for the
// rest. A test walks the route table and fails on a route that names none.
struct Exchange {
  // Query parameters, space-separated; a type after a colon ("limit:integer", "dry:boolean"),
  // else a string.
  std::string_view query;
  // The request body's schema; empty for GET and DELETE, kNoBody for a write that takes none.
  std::string_view request;
  // The body of a successful answer; empty for 204 No Content. A few routes answer other media
  // than JSON; their names are listed in http/openapi/openapi.cc.
  std::string_view response;
  // The statuses of success, space-separated.
  std::string_view status = "200";
  // The route changes something that has a version, and refuses a request without If-Match
  // naming the version it was made against (a PUT may instead create, with If-None-Match: *).
  bool versioned = false;

  constexpr Exchange Versioned() const {
    Exchange copy = *this;
    copy.versioned = true;
    return copy;
  }
};

inline constexpr std::string_view kNoBody = "(none)";

struct Route {
  boost::beast::http::verb method;
  std::string_view pattern;  // "/api/v1/incidents/{key}"; {name} matches one path segment.
  core::Permission permission;
  Handler handler;
  std::string_view summary;  // One line, for the OpenAPI document.
  Exchange exchange;
  // The body is a whole file (a timeline import): the server's import body limit applies to it
  // instead of the general one.
  bool takes_files = false;
  // Answered from the process alone, without credentials or the database (liveness): kept on the
  // event loop when other requests run on request workers.
  bool without_database = false;
};

std::span<const Route> Routes();

// The body limits of the routes: the general one, a larger one for routes that take whole files,
// and a small one for routes open to anyone (signing in).
struct BodyLimits {
  size_t general = 1024 * 1024;
  size_t files = 32 * 1024 * 1024;
  size_t anonymous = 16 * 1024;
};

// What the router says from a request's header alone, before its body is read: the route's body
// limit, and a refusal (no such route, a method it does not take, missing or wrong credentials,
// a role that may not) that makes the body moot. So nobody can make the server hold a body for a
// route they may not use. Dispatch checks everything again with the body.
struct Admission {
  size_t body_limit = 0;
  std::string_view route;  // The route's pattern; empty when none matched.
  std::optional<ApiResponse> refusal;
  std::optional<Authenticated> caller;  // Who the credentials name, when there were any.
};
Admission Admit(Services& services, const ApiRequest& head, const BodyLimits& limits);

// Whether the request is answered without the database: the web UI's files, and routes marked
// without_database.
bool AnsweredWithoutDatabase(const ApiRequest& request);

// Runs the request through the route table. Never throws: a handler's exception becomes a 500
// problem carrying the request id (and is logged by the server).
ApiResponse Dispatch(Services& services, const ApiRequest& request, std::string& route_pattern,
                     std::optional<int64_t>& user_id);

// A problem response for an error, with the status the error maps to (or `status` if given).
ApiResponse ProblemResponse(const core::Error& error, const ApiRequest& request,
                            unsigned status = 0);

}  // namespace debrief::http
