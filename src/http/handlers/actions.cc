// Action items across incidents: "my open action items, overdue first".
#include <boost/json.hpp>
#include <charconv>

#include "app/incident_access.h"
#include "formats/json/record_json.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {

namespace bj = boost::json;

core::Result<ApiResponse> ListActionsAcrossIncidents(Context& context) {
  store::ActionQuery query;
  core::Date today = std::chrono::floor<std::chrono::days>(context.services.clock.Now());
  if (auto owner = context.Query("owner")) {
    if (*owner == "me") {
      query.owner_id = context.caller().user_id;
    } else {
      int64_t id = 0;
      auto [end, error] = std::from_chars(owner->data(), owner->data() + owner->size(), id);
      if (error != std::errc() || end != owner->data() + owner->size() || id <= 0) {
        return core::Error::InvalidArgument("owner must be \"me\" or a user id", "owner");
      }
      query.owner_id = id;
    }
  }
  if (auto status = context.Query("status")) {
    query.status = core::ParseEnum<core::ActionStatus>(*status);
    if (!query.status) {
      return core::Error::InvalidArgument(
          "status must be " + core::AllowedValues<core::ActionStatus>(), "status");
    }
  }
  if (auto overdue = context.Query("overdue")) {
    if (*overdue != "true" && *overdue != "false") {
      return core::Error::InvalidArgument("overdue must be true or false", "overdue");
    }
    if (*overdue == "true") query.overdue_on = today;
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.hidden_incident_ids,
                           app::HiddenIncidents(context.store(), context.caller()));
  DEBRIEF_ASSIGN_OR_RETURN(auto actions, context.store().ListActions(query));
  bj::array items;
  for (const store::ActionWithIncident& found : actions) {
    bj::object object = formats::json::Encode(found.action);
    object["incident"] = found.incident_key;
    bool open = found.action.status == core::ActionStatus::kOpen ||
                found.action.status == core::ActionStatus::kInProgress;
    object["overdue"] = open && found.action.due_on && *found.action.due_on < today;
    items.emplace_back(std::move(object));
  }
  bj::object body;
  body["items"] = std::move(items);
  return ApiResponse::Json(body);
}

}  // namespace debrief::http::handlers
