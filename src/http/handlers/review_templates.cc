// Review templates: GET /review-templates (everyone reads how reviews are written), PUT and
// DELETE /review-templates/{severity|default} (admins), and GET /incidents/{key}/template, the
// template an incident's review follows.
#include <boost/json.hpp>

#include "app/review_templates.h"
#include "formats/json/review_template_json.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace bj = boost::json;
using formats::json::EncodeTemplate;

core::Result<ApiResponse> ListReviewTemplates(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewTemplate> templates,
                           context.store().ListReviewTemplates());
  bj::array items;
  for (const core::ReviewTemplate& review_template : templates) {
    items.push_back(EncodeTemplate(review_template));
  }
  return ApiResponse::Json(
      {{"items", std::move(items)}, {"built_in", EncodeTemplate(core::BuiltInTemplate())}});
}

core::Result<ApiResponse> PutReviewTemplate(Context& context) {
  int64_t expected_version = 0;
  if (context.request.Header("if-none-match") != "*") {
    DEBRIEF_ASSIGN_OR_RETURN(expected_version, context.ExpectedVersion());
  }
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"sections"}));
  core::ReviewTemplate review_template;
  review_template.severity = context.path_parameters.at(0);
  DEBRIEF_ASSIGN_OR_RETURN(review_template.sections, formats::json::DecodeTemplateSections(body));
  DEBRIEF_ASSIGN_OR_RETURN(
      core::ReviewTemplate stored,
      app::SaveTemplate(context.store(), context.services.severity_scale,
                        std::move(review_template), expected_version, context.caller().user_id));
  return ApiResponse::Versioned(EncodeTemplate(stored));
}

core::Result<ApiResponse> DeleteReviewTemplate(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_RETURN_IF_ERROR(context.store().DeleteReviewTemplate(
      context.path_parameters.at(0), expected_version,
      {context.caller().user_id,
       bj::serialize(bj::object{{"severity", context.path_parameters.at(0)}})}));
  return ApiResponse::NoContent();
}

core::Result<ApiResponse> GetIncidentTemplate(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewTemplate review_template,
                           app::TemplateOf(context.store(), incident));
  return ApiResponse::Json(EncodeTemplate(review_template));
}

}  // namespace debrief::http::handlers
