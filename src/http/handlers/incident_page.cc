// GET /incidents/{key}/page: what the incident's page needs first, in one request, made of the
// answers of the routes the page would otherwise call one by one. Each part goes through the
// router as its own request would (authorisation, the anonymised view, the caches), so the page
// shows exactly what those routes show the caller, and nothing is decided twice.
#include <array>
#include <string>
#include <string_view>

#include "http/handlers/handlers.h"
#include "http/router.h"

namespace debrief::http::handlers {

namespace {

// One part, asked of the router as the caller's own GET of it would be.
ApiResponse Ask(Context& context, const std::string& key, std::string_view route) {
  ApiRequest sub;
  sub.method = boost::beast::http::verb::get;
  sub.segments = {"api", "v1", "incidents", key};
  if (!route.empty()) sub.segments.emplace_back(route);
  sub.path = context.request.path;
  sub.query = context.request.query;  // ?anonymised=true reaches every part.
  sub.headers = context.request.headers;
  // A condition on the page is not one on its parts: each part answers in full.
  sub.headers.erase("if-none-match");
  sub.headers.erase("if-match");
  sub.client_address = context.request.client_address;
  sub.request_id = context.request.request_id;
  // The caller as the router found them for the page: the parts are not authenticated again
  // (a token's lookup, four times, cost more than the parts' own reads).
  sub.admitted = Authenticated{
      context.caller(), !context.csrf_token.empty(), context.csrf_token, {}, context.via_proxy};
  std::string route_pattern;
  std::optional<int64_t> user_id;
  return Dispatch(context.services, sub, route_pattern, user_id);
}

}  // namespace

core::Result<ApiResponse> GetIncidentPage(Context& context) {
  const std::string& key = context.path_parameters.at(0);
  struct Part {
    std::string_view name;
    std::string_view route;  // After /api/v1/incidents/{key}; empty for the incident itself.
  };
  constexpr std::array<Part, 5> kParts{{{"incident", ""},
                                        {"participants", "participants"},
                                        {"accounts", "accounts"},
                                        {"imports", "imports"},
                                        {"audiences", "audiences"}}};
  ApiResponse page;
  page.body = "{";
  bool anonymised = false;
  std::optional<ApiResponse> failed;
  // One read transaction for all parts: they show the incident as of one moment, and SQLite
  // takes its read lock once instead of for every statement.
  DEBRIEF_RETURN_IF_ERROR(context.store().InSnapshot([&]() -> core::Result<void> {
    for (const Part& part : kParts) {
      ApiResponse answer = Ask(context, key, part.route);
      if (answer.search_work || answer.off_loop || answer.parts) {
        return core::Error::Internal("the incident page's part " + std::string(part.name) +
                                     " did not answer at once");
      }
      // The first part that fails is the page's answer (a 404 for an unknown incident).
      if (answer.status != 200) {
        failed = std::move(answer);
        return core::Ok();
      }
      for (const auto& header : answer.headers) {
        if (header.first == "Debrief-Anonymised") anonymised = true;
      }
      if (page.body.size() > 1) page.body += ',';
      page.body += '"';
      page.body += part.name;
      page.body += "\":";
      page.body += answer.body;
    }
    return core::Ok();
  }));
  if (failed) return std::move(*failed);
  page.body += '}';
  // The parts were anonymised for the caller: the router must not do it again to the whole.
  if (anonymised) page.headers.emplace_back("Debrief-Anonymised", "true");
  return page;
}

}  // namespace debrief::http::handlers
