// PostgresStore's record of what people told the language checker: dismissals and allow-entries.
// Every write bumps language_feedback_version in its transaction, which servers compare to know
// when what they cached is stale.
#include "store/postgres/postgres_store.h"

#include "store/columns.h"
#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

// A dismissal given already (the same rule, sentence and person) inserts nothing and returns no
// id.
constexpr char kInsertDismissal[] =
    "INSERT INTO language_dismissals (rule_id, sentence_hash, phrase, user_id, created_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (rule_id, sentence_hash, user_id) DO NOTHING "
    "RETURNING id";
constexpr char kCountDismissalsBy[] = "SELECT count(*) FROM language_dismissals WHERE user_id = $1";
// GROUP BY rather than DISTINCT: PostgreSQL orders a DISTINCT only by what it selects, and the
// order is by byte (COLLATE "C"), as SQLite's.
constexpr char kDismissedSentences[] =
    "SELECT rule_id, sentence_hash FROM language_dismissals GROUP BY rule_id, sentence_hash "
    "ORDER BY rule_id COLLATE \"C\", sentence_hash COLLATE \"C\"";
constexpr char kDeleteDismissals[] =
    "DELETE FROM language_dismissals WHERE rule_id = $1 AND ($2::text IS NULL OR phrase = $2)";
constexpr char kCountDismissals[] =
    "SELECT rule_id, phrase, count(*), count(DISTINCT sentence_hash), count(DISTINCT user_id) "
    "FROM language_dismissals GROUP BY rule_id, phrase "
    "ORDER BY 3 DESC, rule_id COLLATE \"C\", phrase COLLATE \"C\"";
constexpr char kListDismissals[] =
    "SELECT rule_id, sentence_hash, phrase, user_id, created_at FROM language_dismissals "
    "ORDER BY id";
// Every allow-entry statement reads the columns in this order (ReadAllowEntry).
constexpr char kListAllowEntries[] =
    "SELECT id, rule_id, phrase, created_by, created_at FROM language_allow_entries ORDER BY id";
constexpr char kInsertAllowEntry[] =
    "INSERT INTO language_allow_entries (rule_id, phrase, created_by, created_at) "
    "VALUES ($1, $2, $3, $4) RETURNING id, rule_id, phrase, created_by, created_at";
constexpr char kRestoreAllowEntry[] =
    "INSERT INTO language_allow_entries (id, rule_id, phrase, created_by, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr char kDeleteAllowEntry[] = "DELETE FROM language_allow_entries WHERE id = $1";
constexpr char kBumpVersion[] =
    "UPDATE language_feedback_version SET version = version + 1 WHERE only_row = 1";
constexpr char kVersion[] = "SELECT version FROM language_feedback_version WHERE only_row = 1";

Result<core::LanguageAllowEntry> ReadAllowEntry(const Statement& statement) {
  core::LanguageAllowEntry entry;
  if (!ReadColumn(statement, 0, entry.id) || !ReadColumn(statement, 1, entry.rule_id) ||
      !ReadColumn(statement, 2, entry.phrase) || !ReadColumn(statement, 3, entry.created_by) ||
      !ReadColumn(statement, 4, entry.created_at)) {
    return core::Error::Internal("a language allow-entry row cannot be read");
  }
  return entry;
}

}  // namespace

Result<void> PostgresStore::BumpLanguageFeedbackVersion() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kBumpVersion));
  return statement->Run();
}

Result<bool> PostgresStore::AddLanguageDismissal(core::LanguageDismissal dismissal,
                                                 const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kInsertDismissal));
  BindColumn(*statement, 1, dismissal.rule_id);
  BindColumn(*statement, 2, dismissal.sentence_hash);
  BindColumn(*statement, 3, dismissal.phrase);
  BindColumn(*statement, 4, dismissal.user_id);
  BindColumn(*statement, 5, clock_.Now());
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, statement->Step());
  if (!inserted) return false;
  int64_t id = statement->Int64(0);
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(BumpLanguageFeedbackVersion());
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "language_dismissals", id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return true;
}

Result<int64_t> PostgresStore::CountLanguageDismissalsBy(int64_t user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kCountDismissalsBy));
  statement->Bind(1, user_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  int64_t count = has_row ? statement->Int64(0) : 0;
  statement->Reset();
  return count;
}

Result<std::vector<std::pair<std::string, std::string>>> PostgresStore::ListDismissedSentences() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kDismissedSentences));
  std::vector<std::pair<std::string, std::string>> sentences;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    sentences.emplace_back(statement->Text(0), statement->Text(1));
  }
  return sentences;
}

Result<int64_t> PostgresStore::DeleteLanguageDismissals(std::string_view rule_id,
                                                        std::optional<std::string_view> phrase,
                                                        const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kDeleteDismissals));
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

Result<std::vector<core::LanguageDismissalCount>> PostgresStore::CountLanguageDismissals() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kCountDismissals));
  std::vector<core::LanguageDismissalCount> counts;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    counts.push_back({std::string(statement->Text(0)), std::string(statement->Text(1)),
                      statement->Int64(2), statement->Int64(3), statement->Int64(4)});
  }
  return counts;
}

Result<std::vector<core::LanguageDismissal>> PostgresStore::ListLanguageDismissals() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kListDismissals));
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

Result<void> PostgresStore::RestoreLanguageDismissal(const core::LanguageDismissal& dismissal) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kInsertDismissal));
  BindColumn(*statement, 1, dismissal.rule_id);
  BindColumn(*statement, 2, dismissal.sentence_hash);
  BindColumn(*statement, 3, dismissal.phrase);
  BindColumn(*statement, 4, dismissal.user_id);
  BindColumn(*statement, 5, dismissal.created_at);
  return statement->Run();
}

Result<std::vector<core::LanguageAllowEntry>> PostgresStore::ListLanguageAllowEntries() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kListAllowEntries));
  std::vector<core::LanguageAllowEntry> entries;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto entry = ReadAllowEntry(*statement);
    if (!entry) {
      statement->Reset();
      return entry.error();
    }
    entries.push_back(std::move(*entry));
  }
  return entries;
}

Result<core::LanguageAllowEntry> PostgresStore::AddLanguageAllowEntry(
    core::LanguageAllowEntry entry, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kInsertAllowEntry));
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
  auto stored = ReadAllowEntry(*statement);
  statement->Reset();
  if (!stored) return stored.error();
  DEBRIEF_RETURN_IF_ERROR(BumpLanguageFeedbackVersion());
  DEBRIEF_RETURN_IF_ERROR(
      AuditWrite("create", "language_allow_entries", stored->id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return std::move(*stored);
}

Result<void> PostgresStore::RestoreLanguageAllowEntry(const core::LanguageAllowEntry& entry) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kRestoreAllowEntry));
  BindColumn(*statement, 1, entry.id);
  BindColumn(*statement, 2, entry.rule_id);
  BindColumn(*statement, 3, entry.phrase);
  BindColumn(*statement, 4, entry.created_by);
  BindColumn(*statement, 5, entry.created_at);
  return statement->Run();
}

Result<void> PostgresStore::DeleteLanguageAllowEntry(int64_t id, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kDeleteAllowEntry));
  statement->Bind(1, id);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    return core::Error::NotFound("no allow-entry " + std::to_string(id));
  }
  DEBRIEF_RETURN_IF_ERROR(BumpLanguageFeedbackVersion());
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "language_allow_entries", id, std::nullopt, change));
  return scope.Commit();
}

Result<int64_t> PostgresStore::LanguageFeedbackVersion() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kVersion));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  if (!has_row) return core::Error::Internal("language_feedback_version has no row");
  int64_t version = statement->Int64(0);
  statement->Reset();
  return version;
}

}  // namespace debrief::store::postgres
