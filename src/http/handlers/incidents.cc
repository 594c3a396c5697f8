#include <boost/json.hpp>
#include <charconv>

#include "app/incident_access.h"
#include "app/record_checks.h"
#include "core/review_workflow.h"
#include "formats/json/record_json.h"
#include "formats/json/record_text.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

std::optional<int64_t> Seconds(const std::optional<core::Duration>& duration) {
  if (!duration) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(*duration).count();
}

core::Date Today(const Context& context) {
  return std::chrono::floor<std::chrono::days>(context.services.clock.Now());
}

// The incident with its metrics and when its review is due ("review_due_on", "review_overdue"),
// by the rule for its severity.
bj::object EncodeIncident(const core::Incident& incident, std::span<const core::ReviewRule> rules,
                          core::Date today) {
  bj::object object = formats::json::Encode(incident);
  core::ReviewRule rule = core::RuleFor(incident.severity, rules);
  std::optional<core::Date> due = core::ReviewDueOn(incident, rule);
  object["review_due_on"] = due ? bj::value(core::FormatDate(*due)) : bj::value(nullptr);
  object["review_overdue"] = core::ReviewOverdue(incident, rule, today);
  core::IncidentMetrics metrics = core::ComputeMetrics(incident);
  object["metrics"] = {
      {"time_to_detect_seconds", formats::json::ToJson(Seconds(metrics.time_to_detect))},
      {"time_to_mitigate_seconds", formats::json::ToJson(Seconds(metrics.time_to_mitigate))},
      {"time_to_resolve_seconds", formats::json::ToJson(Seconds(metrics.time_to_resolve))}};
  return object;
}

// The text of EncodeIncident, written directly (formats/json/record_text.h): a list of 200 built
// as JSON documents only to be serialised spent most of its time making and freeing them.
void AppendIncident(std::string& text, const core::Incident& incident,
                    std::span<const core::ReviewRule> rules, core::Date today) {
  namespace fj = formats::json;
  fj::AppendEncoded(text, incident);
  text.pop_back();  // Its closing brace: the review's due date and the metrics go inside.
  core::ReviewRule rule = core::RuleFor(incident.severity, rules);
  text += ",\"review_due_on\":";
  fj::AppendJson(text, core::ReviewDueOn(incident, rule));
  text += ",\"review_overdue\":";
  fj::AppendJson(text, core::ReviewOverdue(incident, rule, today));
  core::IncidentMetrics metrics = core::ComputeMetrics(incident);
  text += ",\"metrics\":{\"time_to_detect_seconds\":";
  fj::AppendJson(text, Seconds(metrics.time_to_detect));
  text += ",\"time_to_mitigate_seconds\":";
  fj::AppendJson(text, Seconds(metrics.time_to_mitigate));
  text += ",\"time_to_resolve_seconds\":";
  fj::AppendJson(text, Seconds(metrics.time_to_resolve));
  text += "}}";
}

core::Result<int> ParseLimit(const Context& context) {
  auto text = context.Query("limit");
  if (!text) return 50;
  int limit = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (error != std::errc() || end != text->data() + text->size() || limit < 1 || limit > 200) {
    return core::Error::InvalidArgument("limit must be a number from 1 to 200", "limit");
  }
  return limit;
}

core::Result<void> CheckFacilitator(Context& context, const core::Incident& incident) {
  if (!incident.facilitator_id) return core::Ok();
  return app::CheckUserExists(context.store(), *incident.facilitator_id, "facilitator_id");
}

}  // namespace

core::Result<ApiResponse> ListIncidents(Context& context) {
  store::IncidentQuery query;
  if (auto status = context.Query("status")) {
    query.status = core::ParseEnum<core::IncidentStatus>(*status);
    if (!query.status) {
      return core::Error::InvalidArgument(
          "status must be " + core::AllowedValues<core::IncidentStatus>(), "status");
    }
  }
  if (auto kind = context.Query("kind")) {
    query.kind = core::ParseEnum<core::IncidentKind>(*kind);
    if (!query.kind) {
      return core::Error::InvalidArgument(
          "kind must be " + core::AllowedValues<core::IncidentKind>(), "kind");
    }
  }
  if (auto severity = context.Query("severity")) query.severity = std::string(*severity);
  if (auto service = context.Query("service")) query.service = std::string(*service);
  if (auto text = context.Query("q")) query.text = std::string(*text);
  if (query.text.size() > 200) {
    return core::Error::InvalidArgument("q can be at most 200 bytes long", "q");
  }
  if (auto cursor = context.Query("cursor")) {
    int64_t before = 0;
    auto [end, error] = std::from_chars(cursor->data(), cursor->data() + cursor->size(), before);
    if (error != std::errc() || end != cursor->data() + cursor->size() || before <= 0) {
      return core::Error::InvalidArgument("cursor is not one this server handed out", "cursor");
    }
    query.before_id = before;
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.limit, ParseLimit(context));
  DEBRIEF_ASSIGN_OR_RETURN(query.hidden_incident_ids,
                           app::HiddenIncidents(context.store(), context.caller()));
  DEBRIEF_ASSIGN_OR_RETURN(store::IncidentPage page, context.store().ListIncidents(query));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  ApiResponse response;
  std::string& text = response.body;
  text.reserve(1024 * (page.incidents.size() + 1));
  text += "{\"items\":[";
  core::Date today = Today(context);
  for (size_t i = 0; i < page.incidents.size(); ++i) {
    if (i > 0) text += ',';
    AppendIncident(text, page.incidents[i], rules, today);
  }
  text += "],\"next_cursor\":";
  formats::json::AppendJson(
      text, page.next_before_id ? std::optional<std::string>(std::to_string(*page.next_before_id))
                                : std::nullopt);
  text += '}';
  return response;
}

core::Result<ApiResponse> CreateIncident(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::Incident incident;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kCreate, incident));
  incident.created_by = context.caller().user_id;
  DEBRIEF_RETURN_IF_ERROR(core::Validate(incident, context.services.severity_scale));
  DEBRIEF_RETURN_IF_ERROR(CheckFacilitator(context, incident));
  // Review statuses past drafting come from the workflow's own endpoints, which check more.
  DEBRIEF_RETURN_IF_ERROR(
      core::CheckReviewStatusByHand(core::ReviewStatus::kNone, incident.review_status, ""));
  store::Change change = ChangeBy(context, {}, formats::json::Encode(incident));
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored,
                           context.store().CreateIncident(std::move(incident), change));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  bj::object object = EncodeIncident(stored, rules, Today(context));
  AddLanguageFindings(context, stored.id, stored, object);
  ApiResponse response = ApiResponse::Versioned(object, 201);
  response.headers.emplace_back("Location", "/api/v1/incidents/" + stored.key);
  return response;
}

core::Result<ApiResponse> GetIncident(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  return ApiResponse::Versioned(EncodeIncident(incident, rules, Today(context)));
}

core::Result<ApiResponse> PatchIncident(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident current, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::Incident updated = current;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kPatch, updated));
  DEBRIEF_RETURN_IF_ERROR(core::Validate(updated, context.services.severity_scale));
  DEBRIEF_RETURN_IF_ERROR(CheckFacilitator(context, updated));
  DEBRIEF_RETURN_IF_ERROR(
      core::CheckReviewStatusByHand(current.review_status, updated.review_status, current.key));
  // `restricted` is set at creation only (then through /access): a PATCH changes who sees a
  // restricted incident only by changing its facilitator.
  bool sight_changes = updated.restricted && updated.facilitator_id != current.facilitator_id;
  if (sight_changes) {
    DEBRIEF_ASSIGN_OR_RETURN(core::IncidentReaders readers,
                             context.store().ListIncidentReaders(current.id));
    DEBRIEF_RETURN_IF_ERROR(
        app::CheckSightKept(context.store(), context.caller(), updated, readers));
  }
  store::Change change =
      ChangeBy(context, formats::json::Encode(current), formats::json::Encode(updated));
  core::Incident stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored,
                             context.store().UpdateIncident(updated, expected_version, change));
    // A former facilitator who no longer sees it hears no more of it.
    if (!sight_changes) return core::Ok();
    return app::ForgetWhatTheUnseeingWereTold(context.store(), stored);
  }));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  bj::object object = EncodeIncident(stored, rules, Today(context));
  AddLanguageFindings(context, stored.id, stored, object);
  return ApiResponse::Versioned(object);
}

}  // namespace debrief::http::handlers
