#include "http/handlers/common.h"

#include <algorithm>

#include "app/change_by.h"
#include "app/check_options.h"
#include "app/language_feedback.h"
#include "formats/json/record_json.h"

namespace debrief::http::handlers {

core::Result<core::Incident> LoadIncident(Context& context) {
  return context.store().GetIncident(context.path_parameters.at(0));
}

core::IncidentRelation RelationOf(const Context& context, const core::Incident& incident,
                                  const std::vector<core::Participant>& participants) {
  return core::RelationTo(context.caller(), incident, participants);
}

store::Change ChangeBy(const Context& context, const boost::json::object& before,
                       const boost::json::object& after) {
  return app::ChangeBy(context.caller(), before, after);
}

ApiResponse Created(const Context& context, const boost::json::object& record) {
  ApiResponse response = ApiResponse::Versioned(record, 201);
  if (const auto* id = record.if_contains("id"); id && id->is_int64()) {
    response.headers.emplace_back("Location",
                                  context.request.path + "/" + std::to_string(id->get_int64()));
  }
  return response;
}

core::Result<std::string> StringField(const boost::json::object& body, std::string_view name) {
  const boost::json::value* value = body.if_contains(name);
  if (value == nullptr) {
    return core::Error::InvalidArgument(std::string(name) + " is required", std::string(name));
  }
  if (!value->is_string()) {
    return core::Error::InvalidArgument(std::string(name) + " must be a string", std::string(name));
  }
  return std::string(value->get_string());
}

core::Result<void> OnlyFields(const boost::json::object& body,
                              std::initializer_list<std::string_view> names) {
  for (const auto& [key, value] : body) {
    if (std::find(names.begin(), names.end(), std::string_view(key)) == names.end()) {
      return core::Error::InvalidArgument("unknown field " + formats::json::QuotedName(key),
                                          formats::json::QuotedName(key));
    }
  }
  return core::Ok();
}

std::shared_ptr<const language::Suppressions> SuppressionsFor(Context& context) {
  if (context.services.language_feedback == nullptr) return nullptr;
  auto suppressions = context.services.language_feedback->Suppressions(context.store());
  // Without them the pack's own rules still hold; a check is never failed here.
  return suppressions ? *suppressions : nullptr;
}

language::CheckOptions CheckOptionsFor(Context& context, int64_t incident_id) {
  auto participants = context.store().participants().List(incident_id);
  // Without the names the checker still finds pronouns and roles; a write is never failed here.
  language::CheckOptions options =
      app::CheckOptionsFor(participants ? *participants : std::vector<core::Participant>{});
  options.suppressions = SuppressionsFor(context);
  return options;
}

}  // namespace debrief::http::handlers
