#include "http/handlers/review_state.h"

#include <boost/json.hpp>

#include "app/comment_access.h"
#include "core/review_workflow.h"
#include "formats/backup/backup_json.h"
#include "http/handlers/common.h"

namespace debrief::http::handlers {

namespace bj = boost::json;

core::Result<core::ReviewRule> ReviewRuleOf(Context& context, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  return core::RuleFor(incident.severity, rules);
}

core::Result<bj::object> ReviewState(Context& context, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewRule rule, ReviewRuleOf(context, incident));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Reviewer> reviewers,
                           context.store().reviewers().List(incident.id));
  bj::array items;
  int approvals = 0;
  for (const core::Reviewer& reviewer : reviewers) {
    bj::object item = formats::json::Encode(reviewer);
    auto user = context.store().GetUser(reviewer.user_id);
    item["name"] = user ? user->name : "";
    if (reviewer.decision == core::ReviewDecision::kApproved) ++approvals;
    items.push_back(std::move(item));
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewComment> comments,
                           app::VisibleComments(context.store(), context.caller(), incident));
  int64_t open = 0;
  for (const core::ReviewComment& comment : comments) open += comment.resolved ? 0 : 1;
  core::Date today = std::chrono::floor<std::chrono::days>(context.services.clock.Now());
  std::optional<core::Date> due = core::ReviewDueOn(incident, rule);
  return bj::object{
      {"version", incident.version},
      {"status", core::ToString(incident.review_status)},
      {"rule", formats::EncodeReviewRule(rule)},
      {"approvals", approvals},
      {"approvals_needed", core::ApprovalsNeeded(rule)},
      {"due_on", due ? bj::value(core::FormatDate(*due)) : bj::value(nullptr)},
      {"overdue", core::ReviewOverdue(incident, rule, today)},
      {"reviewers", std::move(items)},
      {"comments", {{"open", open}, {"resolved", static_cast<int64_t>(comments.size()) - open}}},
  };
}

}  // namespace debrief::http::handlers
