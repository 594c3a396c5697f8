// PostgresStore's review rules: one row per severity, versioned like every other write.
#include "store/postgres/postgres_store.h"

#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

constexpr char kListRules[] =
    "SELECT severity, version, review_required, approvals_required, due_business_days "
    "FROM review_rules ORDER BY severity COLLATE \"C\"";
constexpr char kGetRuleVersion[] = "SELECT version FROM review_rules WHERE severity = $1";
constexpr char kInsertRule[] =
    "INSERT INTO review_rules (severity, version, review_required, approvals_required, "
    "due_business_days) VALUES ($1, 1, $2, $3, $4)";
constexpr char kUpdateRule[] =
    "UPDATE review_rules SET version = version + 1, review_required = $2, approvals_required = $3, "
    "due_business_days = $4 WHERE severity = $1 AND version = $5";
constexpr char kDeleteRule[] = "DELETE FROM review_rules WHERE severity = $1 AND version = $2";

}  // namespace

Result<std::vector<core::ReviewRule>> PostgresStore::ListReviewRules() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kListRules));
  std::vector<core::ReviewRule> rules;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    core::ReviewRule rule;
    rule.severity = std::string(statement->Text(0));
    rule.version = statement->Int64(1);
    rule.review_required = statement->Int64(2) != 0;
    rule.approvals_required = static_cast<int>(statement->Int64(3));
    if (!statement->IsNull(4)) rule.due_business_days = static_cast<int>(statement->Int64(4));
    rules.push_back(std::move(rule));
  }
  return rules;
}

// Why a conditional write to a rule changed nothing.
Result<void> PostgresStore::ReviewRuleNotWritten(std::string_view severity,
                                                 int64_t expected_version) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kGetRuleVersion));
  statement->Bind(1, severity);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) {
    return core::Error::NotFound("no review rule for " + std::string(severity));
  }
  int64_t current = statement->Int64(0);
  statement->Reset();
  return core::Error::FailedPrecondition(
      "the review rule for " + std::string(severity) + " is at version " + std::to_string(current) +
      ", not " + std::to_string(expected_version) + ": someone changed it since you read it");
}

Result<core::ReviewRule> PostgresStore::PutReviewRule(core::ReviewRule rule,
                                                      int64_t expected_version,
                                                      const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(expected_version == 0 ? kInsertRule : kUpdateRule));
  statement->Bind(1, std::string_view(rule.severity));
  statement->Bind(2, static_cast<int64_t>(rule.review_required));
  statement->Bind(3, static_cast<int64_t>(rule.approvals_required));
  if (rule.due_business_days) {
    statement->Bind(4, static_cast<int64_t>(*rule.due_business_days));
  } else {
    statement->BindNull(4);
  }
  if (expected_version != 0) statement->Bind(5, expected_version);
  auto ran = statement->Run();
  if (!ran) {
    if (ran.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists(
          "a review rule for " + rule.severity + " exists already; change it with its version",
          "severity");
    }
    return ran.error();
  }
  if (statement->Changes() == 0) {
    DEBRIEF_RETURN_IF_ERROR(ReviewRuleNotWritten(rule.severity, expected_version));
  }
  rule.version = expected_version + 1;
  DEBRIEF_RETURN_IF_ERROR(AuditWrite(expected_version == 0 ? "create" : "update", "review_rules", 0,
                                     std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return rule;
}

Result<void> PostgresStore::DeleteReviewRule(std::string_view severity, int64_t expected_version,
                                             const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kDeleteRule));
  statement->Bind(1, severity);
  statement->Bind(2, expected_version);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    DEBRIEF_RETURN_IF_ERROR(ReviewRuleNotWritten(severity, expected_version));
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "review_rules", 0, std::nullopt, change));
  return scope.Commit();
}

}  // namespace debrief::store::postgres
