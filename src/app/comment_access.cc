#include "app/comment_access.h"

#include <algorithm>
#include <map>

namespace debrief::app {
namespace {

// Accounts of the incident by id, with whether the caller may read each.
class AccountAccess {
 public:
  static core::Result<AccountAccess> Load(store::Store& store, const core::Principal& caller,
                                          const core::Incident& incident) {
    AccountAccess access;
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                             store.participants().List(incident.id));
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Account> accounts,
                             store.accounts().List(incident.id));
    core::IncidentRelation relation = core::RelationTo(caller, incident, participants);
    for (const core::Account& account : accounts) {
      access.readable_[account.id] = core::CanReadAccount(caller, account, relation);
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AccountEntry> entries,
                             store.entries().List(incident.id));
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
core::Result<void> RecordExists(store::Store& store, int64_t incident_id, int64_t id) {
  auto record = store::RecordsOf<T>(store).Get(incident_id, id);
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

core::Result<std::vector<core::ReviewComment>> VisibleComments(store::Store& store,
                                                               const core::Principal& caller,
                                                               const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewComment> comments,
                           store.comments().List(incident.id));
  if (std::none_of(comments.begin(), comments.end(), OnAnAccount)) return comments;
  DEBRIEF_ASSIGN_OR_RETURN(AccountAccess access, AccountAccess::Load(store, caller, incident));
  std::erase_if(comments,
                [&](const core::ReviewComment& comment) { return Hidden(access, comment); });
  return comments;
}

core::Result<void> CheckCommentReadable(store::Store& store, const core::Principal& caller,
                                        const core::Incident& incident,
                                        const core::ReviewComment& comment) {
  if (!OnAnAccount(comment)) return core::Ok();
  DEBRIEF_ASSIGN_OR_RETURN(AccountAccess access, AccountAccess::Load(store, caller, incident));
  if (!Hidden(access, comment)) return core::Ok();
  return core::Error::NotFound("no comment " + std::to_string(comment.id) + " on this incident");
}

core::Result<void> CheckAnchorReadable(store::Store& store, const core::Principal& caller,
                                       const core::Incident& incident,
                                       const core::CommentAnchor& anchor) {
  int64_t id = anchor.record_id;
  if (anchor.is_section()) return core::Ok();
  if (anchor.kind == "account" || anchor.kind == "entry") {
    DEBRIEF_ASSIGN_OR_RETURN(AccountAccess access, AccountAccess::Load(store, caller, incident));
    bool readable =
        anchor.kind == "account" ? access.AccountReadable(id) : access.EntryReadable(id);
    if (readable) return core::Ok();
    // The same answer whether the account is private or missing.
    return core::Error::InvalidArgument(
        "anchor names " + anchor.kind + " " + std::to_string(id) + ", which you cannot read here",
        "anchor");
  }
  if (anchor.kind == "event") return RecordExists<core::TimelineEvent>(store, incident.id, id);
  if (anchor.kind == "decision") return RecordExists<core::DecisionPoint>(store, incident.id, id);
  if (anchor.kind == "factor") {
    return RecordExists<core::ContributingFactor>(store, incident.id, id);
  }
  if (anchor.kind == "work_as_done") return RecordExists<core::WorkAsDone>(store, incident.id, id);
  if (anchor.kind == "action") return RecordExists<core::ActionItem>(store, incident.id, id);
  if (anchor.kind == "lesson") return RecordExists<core::Lesson>(store, incident.id, id);
  return core::Error::InvalidArgument("anchor names an unknown kind of record", "anchor");
}

}  // namespace debrief::app
