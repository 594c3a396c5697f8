#include "http/router.h"

#include <exception>

#include "http/anonymised_view.h"
#include "http/authenticator.h"
#include "http/handlers/handlers.h"
#include "http/handlers/record_handlers.h"
#include "http/problem.h"
#include "http/static_assets.h"

namespace debrief::http {
namespace {

namespace h = handlers;
using boost::beast::http::verb;
using core::Permission;

// Every route of the API, each written out so that a path is found where it is served. Order
// matters only for readability: patterns do not overlap.
const Route kRoutes[] = {
    {verb::get, "/healthz", Permission::kPublic, &h::Healthz, "Liveness: the process answers"},
    {verb::get, "/readyz", Permission::kPublic, &h::Readyz, "Readiness: the database answers"},
    {verb::get, "/metrics", Permission::kRead, &h::MetricsText, "Prometheus metrics"},
    {verb::get, "/api/v1/openapi.json", Permission::kRead, &h::OpenApi, "This API, described"},

    {verb::post, "/api/v1/session", Permission::kPublic, &h::SignIn,
     "Sign in with email and password; sets the session cookie"},
    {verb::delete_, "/api/v1/session", Permission::kPublic, &h::SignOut, "Sign out"},
    {verb::get, "/api/v1/me", Permission::kRead, &h::GetMe, "The signed-in user"},
    {verb::get, "/api/v1/me/tokens", Permission::kRead, &h::ListMyTokens,
     "Your API tokens: name, when made and last used, expiry, whether revoked"},
    {verb::post, "/api/v1/me/tokens", Permission::kRead, &h::CreateMyToken,
     "Create an API token for yourself (name, expires_in_days); the token is shown once"},
    {verb::get, "/api/v1/me/notifications", Permission::kRead, &h::ListMyNotifications,
     "Your notifications, newest first, with how many are unread (before, limit)"},
    {verb::post, "/api/v1/me/notifications/read", Permission::kRead, &h::MarkMyNotificationsRead,
     "Mark your notifications read: ids, or all of them when ids is left out"},
    {verb::get, "/api/v1/me/notification-settings", Permission::kRead,
     &h::GetMyNotificationSettings,
     "How you are told: kinds by e-mail and by chat, a daily digest hour, your chat webhook"},
    {verb::put, "/api/v1/me/notification-settings", Permission::kRead,
     &h::PutMyNotificationSettings,
     "Change how you are told (If-Match: the version; If-None-Match: * the first time)"},
    {verb::get, "/api/v1/tokens", Permission::kAdmin, &h::ListAllTokens,
     "Everyone's API tokens, with whose they are (user: one person's)"},
    {verb::delete_, "/api/v1/tokens/{id}", Permission::kRead, &h::RevokeToken,
     "Revoke an API token, yours or (admins) anyone's: it stops working at once"},

    {verb::post, "/api/v1/lint", Permission::kRead, &h::LintText,
     "Check text for blameful language: findings with offsets, explanations and reframes"},
    {verb::get, "/api/v1/lint/rules", Permission::kRead, &h::ListLintRules,
     "Every rule of the language checker, with its explanation"},

    {verb::get, "/api/v1/users", Permission::kAdmin, &h::ListUsers, "List users"},
    // Members only: viewers read incidents anonymised, and ids plus names would undo that.
    {verb::get, "/api/v1/directory", Permission::kWrite, &h::ListDirectory,
     "Who uses debrief: ids and names, to add people to an incident (members and admins)"},
    {verb::post, "/api/v1/users", Permission::kAdmin, &h::CreateUser, "Create a user"},
    {verb::patch, "/api/v1/users/{id}", Permission::kAdmin, &h::PatchUser,
     "Change a user's name, role, password or disabled flag"},
    {verb::get, "/api/v1/audit", Permission::kAdmin, &h::ListAudit,
     "The audit log, newest first, with per-field changes"},

    {verb::post, "/api/v1/postmortems/import", Permission::kWrite, &h::ImportPostmortems,
     "Postmortems written before debrief (files, or archive_base64: a zip of Markdown), each "
     "becoming a resolved incident whose review is drafting; dry_run reports and stores nothing",
     /*takes_files=*/true},
    {verb::get, "/api/v1/incidents", Permission::kRead, &h::ListIncidents,
     "List incidents (filters: status, severity, service, q; cursor, limit)"},
    {verb::post, "/api/v1/incidents", Permission::kWrite, &h::CreateIncident, "Open an incident"},
    {verb::get, "/api/v1/incidents/{key}", Permission::kRead, &h::GetIncident,
     "Read an incident with its TTD/TTM/TTR"},
    {verb::patch, "/api/v1/incidents/{key}", Permission::kWrite, &h::PatchIncident,
     "Change an incident (If-Match: its version)"},

    {verb::get, "/api/v1/incidents/{key}/export", Permission::kRead, &h::ExportIncident,
     "The review as a file: format=md|html|json, anonymised=true, events=starred for the key "
     "events only (released accounts only)"},
    {verb::get, "/api/v1/incidents/{key}/publish", Permission::kRead, &h::GetPublishCheck,
     "What stands before publishing: unreleased accounts and open language findings"},
    {verb::post, "/api/v1/incidents/{key}/publish", Permission::kWrite, &h::PublishReview,
     "Publish the review as its next immutable version (If-Match: the incident's version)"},
    {verb::get, "/api/v1/incidents/{key}/review", Permission::kRead, &h::GetReview,
     "Where the review stands: status, rule, due date, reviewers and their decisions"},
    {verb::post, "/api/v1/incidents/{key}/review/request", Permission::kWrite, &h::RequestReview,
     "Ask named people to review (reviewers: user ids; a new round; If-Match: the incident's "
     "version)"},
    {verb::post, "/api/v1/incidents/{key}/review/decision", Permission::kWrite, &h::DecideReview,
     "As a named reviewer: approve, or request changes with a note (If-Match: the incident's "
     "version)"},
    {verb::post, "/api/v1/incidents/{key}/review/reopen", Permission::kWrite, &h::ReopenReview,
     "Reopen a published review for its next version (If-Match: the incident's version)"},
    {verb::get, "/api/v1/incidents/{key}/comments", Permission::kRead, &h::ListComments,
     "Review comments you may read, oldest first (anchor=section:NAME or KIND:ID)"},
    {verb::post, "/api/v1/incidents/{key}/comments", Permission::kWrite, &h::CreateComment,
     "Comment on a section or record of the review, or reply to a comment"},
    {verb::patch, "/api/v1/incidents/{key}/comments/{id}", Permission::kWrite, &h::PatchComment,
     "Change your comment's words, or mark any comment resolved (If-Match: its version)"},
    {verb::delete_, "/api/v1/incidents/{key}/comments/{id}", Permission::kWrite, &h::DeleteComment,
     "Delete your comment with its replies (admins: any comment)"},
    {verb::get, "/api/v1/incidents/{key}/versions", Permission::kRead, &h::ListPublishedVersions,
     "The published versions of the review, newest first"},
    {verb::get, "/api/v1/incidents/{key}/versions/{id}", Permission::kRead, &h::GetPublishedVersion,
     "One published version, as it was published"},
    {verb::get, "/api/v1/incidents/{key}/versions/{id}/export", Permission::kRead,
     &h::ExportPublishedVersion,
     "A published version as it was published, to read or print: format=html|md"},
    {verb::get, "/api/v1/incidents/{key}/versions/{id}/diff", Permission::kRead,
     &h::DiffPublishedVersions,
     "What changed between published versions, record by record (against=N, default N-1)"},
    {verb::get, "/api/v1/incidents/{key}/related", Permission::kRead, &h::RelatedIncidents,
     "Published reviews like this incident: shared services, factor categories and words"},
    {verb::get, "/api/v1/incidents/{key}/participants", Permission::kRead,
     &h::ListRecords<core::Participant>, "List the participants of an incident"},
    {verb::post, "/api/v1/incidents/{key}/participants", Permission::kWrite,
     &h::CreateRecord<core::Participant>, "Add a participant"},
    {verb::get, "/api/v1/incidents/{key}/participants/{id}", Permission::kRead,
     &h::GetRecord<core::Participant>, "Read a participant"},
    {verb::patch, "/api/v1/incidents/{key}/participants/{id}", Permission::kWrite,
     &h::PatchRecord<core::Participant>, "Change a participant's name or role"},

    {verb::get, "/api/v1/incidents/{key}/accounts", Permission::kRead, &h::ListAccounts,
     "List the accounts you may read, with their entries"},
    {verb::post, "/api/v1/incidents/{key}/accounts", Permission::kWrite, &h::CreateAccount,
     "Start your own account of the incident (private until you release it)"},
    {verb::get, "/api/v1/incidents/{key}/accounts/{id}", Permission::kRead, &h::GetAccount,
     "Read an account"},
    {verb::patch, "/api/v1/incidents/{key}/accounts/{id}", Permission::kWrite, &h::PatchAccount,
     "Change your account: narrative, visibility (author only)"},
    {verb::delete_, "/api/v1/incidents/{key}/accounts/{id}", Permission::kWrite,
     &h::WithdrawAccount, "Withdraw your account from the review (author only)"},
    {verb::post, "/api/v1/incidents/{key}/accounts/{id}/entries", Permission::kWrite,
     &h::CreateEntry, "Add an entry to your account"},
    {verb::patch, "/api/v1/incidents/{key}/accounts/{id}/entries/{entry_id}", Permission::kWrite,
     &h::PatchEntry, "Change an entry of your account"},
    {verb::delete_, "/api/v1/incidents/{key}/accounts/{id}/entries/{entry_id}", Permission::kWrite,
     &h::DeleteEntry, "Delete an entry of your account"},

    {verb::get, "/api/v1/incidents/{key}/events", Permission::kRead,
     &h::ListRecords<core::TimelineEvent>, "List the timeline events of an incident"},
    {verb::post, "/api/v1/incidents/{key}/events", Permission::kWrite,
     &h::CreateRecord<core::TimelineEvent>, "Add a timeline event"},
    {verb::get, "/api/v1/incidents/{key}/events/{id}", Permission::kRead,
     &h::GetRecord<core::TimelineEvent>, "Read a timeline event"},
    {verb::patch, "/api/v1/incidents/{key}/events/{id}", Permission::kWrite,
     &h::PatchRecord<core::TimelineEvent>, "Change a timeline event (If-Match: its version)"},
    {verb::delete_, "/api/v1/incidents/{key}/events/{id}", Permission::kWrite,
     &h::DeleteRecord<core::TimelineEvent>, "Delete a timeline event (If-Match: its version)"},
    {verb::get, "/api/v1/incidents/{key}/timeline", Permission::kRead, &h::GetTimeline,
     "The merged timeline: items, groups, discrepancies, gaps, metrics "
     "(known_by + known_at: what a participant could know then)"},
    {verb::post, "/api/v1/incidents/{key}/timeline/import", Permission::kWrite,
     &h::ImportTimelineEvents,
     "Import events from a file's text (format, content; dry_run: preview and store nothing); "
     "events already there are passed over",
     /*takes_files=*/true},
    {verb::get, "/api/v1/incidents/{key}/imports", Permission::kRead, &h::ListImports,
     "The incident's imports, newest first: what, by whom, when, how many events"},
    {verb::delete_, "/api/v1/incidents/{key}/imports/{id}", Permission::kWrite, &h::UndoImport,
     "Undo an import: every event it added is taken away (not once the review is published)"},
    {verb::get, "/api/v1/incidents/{key}/decisions", Permission::kRead,
     &h::ListRecords<core::DecisionPoint>, "List the decision points of an incident"},
    {verb::post, "/api/v1/incidents/{key}/decisions", Permission::kWrite,
     &h::CreateRecord<core::DecisionPoint>, "Add a decision point"},
    {verb::get, "/api/v1/incidents/{key}/decisions/{id}", Permission::kRead,
     &h::GetRecord<core::DecisionPoint>, "Read a decision point"},
    {verb::patch, "/api/v1/incidents/{key}/decisions/{id}", Permission::kWrite,
     &h::PatchRecord<core::DecisionPoint>, "Change a decision point (If-Match: its version)"},
    {verb::delete_, "/api/v1/incidents/{key}/decisions/{id}", Permission::kWrite,
     &h::DeleteRecord<core::DecisionPoint>, "Delete a decision point (If-Match: its version)"},
    {verb::get, "/api/v1/incidents/{key}/factors", Permission::kRead,
     &h::ListRecords<core::ContributingFactor>, "List the contributing factors of an incident"},
    {verb::post, "/api/v1/incidents/{key}/factors", Permission::kWrite,
     &h::CreateRecord<core::ContributingFactor>, "Add a contributing factor"},
    {verb::get, "/api/v1/incidents/{key}/factors/{id}", Permission::kRead,
     &h::GetRecord<core::ContributingFactor>, "Read a contributing factor"},
    {verb::patch, "/api/v1/incidents/{key}/factors/{id}", Permission::kWrite,
     &h::PatchRecord<core::ContributingFactor>,
     "Change a contributing factor (If-Match: its version)"},
    {verb::delete_, "/api/v1/incidents/{key}/factors/{id}", Permission::kWrite,
     &h::DeleteRecord<core::ContributingFactor>,
     "Delete a contributing factor (If-Match: its version)"},
    {verb::get, "/api/v1/incidents/{key}/work-as-done", Permission::kRead,
     &h::ListRecords<core::WorkAsDone>, "List the work-as-done records of an incident"},
    {verb::post, "/api/v1/incidents/{key}/work-as-done", Permission::kWrite,
     &h::CreateRecord<core::WorkAsDone>, "Add a work-as-done record"},
    {verb::get, "/api/v1/incidents/{key}/work-as-done/{id}", Permission::kRead,
     &h::GetRecord<core::WorkAsDone>, "Read a work-as-done record"},
    {verb::patch, "/api/v1/incidents/{key}/work-as-done/{id}", Permission::kWrite,
     &h::PatchRecord<core::WorkAsDone>, "Change a work-as-done record (If-Match: its version)"},
    {verb::delete_, "/api/v1/incidents/{key}/work-as-done/{id}", Permission::kWrite,
     &h::DeleteRecord<core::WorkAsDone>, "Delete a work-as-done record (If-Match: its version)"},
    {verb::get, "/api/v1/incidents/{key}/actions", Permission::kRead,
     &h::ListRecords<core::ActionItem>, "List the action items of an incident"},
    {verb::post, "/api/v1/incidents/{key}/actions", Permission::kWrite,
     &h::CreateRecord<core::ActionItem>, "Add an action item"},
    {verb::get, "/api/v1/incidents/{key}/actions/{id}", Permission::kRead,
     &h::GetRecord<core::ActionItem>, "Read an action item"},
    {verb::patch, "/api/v1/incidents/{key}/actions/{id}", Permission::kWrite,
     &h::PatchRecord<core::ActionItem>, "Change an action item (If-Match: its version)"},
    {verb::delete_, "/api/v1/incidents/{key}/actions/{id}", Permission::kWrite,
     &h::DeleteRecord<core::ActionItem>, "Delete an action item (If-Match: its version)"},
    {verb::get, "/api/v1/incidents/{key}/lessons", Permission::kRead, &h::ListRecords<core::Lesson>,
     "List the lessons of an incident"},
    {verb::post, "/api/v1/incidents/{key}/lessons", Permission::kWrite,
     &h::CreateRecord<core::Lesson>, "Add a lesson"},
    {verb::get, "/api/v1/incidents/{key}/lessons/{id}", Permission::kRead,
     &h::GetRecord<core::Lesson>, "Read a lesson"},
    {verb::patch, "/api/v1/incidents/{key}/lessons/{id}", Permission::kWrite,
     &h::PatchRecord<core::Lesson>, "Change a lesson (If-Match: its version)"},
    {verb::delete_, "/api/v1/incidents/{key}/lessons/{id}", Permission::kWrite,
     &h::DeleteRecord<core::Lesson>, "Delete a lesson (If-Match: its version)"},
    {verb::get, "/api/v1/incidents/{key}/answers", Permission::kRead,
     &h::ListRecords<core::ReviewAnswer>, "List the answers to template questions of an incident"},
    {verb::post, "/api/v1/incidents/{key}/answers", Permission::kWrite,
     &h::CreateRecord<core::ReviewAnswer>, "Add an answer to a template question"},
    {verb::get, "/api/v1/incidents/{key}/answers/{id}", Permission::kRead,
     &h::GetRecord<core::ReviewAnswer>, "Read an answer to a template question"},
    {verb::patch, "/api/v1/incidents/{key}/answers/{id}", Permission::kWrite,
     &h::PatchRecord<core::ReviewAnswer>,
     "Change an answer to a template question (If-Match: its version)"},
    {verb::delete_, "/api/v1/incidents/{key}/answers/{id}", Permission::kWrite,
     &h::DeleteRecord<core::ReviewAnswer>,
     "Delete an answer to a template question (If-Match: its version)"},
    {verb::get, "/api/v1/incidents/{key}/template", Permission::kRead, &h::GetIncidentTemplate,
     "The template the review follows: its sections in order, and the questions each asks"},
    {verb::get, "/api/v1/review-templates", Permission::kRead, &h::ListReviewTemplates,
     "How reviews are written: the organisation's templates by severity, and the built-in one"},
    {verb::put, "/api/v1/review-templates/{severity}", Permission::kAdmin, &h::PutReviewTemplate,
     "Set the template of a severity, or of every other (default): sections shown in order with "
     "their questions (If-None-Match: * creates, If-Match replaces)"},
    {verb::delete_, "/api/v1/review-templates/{severity}", Permission::kAdmin,
     &h::DeleteReviewTemplate, "Remove a template (If-Match: its version)"},
    {verb::get, "/api/v1/library/search", Permission::kRead, &h::SearchLibrary,
     "Search published reviews (q; severity, service, factor_category, tag, from, to; sort; "
     "limit, offset): ranked hits with highlighted snippets, and facet counts"},
    {verb::get, "/api/v1/library/lessons", Permission::kRead, &h::SearchLessons,
     "Lessons of published reviews with their authors (q, theme; limit, offset)"},
    {verb::get, "/api/v1/library/on-this-day", Permission::kRead, &h::LibraryOnThisDay,
     "Reviews of incidents that started on this day in earlier years (date, window in days)"},
    {verb::get, "/api/v1/library/feed.atom", Permission::kRead, &h::LibraryFeed,
     "An Atom feed of newly published reviews"},
    {verb::get, "/api/v1/review-rules", Permission::kRead, &h::ListReviewRules,
     "What reviewing asks of each severity: approvals and due dates"},
    {verb::put, "/api/v1/review-rules/{severity}", Permission::kAdmin, &h::PutReviewRule,
     "Set a severity's review rule (If-None-Match: * to create, If-Match: version to change)"},
    {verb::delete_, "/api/v1/review-rules/{severity}", Permission::kAdmin, &h::DeleteReviewRule,
     "Remove a severity's review rule (If-Match: its version)"},
    {verb::get, "/api/v1/webhooks", Permission::kAdmin, &h::ListWebhooks,
     "Webhooks and the events they can subscribe to"},
    {verb::post, "/api/v1/webhooks", Permission::kAdmin, &h::CreateWebhook,
     "Add a webhook: url, events, secret (signs each delivery), active, description"},
    {verb::get, "/api/v1/webhooks/{id}", Permission::kAdmin, &h::GetWebhook, "Read a webhook"},
    {verb::patch, "/api/v1/webhooks/{id}", Permission::kAdmin, &h::PatchWebhook,
     "Change a webhook (If-Match: its version)"},
    {verb::delete_, "/api/v1/webhooks/{id}", Permission::kAdmin, &h::DeleteWebhook,
     "Remove a webhook and its delivery log (If-Match: its version)"},
    {verb::get, "/api/v1/webhooks/{id}/deliveries", Permission::kAdmin, &h::ListWebhookDeliveries,
     "The webhook's deliveries, newest first: status, attempts, last answer or error"},
    {verb::post, "/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry", Permission::kAdmin,
     &h::RetryWebhookDelivery, "Try a delivery again now"},
    {verb::post, "/api/v1/webhooks/{id}/ping", Permission::kAdmin, &h::PingWebhook,
     "Send the webhook a test delivery"},
    {verb::get, "/api/v1/alert-hooks", Permission::kAdmin, &h::ListAlertHooks,
     "Alert hooks: where Alertmanager posts, and how its alerts reach incidents"},
    {verb::post, "/api/v1/alert-hooks", Permission::kAdmin, &h::CreateAlertHook,
     "Add an alert hook: name, routes (label matchers to incident keys), open_incidents, "
     "severity, active; answers with its token, shown once"},
    {verb::get, "/api/v1/alert-hooks/{id}", Permission::kAdmin, &h::GetAlertHook,
     "Read an alert hook"},
    {verb::patch, "/api/v1/alert-hooks/{id}", Permission::kAdmin, &h::PatchAlertHook,
     "Change an alert hook (If-Match: its version)"},
    {verb::delete_, "/api/v1/alert-hooks/{id}", Permission::kAdmin, &h::DeleteAlertHook,
     "Remove an alert hook (If-Match: its version)"},
    {verb::post, "/api/v1/alert-hooks/{id}/token", Permission::kAdmin, &h::ReplaceAlertHookToken,
     "Give an alert hook a new token, shown once; the old one stops working (If-Match)"},
    {verb::post, "/api/v1/hooks/alertmanager", Permission::kAlertHook, &h::ReceiveAlertmanager,
     "Alertmanager's webhook receiver; the hook's token as 'Authorization: Bearer <token>'"},
    {verb::post, "/api/v1/hooks/alertmanager/{token}", Permission::kAlertHook,
     &h::ReceiveAlertmanager, "Alertmanager's webhook receiver, the hook's token in the URL"},
    {verb::get, "/api/v1/actions", Permission::kRead, &h::ListActionsAcrossIncidents,
     "Action items across incidents (owner=me|ID, status, overdue=true), overdue first"},
};

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

bool RouteTakesFiles(verb method, std::string_view path) {
  // Asked for every request: reads, which carry no body, need no second pass over the routes.
  if (method == verb::get || method == verb::head || method == verb::delete_) return false;
  // Segments as sent: literal segments of patterns are plain ASCII, and a {placeholder} matches
  // any segment, so decoding would change no match.
  std::vector<std::string> segments;
  path.remove_prefix(path.starts_with('/') ? 1 : 0);
  while (true) {
    size_t slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  std::vector<std::string> parameters;
  for (const Route& route : kRoutes) {
    if (route.method == method && Matches(route.pattern, segments, parameters)) {
      return route.takes_files;
    }
  }
  return false;
}

namespace {

bool IsSafe(verb method) { return method == verb::get || method == verb::head; }

core::Result<ApiResponse> Run(Services& services, const Route& route, Context& context) {
  if (route.permission == Permission::kAlertHook) {
    DEBRIEF_ASSIGN_OR_RETURN(
        context.alert_hook,
        services.authenticator.ResolveAlertHook(
            context.request, context.path_parameters.empty() ? "" : context.path_parameters[0]));
    return route.handler(context);
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<Authenticated> caller,
                           route.permission == Permission::kPublic
                               ? core::Result<std::optional<Authenticated>>(std::nullopt)
                               : services.authenticator.Resolve(context.request));
  if (caller) {
    context.principal = caller->principal;
    if (caller->via_cookie) context.csrf_token = caller->csrf_token;
  }
  DEBRIEF_RETURN_IF_ERROR(
      core::Authorize(context.principal ? &*context.principal : nullptr, route.permission));
  if (caller && !IsSafe(route.method)) {
    DEBRIEF_RETURN_IF_ERROR(services.authenticator.CheckCsrf(context.request, *caller));
  }
  if (!IsSafe(route.method) || !context.principal || !Anonymisable(route.pattern)) {
    return route.handler(context);
  }
  DEBRIEF_ASSIGN_OR_RETURN(bool requested, AnonymisedRequested(context));
  DEBRIEF_ASSIGN_OR_RETURN(ApiResponse response, route.handler(context));
  if (core::SeesAnonymised(*context.principal, requested) && !AlreadyAnonymised(response)) {
    DEBRIEF_RETURN_IF_ERROR(AnonymiseResponse(context, route.pattern, response));
  }
  return response;
}

}  // namespace

std::span<const Route> Routes() { return kRoutes; }

ApiResponse ProblemResponse(const core::Error& error, const ApiRequest& request, unsigned status) {
  ApiResponse response;
  response.status = status != 0 ? status : StatusFor(error.code());
  response.content_type = "application/problem+json";
  response.body = ProblemJson(error, response.status, request.path, request.request_id);
  if (response.status == 401) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"debrief\"");
  }
  return response;
}

ApiResponse Dispatch(Services& services, const ApiRequest& request, std::string& route_pattern,
                     std::optional<int64_t>& user_id) {
  if (IsUiPath(request.path) && (request.method == verb::get || request.method == verb::head)) {
    route_pattern = "ui";
    if (auto response = ServeUi(request, WebAssets())) return std::move(*response);
  }
  std::vector<std::string> parameters;
  std::string allowed;
  verb method = request.method == verb::head ? verb::get : request.method;
  for (const Route& route : kRoutes) {
    if (!Matches(route.pattern, request.segments, parameters)) continue;
    route_pattern = std::string(route.pattern);
    if (route.method != method) {
      allowed +=
          (allowed.empty() ? "" : ", ") + std::string(boost::beast::http::to_string(route.method));
      continue;
    }
    Context context{services, request, std::move(parameters), std::nullopt, route_pattern};
    core::Result<ApiResponse> result = [&]() -> core::Result<ApiResponse> {
      try {
        return Run(services, route, context);
      } catch (const std::exception& exception) {
        return core::Error::Internal(exception.what());
      }
    }();
    if (context.principal) user_id = context.principal->user_id;
    if (!result) return ProblemResponse(result.error(), request);
    return std::move(*result);
  }
  if (!allowed.empty()) {
    ApiResponse response = ProblemResponse(
        core::Error::InvalidArgument(std::string(boost::beast::http::to_string(request.method)) +
                                     " is not allowed here; use " + allowed),
        request, 405);
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  route_pattern = "unmatched";
  return ProblemResponse(core::Error::NotFound("no such endpoint: " + request.path), request);
}

}  // namespace debrief::http
