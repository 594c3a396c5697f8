// GET /api/v1/incidents/{key}/export?format=md|html|json[&anonymised=true]: the review as a file.
// GET /api/v1/incidents/{key}/versions/{n}/export?format=md|html: a published version, as it was
// published, to read in the browser or print.
// Every format is rendered from an anonymised document when the reader sees names replaced, so
// no name reaches the file in the first place, and the JSON holds no user id that leads back to
// one (the router leaves a response marked Debrief-Anonymised as it is).
#include <boost/json.hpp>

#include "app/anonymisation.h"
#include "app/incident_document.h"
#include "core/authorization.h"
#include "formats/incident_snapshot.h"
#include "http/anonymised_view.h"
#include "http/handlers/handlers.h"
#include "render/incident_html.h"
#include "render/incident_markdown.h"

namespace debrief::http::handlers {
namespace {

// Markdown, HTML or JSON of `document`, anonymised when the reader sees names replaced.
core::Result<ApiResponse> RenderFile(Context& context, render::IncidentDocument document,
                                     const std::string& format, const std::string& disposition) {
  DEBRIEF_ASSIGN_OR_RETURN(bool requested, AnonymisedRequested(context));
  bool anonymised = core::SeesAnonymised(context.caller(), requested);
  if (anonymised) {
    // The one policy of every anonymised read (app/anonymisation.h).
    DEBRIEF_RETURN_IF_ERROR(app::Anonymisation(context.store()).Anonymise(document));
  }
  // Rendering a large review takes long enough to hold up everyone else: it runs on a worker,
  // on the document gathered (and anonymised) here.
  ApiResponse response;
  auto gathered = std::make_shared<const render::IncidentDocument>(std::move(document));
  response.off_loop = [gathered, format, anonymised]() -> LoopStep {
    auto file = std::make_shared<ApiResponse>();
    if (format == "json") {
      *file =
          ApiResponse::Json(formats::IncidentDocumentJson(*gathered, {.anonymised = anonymised}));
    } else if (format == "md") {
      file->content_type = "text/markdown; charset=utf-8";
      file->body = render::RenderMarkdown(*gathered);
    } else {
      file->content_type = "text/html; charset=utf-8";
      file->body = render::RenderHtml(*gathered);
    }
    return [file]() -> core::Result<ApiResponse> { return std::move(*file); };
  };
  if (format == "html") {
    // The page's own stylesheet is inline; nothing else may load or run.
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'none'; style-src 'unsafe-inline'; "
                                  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  }
  response.headers.emplace_back("Content-Disposition", disposition);
  if (anonymised) response.headers.emplace_back("Debrief-Anonymised", "true");
  return response;
}

}  // namespace

core::Result<ApiResponse> ExportIncident(Context& context) {
  std::string format(context.Query("format").value_or("md"));
  if (format != "md" && format != "html" && format != "json") {
    return core::Error::InvalidArgument("format must be md, html or json", "format");
  }
  std::string events(context.Query("events").value_or("all"));
  if (events != "all" && events != "starred") {
    return core::Error::InvalidArgument(
        "events must be all, or starred for a short export with the key events only", "events");
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      render::IncidentDocument document,
      app::LoadIncidentDocument(context.store(), context.path_parameters.at(0)));
  if (events == "starred") {
    std::erase_if(document.events, [](const core::TimelineEvent& event) { return !event.starred; });
  }
  std::string file = document.incident.key + "." + format;
  return RenderFile(context, std::move(document), format, "attachment; filename=\"" + file + "\"");
}

core::Result<ApiResponse> ExportPublishedVersion(Context& context) {
  std::string format(context.Query("format").value_or("html"));
  if (format != "md" && format != "html") {
    return core::Error::InvalidArgument(
        "format must be md or html (the version itself is JSON at .../versions/{n})", "format");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident,
                           context.store().GetIncident(context.path_parameters.at(0)));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t number, context.IdParameter(1, "published version"));
  DEBRIEF_ASSIGN_OR_RETURN(core::PublishedVersion version,
                           context.store().GetPublishedVersion(incident.id, number));
  boost::system::error_code error;
  boost::json::value snapshot = boost::json::parse(version.snapshot, error);
  if (error || !snapshot.is_object()) {
    return core::Error::Internal("published version " + std::to_string(number) + " of " +
                                 incident.key + " cannot be read");
  }
  DEBRIEF_ASSIGN_OR_RETURN(render::IncidentDocument document,
                           formats::DecodeIncidentDocument(snapshot.get_object()));
  // Versions published before snapshots kept people's names: today's directory names them.
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, context.store().ListUsers());
  for (const core::User& user : users) document.user_names.try_emplace(user.id, user.name);
  std::string file = incident.key + "-v" + std::to_string(number) + "." + format;
  return RenderFile(context, std::move(document), format, "inline; filename=\"" + file + "\"");
}

}  // namespace debrief::http::handlers
