// What people tell the language checker:
//   POST   /api/v1/lint/dismissals      "not blame here" on one finding (anyone who may write)
//   GET    /api/v1/lint/dismissals      which rules and phrases are dismissed most (admins)
//   DELETE /api/v1/lint/dismissals      forget a rule's dismissals, or one phrase's (admins)
//   GET    /api/v1/lint/allowed         the organisation's allow-entries
//   POST   /api/v1/lint/allowed         allow a phrase, for one rule or all (admins)
//   DELETE /api/v1/lint/allowed/{id}    stop allowing it (admins)
// A dismissal sends the text the finding was reported in, as it was checked, with the finding's
// rule, start and end as POST /lint reported them; only a hash of its sentence is kept.
#include "app/language_feedback.h"
#include "formats/json/values.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/lint_request.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr size_t kDismissTextLimit = 200'000;

app::LanguageFeedback& Feedback(Context& context) { return *context.services.language_feedback; }

core::Result<void> FeedbackAvailable(Context& context) {
  if (context.services.language_feedback == nullptr) {
    return core::Error::Unavailable("this server keeps no language feedback");
  }
  return core::Ok();
}

bj::object EncodeAllowEntry(const core::LanguageAllowEntry& entry) {
  return {{"id", entry.id},
          {"rule", entry.rule_id.empty() ? bj::value(nullptr) : bj::value(entry.rule_id)},
          {"phrase", entry.phrase},
          {"created_by", entry.created_by ? bj::value(*entry.created_by) : bj::value(nullptr)},
          {"created_at", core::FormatRfc3339(entry.created_at)}};
}

}  // namespace

core::Result<ApiResponse> DismissFinding(Context& context) {
  DEBRIEF_RETURN_IF_ERROR(FeedbackAvailable(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(
      OnlyFields(body, {"text", "rule", "start", "end", "participants", "incident", "markdown"}));
  std::vector<core::FieldViolation> violations;
  app::Dismissal dismissal;
  if (!body.contains("text")) {
    violations.push_back({"text", "text is required: the text the finding was reported in"});
  } else if (auto decoded = formats::json::FromJson(body.at("text"), {"text", kDismissTextLimit},
                                                    dismissal.text);
             !decoded) {
    violations.push_back({"text", decoded.error().message()});
  }
  if (const bj::value* rule = body.if_contains("rule"); rule == nullptr || !rule->is_string()) {
    violations.push_back({"rule", "rule is required: the id of the finding's rule"});
  } else {
    dismissal.rule_id = std::string(rule->get_string());
  }
  dismissal.begin = ReadFindingOffset(body, "start", dismissal.text, violations);
  dismissal.end = ReadFindingOffset(body, "end", dismissal.text, violations);
  if (violations.empty() && dismissal.end <= dismissal.begin) {
    violations.push_back({"end", "end must be after start"});
  }
  dismissal.options = ReadLintOptions(body, violations);
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  DEBRIEF_RETURN_IF_ERROR(AddIncidentNames(context, body, dismissal.options));
  DEBRIEF_ASSIGN_OR_RETURN(app::DismissalOutcome outcome,
                           Feedback(context).Dismiss(context.store(), context.caller(), dismissal));
  return ApiResponse::Json(
      {{"rule", outcome.rule_id},
       {"phrase", outcome.phrase.empty() ? bj::value(nullptr) : bj::value(outcome.phrase)},
       {"recorded", outcome.recorded}},
      outcome.recorded ? 201 : 200);
}

core::Result<ApiResponse> ListDismissals(Context& context) {
  DEBRIEF_RETURN_IF_ERROR(FeedbackAvailable(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<app::RuleDismissals> report,
                           Feedback(context).DismissalReport(context.store()));
  bj::array rules;
  for (const app::RuleDismissals& rule : report) {
    bj::array phrases;
    for (const app::DismissedPhrase& phrase : rule.phrases) {
      phrases.push_back(
          {{"phrase", phrase.phrase.empty() ? bj::value(nullptr) : bj::value(phrase.phrase)},
           {"dismissals", phrase.dismissals},
           {"sentences", phrase.sentences},
           {"people", phrase.people},
           {"allow_entry",
            phrase.allow_entry_id ? bj::value(*phrase.allow_entry_id) : bj::value(nullptr)}});
    }
    bj::object entry{{"rule", rule.rule_id},
                     {"dismissals", rule.dismissals},
                     {"sentences", rule.sentences},
                     {"phrases", std::move(phrases)}};
    if (rule.rule != nullptr) {
      entry["category"] = rule.rule->category;
      entry["severity"] = language::ToString(rule.rule->severity);
      entry["message"] = rule.rule->message;
      entry["learned"] = rule.rule->learned;
    }
    rules.push_back(std::move(entry));
  }
  return ApiResponse::Json({{"rules", std::move(rules)}});
}

core::Result<ApiResponse> ClearDismissals(Context& context) {
  DEBRIEF_RETURN_IF_ERROR(FeedbackAvailable(context));
  std::optional<std::string_view> rule = context.Query("rule");
  if (!rule || rule->empty()) {
    return core::Error::InvalidArgument("rule is required: the rule whose dismissals to forget",
                                        "rule");
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      int64_t removed, Feedback(context).ClearDismissals(context.store(), context.caller(), *rule,
                                                         context.Query("phrase")));
  return ApiResponse::Json({{"removed", removed}});
}

core::Result<ApiResponse> ListAllowEntries(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::LanguageAllowEntry> entries,
                           context.store().ListLanguageAllowEntries());
  bj::array list;
  for (const core::LanguageAllowEntry& entry : entries) list.push_back(EncodeAllowEntry(entry));
  return ApiResponse::Json({{"allowed", std::move(list)}});
}

core::Result<ApiResponse> AddAllowEntry(Context& context) {
  DEBRIEF_RETURN_IF_ERROR(FeedbackAvailable(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"phrase", "rule"}));
  std::vector<core::FieldViolation> violations;
  std::string phrase;
  if (!body.contains("phrase")) {
    violations.push_back({"phrase", "phrase is required: the words to allow"});
  } else if (auto decoded = formats::json::FromJson(body.at("phrase"), {"phrase", 1000}, phrase);
             !decoded) {
    violations.push_back({"phrase", decoded.error().message()});
  }
  std::string rule;
  if (const bj::value* value = body.if_contains("rule"); value && !value->is_null()) {
    if (!value->is_string()) {
      violations.push_back({"rule", "rule must be a rule id, or null for every rule"});
    } else {
      rule = std::string(value->get_string());
    }
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  DEBRIEF_ASSIGN_OR_RETURN(
      core::LanguageAllowEntry entry,
      Feedback(context).Allow(context.store(), context.caller(), std::move(rule), phrase));
  return ApiResponse::Json(EncodeAllowEntry(entry), 201);
}

core::Result<ApiResponse> DeleteAllowEntry(Context& context) {
  DEBRIEF_RETURN_IF_ERROR(FeedbackAvailable(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(0, "allow-entry"));
  DEBRIEF_RETURN_IF_ERROR(
      Feedback(context).RemoveAllowEntry(context.store(), context.caller(), id));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
