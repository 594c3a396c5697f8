// Health, readiness, metrics and the OpenAPI document.
#include <boost/json.hpp>

#include "http/handlers/handlers.h"
#include "http/metrics.h"
#include "http/openapi/openapi.h"

namespace debrief::http::handlers {

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
  response.body +=
      "# HELP debrief_library_index_builds_total Times this instance built its library search "
      "index whole from the database (a review published elsewhere is applied alone).\n"
      "# TYPE debrief_library_index_builds_total counter\n"
      "debrief_library_index_builds_total " +
      std::to_string(context.store().LibraryIndexBuilds()) + "\n";
  return response;
}

core::Result<ApiResponse> OpenApi(Context&) {
  // Serialised once: the document is the same for every caller and every request.
  static const std::string body = boost::json::serialize(openapi::Document());
  ApiResponse response;
  response.body = body;
  return response;
}

}  // namespace debrief::http::handlers
