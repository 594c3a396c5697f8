// Review rules per severity, set by admins: whether a review needs approval before publishing,
// how many approvals, and within how many business days of resolution it is due.
//
// GET    /review-rules              -> {"items": [rule], "severities": [...]}   (everyone)
// PUT    /review-rules/{severity}   {"review_required", "approvals_required", "due_business_days"}
//                                   If-None-Match: * creates; If-Match: N replaces   (admins)
// DELETE /review-rules/{severity}   If-Match: N                                       (admins)
#include <boost/json.hpp>

#include "formats/backup/backup_json.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/review_state.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr int kMaxApprovals = 10;
constexpr int kMaxDueBusinessDays = 260;  // A working year.

core::Result<std::string> SeverityOf(Context& context) {
  const std::string& severity = context.path_parameters.at(0);
  if (!context.services.severity_scale.Contains(severity)) {
    std::string levels;
    for (const std::string& level : context.services.severity_scale.levels) {
      levels += (levels.empty() ? "" : ", ") + level;
    }
    return core::Error::NotFound("no severity " + severity + " on this server's scale (" + levels +
                                 ")");
  }
  return severity;
}

core::Result<int> IntegerField(const bj::object& body, std::string_view name, int low, int high) {
  const bj::value& value = body.at(name);
  if (!value.is_int64() || value.get_int64() < low || value.get_int64() > high) {
    return core::Error::InvalidArgument(std::string(name) + " must be a whole number from " +
                                            std::to_string(low) + " to " + std::to_string(high),
                                        std::string(name));
  }
  return static_cast<int>(value.get_int64());
}

core::Result<core::ReviewRule> DecodeRule(const bj::object& body, std::string severity) {
  DEBRIEF_RETURN_IF_ERROR(
      OnlyFields(body, {"review_required", "approvals_required", "due_business_days"}));
  core::ReviewRule rule;
  rule.severity = std::move(severity);
  const bj::value* required = body.if_contains("review_required");
  if (required == nullptr || !required->is_bool()) {
    return core::Error::InvalidArgument("review_required must be true or false", "review_required");
  }
  rule.review_required = required->get_bool();
  if (body.contains("approvals_required")) {
    DEBRIEF_ASSIGN_OR_RETURN(rule.approvals_required,
                             IntegerField(body, "approvals_required", 1, kMaxApprovals));
  }
  if (const bj::value* due = body.if_contains("due_business_days"); due && !due->is_null()) {
    DEBRIEF_ASSIGN_OR_RETURN(rule.due_business_days,
                             IntegerField(body, "due_business_days", 0, kMaxDueBusinessDays));
  }
  return rule;
}

}  // namespace

core::Result<ApiResponse> ListReviewRules(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  bj::array items;
  for (const core::ReviewRule& rule : rules) {
    if (context.services.severity_scale.Contains(rule.severity)) {
      items.push_back(formats::EncodeReviewRule(rule));
    }
  }
  bj::array severities;
  for (const std::string& level : context.services.severity_scale.levels) {
    severities.push_back(bj::string(level));
  }
  return ApiResponse::Json({{"items", std::move(items)}, {"severities", std::move(severities)}});
}

core::Result<ApiResponse> PutReviewRule(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string severity, SeverityOf(context));
  int64_t expected_version = 0;
  if (context.request.Header("if-none-match") != "*") {
    auto version = context.ExpectedVersion();
    if (!version) {
      return core::Error::InvalidArgument(
          "send If-Match with the rule's version to change it, or If-None-Match: * to create it",
          "If-Match");
    }
    expected_version = *version;
  }
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewRule rule, DecodeRule(body, severity));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  bj::object before;
  for (const core::ReviewRule& existing : rules) {
    if (existing.severity == severity) before = formats::EncodeReviewRule(existing);
  }
  store::Change change = ChangeBy(context, before, formats::EncodeReviewRule(rule));
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewRule stored,
                           context.store().PutReviewRule(rule, expected_version, change));
  return ApiResponse::Versioned(formats::EncodeReviewRule(stored),
                                expected_version == 0 ? 201 : 200);
}

core::Result<ApiResponse> DeleteReviewRule(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string severity, SeverityOf(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  store::Change change = ChangeBy(context, {{"severity", severity}}, {});
  DEBRIEF_RETURN_IF_ERROR(context.store().DeleteReviewRule(severity, expected_version, change));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
