// Erasing a person on request (admins only; the router checks): app/erasure.h.
#include <boost/json.hpp>

#include "app/erasure.h"
#include "formats/json/record_json.h"
#include "formats/json/values.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {

namespace bj = boost::json;

core::Result<ApiResponse> ErasePerson(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(0, "user"));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  app::ErasureRequest request;
  request.user_id = id;
  // The admin confirms the person as they saw them: a stale page erases nobody.
  DEBRIEF_ASSIGN_OR_RETURN(request.version, context.ExpectedVersion());
  constexpr size_t kMostOtherNames = 20;
  for (const auto& [key, value] : body) {
    if (key != "also_known_as") {
      return core::Error::InvalidArgument("unknown field " + formats::json::QuotedName(key),
                                          formats::json::QuotedName(key));
    }
    DEBRIEF_RETURN_IF_ERROR(
        formats::json::FromJson(value, {"also_known_as", 120}, request.also_known_as));
    if (request.also_known_as.size() > kMostOtherNames) {
      return core::Error::InvalidArgument(
          "also_known_as holds at most " + std::to_string(kMostOtherNames) + " names",
          "also_known_as");
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      app::ErasureReport report,
      app::ErasePerson(context.store(), context.services.clock, context.caller(), request));
  return ApiResponse::Json(app::ErasureReportJson(report, true));
}

}  // namespace debrief::http::handlers
