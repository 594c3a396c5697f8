#include "http/handlers/lint_request.h"

#include "app/incident_access.h"
#include "formats/json/finding_json.h"
#include "formats/json/values.h"
#include "http/handlers/common.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr size_t kMaxParticipants = 500;

}  // namespace

language::CheckOptions ReadLintOptions(const bj::object& body,
                                       std::vector<core::FieldViolation>& violations) {
  language::CheckOptions options;
  if (const bj::value* names = body.if_contains("participants")) {
    auto decoded =
        formats::json::FromJson(*names, {"participants", 120}, options.participant_names);
    if (!decoded) {
      violations.push_back({"participants", decoded.error().message()});
    } else if (options.participant_names.size() > kMaxParticipants) {
      violations.push_back({"participants", "participants holds at most 500 names"});
    }
  }
  if (const bj::value* markdown = body.if_contains("markdown")) {
    if (auto decoded = formats::json::FromJson(*markdown, {"markdown", 0}, options.markdown);
        !decoded) {
      violations.push_back({"markdown", decoded.error().message()});
    }
  }
  if (const bj::value* incident = body.if_contains("incident");
      incident && !incident->is_string()) {
    violations.push_back({"incident", "incident must be an incident key (a string)"});
  }
  return options;
}

size_t ReadFindingOffset(const bj::object& body, std::string_view name, std::string_view text,
                         std::vector<core::FieldViolation>& violations) {
  const bj::value* value = body.if_contains(name);
  std::string field(name);
  if (value == nullptr) {
    violations.push_back({field, field + " is required: the finding's " + field + ", as reported"});
    return 0;
  }
  std::optional<size_t> offset;
  if (value->is_int64() && value->get_int64() >= 0) {
    offset = formats::json::ByteOffsetOfUtf16(text, static_cast<size_t>(value->get_int64()));
  } else if (!value->is_int64() && !value->is_uint64()) {
    violations.push_back({field, field + " must be a whole number"});
    return 0;
  }
  if (!offset) {
    violations.push_back({field, field + " must be an offset in the text (UTF-16 code units)"});
    return 0;
  }
  return *offset;
}

ApiResponse DismissalAnswer(const app::DismissalOutcome& outcome) {
  return ApiResponse::Json(
      {{"rule", outcome.rule_id},
       {"phrase", outcome.phrase.empty() ? bj::value(nullptr) : bj::value(outcome.phrase)},
       {"recorded", outcome.recorded}},
      outcome.recorded ? 201 : 200);
}

core::Result<void> AddIncidentNames(Context& context, const bj::object& body,
                                    language::CheckOptions& options) {
  const bj::value* key = body.if_contains("incident");
  if (key == nullptr || !key->is_string()) return core::Ok();
  // Only of an incident the caller may see: a restricted one is not there for anyone else.
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident,
                           app::CheckIncidentSight(context.store(), context.caller(),
                                                   std::string_view(key->get_string())));
  // The names only: the caller adds the organisation's suppressions once.
  auto participants = context.store().participants().List(incident.id);
  if (!participants) return core::Ok();  // Without names the checker still finds roles.
  for (const core::Participant& participant : *participants) {
    options.participant_names.push_back(participant.name);
  }
  return core::Ok();
}

}  // namespace debrief::http::handlers
