// SqlStore's record of what people told the language checker: dismissals and allow-entries.
// Every write bumps language_feedback_version in its transaction, which servers compare to know
// when what they cached is stale.
#pragma once

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

// A row of (id, rule_id, phrase, created_by, created_at).
template <class Row>
Result<core::LanguageAllowEntry> ReadLanguageAllowEntry(const Row& statement) {
  core::LanguageAllowEntry entry;
  if (!ReadColumn(statement, 0, entry.id) || !ReadColumn(statement, 1, entry.rule_id) ||
      !ReadColumn(statement, 2, entry.phrase) || !ReadColumn(statement, 3, entry.created_by) ||
      !ReadColumn(statement, 4, entry.created_at)) {
    return core::Error::Internal("a language allow-entry row cannot be read");
  }
  return entry;
}

}  // namespace detail

template <class Backend>
Result<void> SqlStore<Backend>::BumpLanguageFeedbackVersion() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kBumpLanguageFeedbackVersion));
  return statement->Run();
}

template <class Backend>
Result<bool> SqlStore<Backend>::AddLanguageDismissal(core::LanguageDismissal dismissal,
                                                     const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kInsertLanguageDismissal));
  BindColumn(*statement, 1, dismissal.rule_id);
  BindColumn(*statement, 2, dismissal.sentence_hash);
  BindColumn(*statement, 3, dismissal.phrase);
  BindColumn(*statement, 4, dismissal.user_id);
  BindColumn(*statement, 5, clock_.Now());
  // A dismissal given already inserts nothing and returns no id.
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, statement->Step());
  if (!inserted) return false;
  int64_t id = statement->Int64(0);
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(BumpLanguageFeedbackVersion());
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "language_dismissals", id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return true;
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::CountLanguageDismissalsBy(int64_t user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kCountLanguageDismissalsBy));
  statement->Bind(1, user_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  int64_t count = has_row ? statement->Int64(0) : 0;
  statement->Reset();
  return count;
}

template <class Backend>
Result<std::vector<std::pair<std::string, std::string>>>
SqlStore<Backend>::ListDismissedSentences() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kListDismissedSentences));
  std::vector<std::pair<std::string, std::string>> sentences;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    sentences.emplace_back(statement->Text(0), statement->Text(1));
  }
  return sentences;
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::DeleteLanguageDismissals(std::string_view rule_id,
                                                            std::optional<std::string_view> phrase,
                                                            const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kDeleteLanguageDismissals));
  statement->Bind(1, rule_id);
  if (phrase) {
    statement->Bind(2, *phrase);
  } else {
    statement->BindNull(2);
  }
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  int64_t removed = statement->Changes();
  if (removed == 0) return removed;
  DEBRIEF_RETURN_IF_ERROR(BumpLanguageFeedbackVersion());
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "language_dismissals", 0, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return removed;
}

template <class Backend>
Result<std::vector<core::LanguageDismissalCount>> SqlStore<Backend>::CountLanguageDismissals() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kCountLanguageDismissals));
  std::vector<core::LanguageDismissalCount> counts;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    counts.push_back({std::string(statement->Text(0)), std::string(statement->Text(1)),
                      statement->Int64(2), statement->Int64(3), statement->Int64(4)});
  }
  return counts;
}

template <class Backend>
Result<std::vector<core::LanguageDismissal>> SqlStore<Backend>::ListLanguageDismissals() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kListLanguageDismissals));
  std::vector<core::LanguageDismissal> dismissals;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    core::LanguageDismissal dismissal;
    if (!ReadColumn(*statement, 0, dismissal.rule_id) ||
        !ReadColumn(*statement, 1, dismissal.sentence_hash) ||
        !ReadColumn(*statement, 2, dismissal.phrase) ||
        !ReadColumn(*statement, 3, dismissal.user_id) ||
        !ReadColumn(*statement, 4, dismissal.created_at)) {
      statement->Reset();
      return core::Error::Internal("a language dismissal row cannot be read");
    }
    dismissals.push_back(std::move(dismissal));
  }
  return dismissals;
}

template <class Backend>
Result<void> SqlStore<Backend>::RestoreLanguageDismissal(const core::LanguageDismissal& dismissal) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kInsertLanguageDismissal));
  BindColumn(*statement, 1, dismissal.rule_id);
  BindColumn(*statement, 2, dismissal.sentence_hash);
  BindColumn(*statement, 3, dismissal.phrase);
  BindColumn(*statement, 4, dismissal.user_id);
  BindColumn(*statement, 5, dismissal.created_at);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  // The insert returns the id it gave: the statement is done with before the restore goes on.
  statement->Reset();
  return core::Ok();
}

template <class Backend>
Result<std::vector<core::LanguageAllowEntry>> SqlStore<Backend>::ListLanguageAllowEntries() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kListLanguageAllowEntries));
  std::vector<core::LanguageAllowEntry> entries;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto entry = detail::ReadLanguageAllowEntry(*statement);
    if (!entry) {
      statement->Reset();
      return entry.error();
    }
    entries.push_back(std::move(*entry));
  }
  return entries;
}

template <class Backend>
Result<core::LanguageAllowEntry> SqlStore<Backend>::AddLanguageAllowEntry(
    core::LanguageAllowEntry entry, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kInsertLanguageAllowEntry));
  BindColumn(*statement, 1, entry.rule_id);
  BindColumn(*statement, 2, entry.phrase);
  BindColumn(*statement, 3, entry.created_by);
  BindColumn(*statement, 4, clock_.Now());
  auto stepped = statement->Step();
  if (!stepped) {
    if (stepped.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists("that phrase is allowed already", "phrase");
    }
    return stepped.error();
  }
  if (!*stepped) return core::Error::Internal("an allow-entry insert returned no row");
  auto stored = detail::ReadLanguageAllowEntry(*statement);
  statement->Reset();
  if (!stored) return stored.error();
  DEBRIEF_RETURN_IF_ERROR(BumpLanguageFeedbackVersion());
  DEBRIEF_RETURN_IF_ERROR(
      AuditWrite("create", "language_allow_entries", stored->id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return std::move(*stored);
}

template <class Backend>
Result<void> SqlStore<Backend>::RestoreLanguageAllowEntry(const core::LanguageAllowEntry& entry) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kRestoreLanguageAllowEntry));
  BindColumn(*statement, 1, entry.id);
  BindColumn(*statement, 2, entry.rule_id);
  BindColumn(*statement, 3, entry.phrase);
  BindColumn(*statement, 4, entry.created_by);
  BindColumn(*statement, 5, entry.created_at);
  return statement->Run();
}

template <class Backend>
Result<void> SqlStore<Backend>::DeleteLanguageAllowEntry(int64_t id, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kDeleteLanguageAllowEntry));
  statement->Bind(1, id);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    return core::Error::NotFound("no allow-entry " + std::to_string(id));
  }
  DEBRIEF_RETURN_IF_ERROR(BumpLanguageFeedbackVersion());
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "language_allow_entries", id, std::nullopt, change));
  return scope.Commit();
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::LanguageFeedbackVersion() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kLanguageFeedbackVersion));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  if (!has_row) return core::Error::Internal("language_feedback_version has no row");
  int64_t version = statement->Int64(0);
  statement->Reset();
  return version;
}

}  // namespace debrief::store::relational
