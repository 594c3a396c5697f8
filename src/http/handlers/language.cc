// POST /api/v1/lint: the blameless-language checker on any text, for the UI's hints as people
// type and for tools that write reviews elsewhere.
//
//   {"text": "...", "participants": ["Priya Raman"], "incident": "INC-2026-0001",
//    "markdown": true}
//
// "participants" and "incident" (whose participants' names are added) are optional; markdown
// (default true) skips code, URLs and HTML comments and honours debrief-disable directives.
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/json/values.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// A review section pasted whole is far below this; the cap bounds one request's work.
constexpr size_t kLintTextLimit = 200'000;
constexpr size_t kMaxParticipants = 500;

}  // namespace

core::Result<ApiResponse> LintText(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"text", "participants", "incident", "markdown"}));
  std::vector<core::FieldViolation> violations;
  std::string text;
  if (!body.contains("text")) {
    violations.push_back({"text", "text is required"});
  } else if (auto decoded = json::FromJson(body.at("text"), {"text", kLintTextLimit}, text);
             !decoded) {
    violations.push_back({"text", decoded.error().message()});
  }
  language::CheckOptions options;
  if (const bj::value* names = body.if_contains("participants")) {
    auto decoded = json::FromJson(*names, {"participants", 120}, options.participant_names);
    if (!decoded) {
      violations.push_back({"participants", decoded.error().message()});
    } else if (options.participant_names.size() > kMaxParticipants) {
      violations.push_back({"participants", "participants holds at most 500 names"});
    }
  }
  if (const bj::value* markdown = body.if_contains("markdown")) {
    if (auto decoded = json::FromJson(*markdown, {"markdown", 0}, options.markdown); !decoded) {
      violations.push_back({"markdown", decoded.error().message()});
    }
  }
  std::optional<std::string> incident_key;
  if (const bj::value* incident = body.if_contains("incident")) {
    if (!incident->is_string()) {
      violations.push_back({"incident", "incident must be an incident key (a string)"});
    } else {
      incident_key = std::string(incident->get_string());
    }
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  if (incident_key) {
    DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, context.store().GetIncident(*incident_key));
    language::CheckOptions names = CheckOptionsFor(context, incident.id);
    options.participant_names.insert(options.participant_names.end(),
                                     names.participant_names.begin(),
                                     names.participant_names.end());
  }
  bj::array findings;
  json::AppendFindings(context.services.checker, text, options, {}, std::nullopt, findings);
  return ApiResponse::Json({{"findings", std::move(findings)}});
}

core::Result<ApiResponse> ListLintRules(Context& context) {
  bj::array rules;
  for (const language::Rule& rule : context.services.checker.pack().rules) {
    bj::array phrases;
    for (const std::string& phrase : rule.phrases) phrases.emplace_back(phrase);
    rules.push_back({{"id", rule.id},
                     {"category", rule.category},
                     {"severity", language::ToString(rule.severity)},
                     {"message", rule.message},
                     {"suggestion", rule.suggestion},
                     {"phrases", std::move(phrases)}});
  }
  return ApiResponse::Json({{"rules", std::move(rules)}});
}

}  // namespace debrief::http::handlers
