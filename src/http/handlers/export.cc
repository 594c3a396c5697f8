// GET /api/v1/incidents/{key}/export?format=md|html|json[&anonymised=true]: the review as a file.
// JSON is anonymised by the router like every incident read; Markdown and HTML are rendered
// from an anonymised document here, so no name reaches the file in the first place.
#include "core/authorization.h"
#include "http/anonymised_view.h"
#include "http/handlers/handlers.h"
#include "http/incident_export.h"

namespace debrief::http::handlers {

core::Result<ApiResponse> ExportIncident(Context& context) {
  std::string format(context.Query("format").value_or("md"));
  if (format != "md" && format != "html" && format != "json") {
    return core::Error::InvalidArgument("format must be md, html or json", "format");
  }
  DEBRIEF_ASSIGN_OR_RETURN(bool requested, AnonymisedRequested(context));
  DEBRIEF_ASSIGN_OR_RETURN(render::IncidentDocument document,
                           LoadIncidentDocument(context.store(), context.path_parameters.at(0)));
  if (format == "json") return ApiResponse::Json(IncidentDocumentJson(document));
  bool anonymised = core::SeesAnonymised(context.caller(), requested);
  if (anonymised) {
    render::AnonymiseDocument(document, render::DocumentAnonymiser(document));
  }
  ApiResponse response;
  if (format == "md") {
    response.content_type = "text/markdown; charset=utf-8";
    response.body = render::RenderMarkdown(document);
  } else {
    response.content_type = "text/html; charset=utf-8";
    response.body = render::RenderHtml(document);
  }
  response.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + document.incident.key + "." + format + "\"");
  if (anonymised) response.headers.emplace_back("Debrief-Anonymised", "true");
  return response;
}

}  // namespace debrief::http::handlers
