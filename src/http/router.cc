#include "http/router.h"

#include <exception>

#include "app/incident_access.h"
#include "http/anonymised_view.h"
#include "http/authenticator.h"
#include "http/problem.h"
#include "http/static_assets.h"

namespace debrief::http {
namespace {

using boost::beast::http::verb;
using core::Permission;

bool Matches(std::string_view pattern, const std::vector<std::string>& segments,
             std::vector<std::string>& parameters) {
  parameters.clear();
  size_t index = 0;
  pattern.remove_prefix(1);  // The leading "/".
  while (!pattern.empty()) {
    size_t slash = pattern.find('/');
    std::string_view part = pattern.substr(0, slash);
    if (index >= segments.size()) return false;
    if (part.starts_with('{')) {
      if (segments[index].empty()) return false;
      parameters.push_back(segments[index]);
    } else if (part != segments[index]) {
      return false;
    }
    ++index;
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  return index == segments.size();
}

}  // namespace

namespace {

bool IsSafe(verb method) { return method == verb::get || method == verb::head; }

// Every route about one incident, named by its key as the first path parameter.
constexpr std::string_view kIncidentRoutes = "/api/v1/incidents/{key}";

core::Result<ApiResponse> Run(Services& services, const Route& route, Context& context) {
  if (route.permission == Permission::kProvisioning) {
    DEBRIEF_RETURN_IF_ERROR(services.authenticator.CheckProvisioningToken(context.request));
    return route.handler(context);
  }
  if (route.permission == Permission::kAlertHook) {
    DEBRIEF_ASSIGN_OR_RETURN(
        context.alert_hook,
        services.authenticator.ResolveAlertHook(
            context.request, context.path_parameters.empty() ? "" : context.path_parameters[0]));
    return route.handler(context);
  }
  std::optional<Authenticated> caller;
  if (context.request.admitted) {
    caller = context.request.admitted;
  } else if (route.permission != Permission::kPublic) {
    DEBRIEF_ASSIGN_OR_RETURN(caller, services.authenticator.Resolve(context.request));
  }
  if (caller) {
    context.principal = caller->principal;
    if (caller->via_cookie) context.csrf_token = caller->csrf_token;
    context.via_proxy = caller->via_proxy;
  }
  DEBRIEF_RETURN_IF_ERROR(
      core::Authorize(context.principal ? &*context.principal : nullptr, route.permission));
  if (caller && !IsSafe(route.method)) {
    DEBRIEF_RETURN_IF_ERROR(services.authenticator.CheckCsrf(context.request, *caller));
  }
  if (context.principal && route.pattern.starts_with(kIncidentRoutes)) {
    // Restricted incidents: one check for every route about an incident, before its handler
    // reads anything; one the caller may not see is answered as one that is not there.
    DEBRIEF_RETURN_IF_ERROR(app::CheckIncidentSight(context.store(), *context.principal,
                                                    context.path_parameters.at(0)));
  }
  if (!IsSafe(route.method) || !context.principal || !Anonymisable(route.pattern)) {
    return route.handler(context);
  }
  DEBRIEF_ASSIGN_OR_RETURN(bool requested, AnonymisedRequested(context));
  DEBRIEF_ASSIGN_OR_RETURN(ApiResponse response, route.handler(context));
  if (core::SeesAnonymised(*context.principal, requested) && !AlreadyAnonymised(response) &&
      (response.off_loop || response.search_work || response.parts)) {
    // Its body is written later, after this check: it would leave unanonymised.
    return core::Error::Internal("an answer to be anonymised was handed off the event loop");
  }
  if (core::SeesAnonymised(*context.principal, requested) && !AlreadyAnonymised(response)) {
    DEBRIEF_RETURN_IF_ERROR(AnonymiseResponse(context, route.pattern, response));
  }
  return response;
}

}  // namespace

ApiResponse ProblemResponse(const core::Error& error, const ApiRequest& request, unsigned status) {
  ApiResponse response;
  response.status = status != 0 ? status : StatusFor(error.code());
  if (request.path.starts_with("/scim/")) {
    // Identity providers read SCIM's own error document (RFC 7644 3.12).
    response.content_type = "application/scim+json";
    response.body = ScimErrorJson(error, response.status);
  } else {
    response.content_type = "application/problem+json";
    response.body = ProblemJson(error, response.status, request.path, request.request_id);
  }
  response.store_busy = error.busy();
  if (response.status == 401) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"debrief\"");
  }
  if (error.retry_after()) {
    response.headers.emplace_back("Retry-After", std::to_string(error.retry_after()->count()));
  }
  return response;
}

namespace {

// The route `request` reaches, or null; `allowed` collects the methods of routes whose pattern
// matched with another method.
const Route* FindRoute(const ApiRequest& request, std::vector<std::string>& parameters,
                       std::string& allowed, std::string_view& pattern) {
  verb method = request.method == verb::head ? verb::get : request.method;
  for (const Route& route : Routes()) {
    if (!Matches(route.pattern, request.segments, parameters)) continue;
    pattern = route.pattern;
    if (route.method == method) return &route;
    allowed +=
        (allowed.empty() ? "" : ", ") + std::string(boost::beast::http::to_string(route.method));
  }
  return nullptr;
}

ApiResponse NoRoute(const ApiRequest& request, const std::string& allowed) {
  if (!allowed.empty()) {
    ApiResponse response = ProblemResponse(
        core::Error::InvalidArgument(std::string(boost::beast::http::to_string(request.method)) +
                                     " is not allowed here; use " + allowed),
        request, 405);
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  return ProblemResponse(core::Error::NotFound("no such endpoint: " + request.path), request);
}

}  // namespace

Admission Admit(Services& services, const ApiRequest& head, const BodyLimits& limits) {
  Admission admission;
  admission.body_limit = limits.general;
  std::vector<std::string> parameters;
  std::string allowed;
  std::string_view pattern;
  const Route* route = FindRoute(head, parameters, allowed, pattern);
  if (route == nullptr) {
    admission.refusal = NoRoute(head, allowed);
    return admission;
  }
  admission.route = pattern;
  if (route->takes_files) admission.body_limit = std::max(limits.general, limits.files);
  core::Result<void> admitted = core::Ok();
  if (route->permission == Permission::kPublic) {
    // Signing in and out: nothing there is larger than a few fields.
    admission.body_limit = std::min(limits.general, limits.anonymous);
  } else if (route->permission == Permission::kProvisioning) {
    admitted = services.authenticator.CheckProvisioningToken(head);
  } else if (route->permission == Permission::kAlertHook) {
    auto hook =
        services.authenticator.ResolveAlertHook(head, parameters.empty() ? "" : parameters[0]);
    if (!hook) admitted = core::Result<void>(hook.error());
  } else {
    auto caller = services.authenticator.Resolve(head);
    admitted = caller
                   ? core::Authorize(*caller ? &(*caller)->principal : nullptr, route->permission)
                   : core::Result<void>(caller.error());
    if (caller && *caller) admission.caller = std::move(**caller);
  }
  if (!admitted) admission.refusal = ProblemResponse(admitted.error(), head);
  return admission;
}

bool AnsweredWithoutDatabase(const ApiRequest& request) {
  if (IsUiPath(request.path) && (request.method == verb::get || request.method == verb::head)) {
    return true;
  }
  std::vector<std::string> parameters;
  std::string allowed;
  std::string_view pattern;
  const Route* route = FindRoute(request, parameters, allowed, pattern);
  return route != nullptr && route->without_database;
}

ApiResponse Dispatch(Services& services, const ApiRequest& request, std::string& route_pattern,
                     std::optional<int64_t>& user_id) {
  if (IsUiPath(request.path) && (request.method == verb::get || request.method == verb::head)) {
    route_pattern = "ui";
    if (auto response = ServeUi(request, WebAssets())) return std::move(*response);
  }
  std::vector<std::string> parameters;
  std::string allowed;
  std::string_view pattern = "unmatched";
  const Route* route = FindRoute(request, parameters, allowed, pattern);
  route_pattern = std::string(pattern);
  if (route == nullptr) return NoRoute(request, allowed);
  Context context{services, request, std::move(parameters), std::nullopt, route_pattern};
  core::Result<ApiResponse> result = [&]() -> core::Result<ApiResponse> {
    try {
      return Run(services, *route, context);
    } catch (const std::exception& exception) {
      return core::Error::Internal(exception.what());
    }
  }();
  if (context.principal) user_id = context.principal->user_id;
  if (!result) return ProblemResponse(result.error(), request);
  return std::move(*result);
}

}  // namespace debrief::http
