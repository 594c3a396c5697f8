#include "http/handlers/comment_access.h"

#include <algorithm>
#include <map>

#include "http/handlers/common.h"

namespace debrief::http::handlers {
namespace {

// Accounts of the incident by id, with whether the caller may read each.
class AccountAccess {
 public:
  static core::Result<AccountAccess> Load(Context& context, const core::Incident& incident) {
    AccountAccess access;
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                             context.store().participants().List(incident.id));
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Account> accounts,
                             context.store().accounts().List(incident.id));
    core::IncidentRelation relation = RelationOf(context, incident, participants);
    for (const core::Account& account : accounts) {
      access.readable_[account.id] = core::CanReadAccount(context.caller(), account, relation);
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AccountEntry> entries,
                             context.store().entries().List(incident.id));
    for (const core::AccountEntry& entry : entries)
      access.entry_account_[entry.id] = entry.account_id;
    return access;
  }

  bool AccountReadable(int64_t account_id) const {
    auto found = readable_.find(account_id);
    return found != readable_.end() && found->second;
  }
  bool EntryReadable(int64_t entry_id) const {
    auto found = entry_account_.find(entry_id);
    return found != entry_account_.end() && AccountReadable(found->second);
  }

 private:
  std::map<int64_t, bool> readable_;
  std::map<int64_t, int64_t> entry_account_;
};

template <class T>
core::Result<void> RecordExists(Context& context, int64_t incident_id, int64_t id) {
  auto record = store::RecordsOf<T>(context.store()).Get(incident_id, id);
  if (record) return core::Ok();
  if (record.error().code() != core::ErrorCode::kNotFound) return record.error();
  return core::Error::InvalidArgument("anchor names " + std::string(T::kNoun) + " " +
                                          std::to_string(id) + ", which is not on this incident",
                                      "anchor");
}

bool Hidden(const AccountAccess& access, const core::ReviewComment& comment) {
  auto anchor = core::ParseCommentAnchor(comment.anchor);
  if (!anchor) return false;
  if (anchor->kind == "account") return !access.AccountReadable(anchor->record_id);
  if (anchor->kind == "entry") return !access.EntryReadable(anchor->record_id);
  return false;
}

bool OnAnAccount(const core::ReviewComment& comment) {
  return comment.anchor.starts_with("account:") || comment.anchor.starts_with("entry:");
}

}  // namespace

core::Result<std::vector<core::ReviewComment>> VisibleComments(Context& context,
                                                               const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewComment> comments,
                           context.store().comments().List(incident.id));
  if (std::none_of(comments.begin(), comments.end(), OnAnAccount)) return comments;
  DEBRIEF_ASSIGN_OR_RETURN(AccountAccess access, AccountAccess::Load(context, incident));
  std::erase_if(comments,
                [&](const core::ReviewComment& comment) { return Hidden(access, comment); });
  return comments;
}

core::Result<void> CheckCommentReadable(Context& context, const core::Incident& incident,
                                        const core::ReviewComment& comment) {
  if (!OnAnAccount(comment)) return core::Ok();
  DEBRIEF_ASSIGN_OR_RETURN(AccountAccess access, AccountAccess::Load(context, incident));
  if (!Hidden(access, comment)) return core::Ok();
  return core::Error::NotFound("no comment " + std::to_string(comment.id) + " on this incident");
}

core::Result<void> CheckAnchorReadable(Context& context, const core::Incident& incident,
                                       const core::CommentAnchor& anchor) {
  int64_t id = anchor.record_id;
  if (anchor.is_section()) return core::Ok();
  if (anchor.kind == "account" || anchor.kind == "entry") {
    DEBRIEF_ASSIGN_OR_RETURN(AccountAccess access, AccountAccess::Load(context, incident));
    bool readable =
        anchor.kind == "account" ? access.AccountReadable(id) : access.EntryReadable(id);
    if (readable) return core::Ok();
    // The same answer whether the account is private or missing.
    return core::Error::InvalidArgument(
        "anchor names " + anchor.kind + " " + std::to_string(id) + ", which you cannot read here",
        "anchor");
  }
  if (anchor.kind == "event") return RecordExists<core::TimelineEvent>(context, incident.id, id);
  if (anchor.kind == "decision") return RecordExists<core::DecisionPoint>(context, incident.id, id);
  if (anchor.kind == "factor") {
    return RecordExists<core::ContributingFactor>(context, incident.id, id);
  }
  if (anchor.kind == "work_as_done")
    return RecordExists<core::WorkAsDone>(context, incident.id, id);
  if (anchor.kind == "action") return RecordExists<core::ActionItem>(context, incident.id, id);
  if (anchor.kind == "lesson") return RecordExists<core::Lesson>(context, incident.id, id);
  return core::Error::InvalidArgument("anchor names an unknown kind of record", "anchor");
}

}  // namespace debrief::http::handlers
