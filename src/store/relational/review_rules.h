// SqlStore's review rules: one row per severity, versioned like every other write.
#pragma once

#include "store/relational/sql_store.h"

namespace debrief::store::relational {

template <class Backend>
Result<std::vector<core::ReviewRule>> SqlStore<Backend>::ListReviewRules() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListReviewRules));
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
template <class Backend>
Result<void> SqlStore<Backend>::ReviewRuleNotWritten(std::string_view severity,
                                                     int64_t expected_version) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kGetReviewRuleVersion));
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

template <class Backend>
Result<core::ReviewRule> SqlStore<Backend>::PutReviewRule(core::ReviewRule rule,
                                                          int64_t expected_version,
                                                          const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(expected_version == 0 ? Sql::kInsertReviewRule
                                                                      : Sql::kUpdateReviewRule));
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

template <class Backend>
Result<void> SqlStore<Backend>::DeleteReviewRule(std::string_view severity,
                                                 int64_t expected_version, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kDeleteReviewRule));
  statement->Bind(1, severity);
  statement->Bind(2, expected_version);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    DEBRIEF_RETURN_IF_ERROR(ReviewRuleNotWritten(severity, expected_version));
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "review_rules", 0, std::nullopt, change));
  return scope.Commit();
}

}  // namespace debrief::store::relational
