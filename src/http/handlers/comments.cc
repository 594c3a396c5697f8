// Review comments: anchored to a section or a record of the review, answered in threads, marked
// resolved. Their words belong to their author (core/authorization.h); comments on accounts are
// as private as the account (app/comment_access.h). The use cases are app/comments.h.
//
// GET    /incidents/{key}/comments[?anchor=event:12]
// POST   /incidents/{key}/comments        {"anchor", "body"} or {"reply_to", "body"}
// PATCH  /incidents/{key}/comments/{id}   {"body"} (author) or {"resolved"} (any member)
// DELETE /incidents/{key}/comments/{id}   (author or admin; replies go with it)
#include <boost/json.hpp>
#include <map>

#include "app/comment_access.h"
#include "app/comments.h"
#include "core/comment_anchor.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// A comment with its author's name and the language findings in its words.
bj::object EncodeComment(Context& context, int64_t incident_id,
                         const core::ReviewComment& comment) {
  bj::object object = EncodeWithFindings(context, incident_id, comment);
  auto author = context.store().GetUser(comment.author_id);
  object["author"] = author ? author->name : "";
  return object;
}

// The comment named in the path, if the caller may read it.
core::Result<core::ReviewComment> LoadComment(Context& context, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, "comment"));
  return app::LoadReadableComment(context.store(), context.caller(), incident, id);
}

}  // namespace

core::Result<ApiResponse> ListComments(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  std::optional<std::string_view> anchor = context.Query("anchor");
  if (anchor) DEBRIEF_RETURN_IF_ERROR(core::ParseCommentAnchor(*anchor));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewComment> comments,
                           app::VisibleComments(context.store(), context.caller(), incident));
  // Authors' names from one read of the directory, not one per comment.
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, context.store().ListUsers());
  std::map<int64_t, std::string> names;
  for (const core::User& user : users) names[user.id] = user.name;
  bj::array items;
  for (const core::ReviewComment& comment : comments) {
    if (anchor && comment.anchor != *anchor) continue;
    bj::object item = formats::json::Encode(comment);
    item["author"] = names[comment.author_id];
    items.push_back(std::move(item));
  }
  return ApiResponse::Json({{"items", std::move(items)}});
}

core::Result<ApiResponse> CreateComment(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  if (body.contains("resolved")) {
    return core::Error::InvalidArgument("a new comment is open; resolve it once it is answered",
                                        "resolved");
  }
  core::ReviewComment draft;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kCreate, draft));
  DEBRIEF_ASSIGN_OR_RETURN(
      core::ReviewComment stored,
      app::AddComment(context.store(), NotifierFor(context), context.caller(), incident, draft));
  return Created(context, EncodeComment(context, incident.id, stored));
}

core::Result<ApiResponse> PatchComment(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewComment current, LoadComment(context, incident));
  core::ReviewComment updated = current;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kPatch, updated));
  DEBRIEF_ASSIGN_OR_RETURN(
      core::ReviewComment stored,
      app::ChangeComment(context.store(), NotifierFor(context), context.caller(), incident, current,
                         updated, expected_version));
  return ApiResponse::Versioned(EncodeComment(context, incident.id, stored));
}

core::Result<ApiResponse> DeleteComment(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewComment current, LoadComment(context, incident));
  DEBRIEF_RETURN_IF_ERROR(
      app::DeleteComment(context.store(), context.caller(), incident, current, expected_version));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
