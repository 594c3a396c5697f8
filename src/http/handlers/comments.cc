// Review comments: anchored to a section or a record of the review, answered in threads, marked
// resolved. Their words belong to their author (core/authorization.h); comments on accounts are
// as private as the account (comment_access.h).
//
// GET    /incidents/{key}/comments[?anchor=event:12]
// POST   /incidents/{key}/comments        {"anchor", "body"} or {"reply_to", "body"}
// PATCH  /incidents/{key}/comments/{id}   {"body"} (author) or {"resolved"} (any member)
// DELETE /incidents/{key}/comments/{id}   (author or admin; replies go with it)
#include <boost/json.hpp>
#include <map>

#include "core/comment_anchor.h"
#include "core/validation.h"
#include "http/handlers/comment_access.h"
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

core::Result<void> CheckBody(const core::ReviewComment& comment) {
  if (core::IsBlank(comment.body)) {
    return core::Error::InvalidArgument("body is required: say what the comment is about", "body");
  }
  return core::Ok();
}

// The comment named in the path, if the caller may read it.
core::Result<core::ReviewComment> LoadComment(Context& context, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, "comment"));
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewComment comment,
                           context.store().comments().Get(incident.id, id));
  DEBRIEF_RETURN_IF_ERROR(CheckCommentReadable(context, incident, comment));
  return comment;
}

}  // namespace

core::Result<ApiResponse> ListComments(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  std::optional<std::string_view> anchor = context.Query("anchor");
  if (anchor) DEBRIEF_RETURN_IF_ERROR(core::ParseCommentAnchor(*anchor));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewComment> comments,
                           VisibleComments(context, incident));
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
  core::ReviewComment comment;
  comment.incident_id = incident.id;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kCreate, comment));
  comment.author_id = context.caller().user_id;
  if (comment.reply_to) {
    auto parent = context.store().comments().Get(incident.id, *comment.reply_to);
    if (!parent && parent.error().code() != core::ErrorCode::kNotFound) return parent.error();
    if (!parent) {
      return core::Error::InvalidArgument("reply_to names comment " +
                                              std::to_string(*comment.reply_to) +
                                              ", which is not on this incident",
                                          "reply_to");
    }
    if (!comment.anchor.empty() && comment.anchor != parent->anchor) {
      return core::Error::InvalidArgument(
          "a reply is anchored where its comment is; leave anchor out", "anchor");
    }
    comment.anchor = parent->anchor;
  }
  if (comment.anchor.empty()) {
    return core::Error::InvalidArgument(
        "anchor is required: what the comment is about, such as section:factors or event:12",
        "anchor");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::CommentAnchor anchor, core::ParseCommentAnchor(comment.anchor));
  DEBRIEF_RETURN_IF_ERROR(CheckAnchorReadable(context, incident, anchor));
  DEBRIEF_RETURN_IF_ERROR(CheckBody(comment));
  store::Change change = ChangeBy(context, {}, formats::json::Encode(comment));
  core::ReviewComment stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored, context.store().comments().Insert(comment, change));
    DEBRIEF_RETURN_IF_ERROR(NotifierFor(context).Mentioned(incident, stored));
    return core::Ok();
  }));
  return Created(context, EncodeComment(context, incident.id, stored));
}

core::Result<ApiResponse> PatchComment(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewComment current, LoadComment(context, incident));
  core::ReviewComment updated = current;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kPatch, updated));
  DEBRIEF_RETURN_IF_ERROR(
      core::AuthorizeCommentWrite(context.caller(), current, updated.body != current.body));
  DEBRIEF_RETURN_IF_ERROR(CheckBody(updated));
  store::Change change =
      ChangeBy(context, formats::json::Encode(current), formats::json::Encode(updated));
  core::ReviewComment stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored,
                             context.store().comments().Update(updated, expected_version, change));
    // Someone newly mentioned in the new words is told; those told before are not told again.
    if (stored.body == current.body) return core::Ok();
    DEBRIEF_RETURN_IF_ERROR(NotifierFor(context).Mentioned(incident, stored));
    return core::Ok();
  }));
  return ApiResponse::Versioned(EncodeComment(context, incident.id, stored));
}

core::Result<ApiResponse> DeleteComment(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewComment current, LoadComment(context, incident));
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeCommentDelete(context.caller(), current));
  store::Change change = ChangeBy(context, formats::json::Encode(current), {});
  DEBRIEF_RETURN_IF_ERROR(
      context.store().comments().Delete(incident.id, current.id, expected_version, change));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
