// Health, readiness, metrics and the OpenAPI document.
#include <boost/json.hpp>

#include "formats/json/record_json.h"
#include "http/handlers/handlers.h"
#include "http/metrics.h"
#include "http/router.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

std::string_view MethodName(boost::beast::http::verb method) {
  switch (method) {
    case boost::beast::http::verb::get:
      return "get";
    case boost::beast::http::verb::post:
      return "post";
    case boost::beast::http::verb::patch:
      return "patch";
    case boost::beast::http::verb::delete_:
      return "delete";
    default:
      return "put";
  }
}

bj::object Components() {
  bj::object schemas;
  schemas["Incident"] = formats::json::Schema<core::Incident>();
  schemas["Participant"] = formats::json::Schema<core::Participant>();
  schemas["Account"] = formats::json::Schema<core::Account>();
  schemas["AccountEntry"] = formats::json::Schema<core::AccountEntry>();
  schemas["TimelineEvent"] = formats::json::Schema<core::TimelineEvent>();
  schemas["DecisionPoint"] = formats::json::Schema<core::DecisionPoint>();
  schemas["ContributingFactor"] = formats::json::Schema<core::ContributingFactor>();
  schemas["WorkAsDone"] = formats::json::Schema<core::WorkAsDone>();
  schemas["ActionItem"] = formats::json::Schema<core::ActionItem>();
  schemas["Lesson"] = formats::json::Schema<core::Lesson>();
  schemas["Problem"] = {{"type", "object"},
                        {"properties",
                         {{"type", {{"type", "string"}}},
                          {"title", {{"type", "string"}}},
                          {"status", {{"type", "integer"}}},
                          {"detail", {{"type", "string"}}},
                          {"field", {{"type", "string"}}},
                          {"request_id", {{"type", "string"}}},
                          {"errors", {{"type", "array"}}}}}};
  return {{"schemas", std::move(schemas)},
          {"securitySchemes",
           {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
            {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "debrief_session"}}}}}};
}

// The schema a route's body carries, by the collection named in its path.
std::string_view SchemaForPath(std::string_view pattern) {
  static constexpr std::pair<std::string_view, std::string_view> kByPath[] = {
      {"/entries", "AccountEntry"},     {"/accounts", "Account"},
      {"/participants", "Participant"}, {"/events", "TimelineEvent"},
      {"/decisions", "DecisionPoint"},  {"/factors", "ContributingFactor"},
      {"/work-as-done", "WorkAsDone"},  {"/actions", "ActionItem"},
      {"/lessons", "Lesson"},           {"/incidents", "Incident"}};
  for (const auto& [fragment, schema] : kByPath) {
    if (pattern.find(fragment) != std::string_view::npos) return schema;
  }
  return {};
}

}  // namespace

core::Result<ApiResponse> Healthz(Context&) {
  ApiResponse response;
  response.body = R"({"status":"ok"})";
  return response;
}

core::Result<ApiResponse> Readyz(Context& context) {
  DEBRIEF_RETURN_IF_ERROR(context.store().Ping());
  return ApiResponse::Json({{"status", "ready"}});
}

core::Result<ApiResponse> MetricsText(Context& context) {
  ApiResponse response;
  response.content_type = "text/plain; version=0.0.4";
  response.body = context.services.metrics.Render();
  return response;
}

core::Result<ApiResponse> OpenApi(Context&) {
  bj::object paths;
  for (const Route& route : Routes()) {
    bj::object operation;
    operation["summary"] = route.summary;
    bj::array parameters;
    std::string_view pattern = route.pattern;
    for (size_t open = pattern.find('{'); open != std::string_view::npos;
         open = pattern.find('{', open + 1)) {
      size_t close = pattern.find('}', open);
      parameters.push_back({{"name", pattern.substr(open + 1, close - open - 1)},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    if (route.permission == core::Permission::kPublic) {
      operation["security"] = bj::array();
    }
    std::string_view schema = SchemaForPath(pattern);
    bool has_body = route.method == boost::beast::http::verb::post ||
                    route.method == boost::beast::http::verb::patch;
    if (has_body && !schema.empty() && pattern.starts_with("/api/v1/incidents")) {
      operation["requestBody"] = {
          {"content",
           {{"application/json",
             {{"schema", {{"$ref", "#/components/schemas/" + std::string(schema)}}}}}}}};
    }
    bj::object responses;
    responses["default"] = {
        {"description", "An error"},
        {"content",
         {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
    // A POST creates something (201), except the lint, which only computes an answer.
    bool creates = route.method == boost::beast::http::verb::post && pattern != "/api/v1/lint";
    responses[creates ? "201" : "200"] = {{"description", "Success"}};
    operation["responses"] = std::move(responses);
    bj::value& path = paths[route.pattern];
    if (!path.is_object()) path.emplace_object();
    path.get_object()[MethodName(route.method)] = std::move(operation);
  }
  bj::object document{{"openapi", "3.0.3"},
                      {"info",
                       {{"title", "debrief API"},
                        {"version", "1"},
                        {"description",
                         "Blameless post-incident reviews: incidents, personal accounts, the "
                         "merged timeline, and what the organisation learns from them."}}},
                      {"security", {{{"bearer", bj::array()}}, {{"session", bj::array()}}}},
                      {"paths", std::move(paths)},
                      {"components", Components()}};
  return ApiResponse::Json(document);
}

}  // namespace debrief::http::handlers
