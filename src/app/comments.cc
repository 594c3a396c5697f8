#include "app/comments.h"

#include "app/change_by.h"
#include "app/comment_access.h"
#include "core/comment_anchor.h"
#include "core/validation.h"

namespace debrief::app {
namespace {

core::Result<void> CheckBody(const core::ReviewComment& comment) {
  if (core::IsBlank(comment.body)) {
    return core::Error::InvalidArgument("body is required: say what the comment is about", "body");
  }
  return core::Ok();
}

// A reply takes its comment's anchor (naming another is refused).
// A comment the caller may not read counts as absent: replying to it must not reveal that it
// exists.
core::Result<void> AnchorReply(store::Store& store, const core::Principal& caller,
                               const core::Incident& incident, core::ReviewComment& reply) {
  auto parent = store.comments().Get(incident.id, *reply.reply_to);
  if (!parent && parent.error().code() != core::ErrorCode::kNotFound) return parent.error();
  if (parent) {
    auto readable = CheckCommentReadable(store, caller, incident, *parent);
    if (!readable && readable.error().code() != core::ErrorCode::kNotFound) {
      return readable.error();
    }
    if (!readable) parent = core::Error::NotFound("no such comment");
  }
  if (!parent) {
    return core::Error::InvalidArgument("reply_to names comment " +
                                            std::to_string(*reply.reply_to) +
                                            ", which is not on this incident",
                                        "reply_to");
  }
  if (!reply.anchor.empty() && reply.anchor != parent->anchor) {
    return core::Error::InvalidArgument(
        "a reply is anchored where its comment is; leave anchor out", "anchor");
  }
  reply.anchor = parent->anchor;
  return core::Ok();
}

}  // namespace

core::Result<core::ReviewComment> LoadReadableComment(store::Store& store,
                                                      const core::Principal& caller,
                                                      const core::Incident& incident, int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewComment comment, store.comments().Get(incident.id, id));
  DEBRIEF_RETURN_IF_ERROR(CheckCommentReadable(store, caller, incident, comment));
  return comment;
}

core::Result<core::ReviewComment> AddComment(store::Store& store, Notifier notifier,
                                             const core::Principal& caller,
                                             const core::Incident& incident,
                                             core::ReviewComment draft) {
  draft.incident_id = incident.id;
  draft.author_id = caller.user_id;
  if (draft.reply_to) DEBRIEF_RETURN_IF_ERROR(AnchorReply(store, caller, incident, draft));
  if (draft.anchor.empty()) {
    return core::Error::InvalidArgument(
        "anchor is required: what the comment is about, such as section:factors or event:12",
        "anchor");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::CommentAnchor anchor, core::ParseCommentAnchor(draft.anchor));
  DEBRIEF_RETURN_IF_ERROR(CheckAnchorReadable(store, caller, incident, anchor));
  DEBRIEF_RETURN_IF_ERROR(CheckBody(draft));
  store::Change change = ChangeBy(caller, {}, formats::json::Encode(draft));
  core::ReviewComment stored;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored, store.comments().Insert(draft, change));
    DEBRIEF_RETURN_IF_ERROR(notifier.Mentioned(incident, stored));
    return core::Ok();
  }));
  return stored;
}

core::Result<core::ReviewComment> ChangeComment(store::Store& store, Notifier notifier,
                                                const core::Principal& caller,
                                                const core::Incident& incident,
                                                const core::ReviewComment& current,
                                                const core::ReviewComment& updated,
                                                int64_t expected_version) {
  DEBRIEF_RETURN_IF_ERROR(
      core::AuthorizeCommentWrite(caller, current, updated.body != current.body));
  DEBRIEF_RETURN_IF_ERROR(CheckBody(updated));
  store::Change change =
      ChangeBy(caller, formats::json::Encode(current), formats::json::Encode(updated));
  core::ReviewComment stored;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored, store.comments().Update(updated, expected_version, change));
    // Someone newly mentioned in the new words is told; those told before are not told again.
    if (stored.body == current.body) return core::Ok();
    DEBRIEF_RETURN_IF_ERROR(notifier.Mentioned(incident, stored));
    return core::Ok();
  }));
  return stored;
}

core::Result<void> DeleteComment(store::Store& store, const core::Principal& caller,
                                 const core::Incident& incident, const core::ReviewComment& current,
                                 int64_t expected_version) {
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeCommentDelete(caller, current));
  store::Change change = ChangeBy(caller, formats::json::Encode(current), {});
  return store.comments().Delete(incident.id, current.id, expected_version, change);
}

}  // namespace debrief::app
