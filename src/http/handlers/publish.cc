// Publishing a review over HTTP: what still stands in the way, the publish itself (an immutable,
// numbered snapshot; the rules are app::PublishReview's), and reading the versions back.
//
// GET  /incidents/{key}/publish   -> {"ready", "resolved", "unreleased_accounts", "findings",
//                                     "versions"}
// POST /incidents/{key}/publish   {"acknowledge_findings": true} with If-Match: the incident's
//                                 version -> 201 {"number", "published_at", "published_by"}
// POST /incidents/{key}/publish/dismissals  {"record", "record_id", "field", "index", "rule",
//                                 "start", "end"}: "not blame here" on one of the findings the
//                                 publish check lists, named by where it is (the reader of the
//                                 check has no text to send)
#include <boost/json.hpp>
#include <charconv>

#include "app/check_options.h"
#include "app/language_feedback.h"
#include "app/publishing.h"
#include "formats/review_diff.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/lint_request.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// Every language finding in the prose of everything the review shares, each naming its record.
bj::array EncodeFindings(const std::vector<app::CheckedText>& texts) {
  bj::array findings;
  for (const app::CheckedText& text : texts) {
    size_t first = findings.size();
    formats::json::AppendFindings(text.text, text.findings, text.field, text.index, findings);
    for (size_t index = first; index < findings.size(); ++index) {
      findings[index].as_object()["record"] = text.record;
      findings[index].as_object()["record_id"] = text.record_id;
    }
  }
  return findings;
}

bj::array EncodeUnreleased(const std::vector<app::UnreleasedAccount>& accounts) {
  bj::array unreleased;
  for (const app::UnreleasedAccount& account : accounts) {
    unreleased.push_back({{"account_id", account.account_id},
                          {"participant", account.participant},
                          {"visibility", core::ToString(account.visibility)}});
  }
  return unreleased;
}

bj::object EncodeVersion(const core::PublishedVersion& version) {
  return {{"number", version.number},
          {"published_at", core::FormatRfc3339(version.published_at)},
          {"published_by", version.published_by}};
}

}  // namespace

core::Result<ApiResponse> GetPublishCheck(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(
      app::PublishReadiness readiness,
      app::CheckPublishReadiness(context.store(), context.services.checker,
                                 context.path_parameters.at(0), SuppressionsFor(context)));
  const core::Incident& incident = readiness.document.incident;
  bj::object check{
      {"ready", readiness.ready()},
      {"resolved", readiness.resolved},
      {"review_status", core::ToString(incident.review_status)},
      {"review_blocker", readiness.review_blocker ? bj::value(readiness.review_blocker->message())
                                                  : bj::value(nullptr)},
      {"unreleased_accounts", EncodeUnreleased(readiness.unreleased)},
      {"findings", EncodeFindings(readiness.findings)},
      {"versions", readiness.versions}};
  // Whose accounts tell of each key moment: the facilitator's to ask about, no one else's (and
  // never in an anonymised view, which is leadership's).
  bool anonymised = context.Query("anonymised") == std::optional<std::string_view>("true");
  if (core::SeesFacilitation(RelationOf(context, incident, readiness.document.participants),
                             anonymised)) {
    bj::array coverage;
    for (const core::MomentCoverage& moment : readiness.coverage) {
      coverage.push_back(bj::object{{"moment", moment.moment},
                                    {"at", core::FormatRfc3339(moment.at)},
                                    {"involved", moment.involved},
                                    {"told", moment.told},
                                    {"between", moment.between}});
    }
    check["coverage"] = std::move(coverage);
  }
  return ApiResponse::Json(check);
}

core::Result<ApiResponse> DismissPublishFinding(Context& context) {
  if (context.services.language_feedback == nullptr) {
    return core::Error::Unavailable("this server keeps no language feedback");
  }
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(
      OnlyFields(body, {"record", "record_id", "field", "index", "rule", "start", "end"}));
  auto string_field = [&](std::string_view name) -> std::optional<std::string> {
    const bj::value* value = body.if_contains(name);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return std::string(value->get_string());
  };
  auto number_field = [&](std::string_view name) -> std::optional<int64_t> {
    const bj::value* value = body.if_contains(name);
    if (value == nullptr || !value->is_int64()) return std::nullopt;
    return value->get_int64();
  };
  std::vector<core::FieldViolation> violations;
  std::optional<std::string> record = string_field("record");
  std::optional<std::string> field = string_field("field");
  std::optional<std::string> rule = string_field("rule");
  std::optional<int64_t> record_id = number_field("record_id");
  std::optional<int64_t> index = number_field("index");
  if (!record) violations.push_back({"record", "record is required, as the check names it"});
  if (!record_id) violations.push_back({"record_id", "record_id is required, a whole number"});
  if (!field) violations.push_back({"field", "field is required, as the check names it"});
  if (!rule) violations.push_back({"rule", "rule is required: the id of the finding's rule"});
  if (body.contains("index") && !body.at("index").is_null() && !index) {
    violations.push_back({"index", "index must be a whole number"});
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  // The finding is looked for without what was dismissed already: dismissing twice answers 200.
  DEBRIEF_ASSIGN_OR_RETURN(app::PublishReadiness readiness,
                           app::CheckPublishReadiness(context.store(), context.services.checker,
                                                      context.path_parameters.at(0)));
  // A negative index names no place; FindText is not asked.
  std::optional<size_t> place;
  if (index && *index >= 0) place = static_cast<size_t>(*index);
  const app::CheckedText* checked =
      index && !place ? nullptr : readiness.FindText(*record, *record_id, *field, place);
  if (checked == nullptr) {
    return core::Error::InvalidArgument(
        "the publish check lists no finding in that record and field; read it again", "record");
  }
  app::Dismissal dismissal;
  dismissal.text = checked->text;
  dismissal.rule_id = *rule;
  dismissal.begin = ReadFindingOffset(body, "start", dismissal.text, violations);
  dismissal.end = ReadFindingOffset(body, "end", dismissal.text, violations);
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  dismissal.options = app::CheckOptionsFor(readiness.document.participants);
  DEBRIEF_ASSIGN_OR_RETURN(
      app::DismissalOutcome outcome,
      context.services.language_feedback->Dismiss(context.store(), context.caller(), dismissal));
  return DismissalAnswer(outcome);
}

core::Result<ApiResponse> PublishReview(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"acknowledge_findings"}));
  bool acknowledged = false;
  if (const bj::value* value = body.if_contains("acknowledge_findings")) {
    if (!value->is_bool()) {
      return core::Error::InvalidArgument("acknowledge_findings must be true or false",
                                          "acknowledge_findings");
    }
    acknowledged = value->get_bool();
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      app::PublishReadiness readiness,
      app::CheckPublishReadiness(context.store(), context.services.checker,
                                 context.path_parameters.at(0), SuppressionsFor(context)));
  std::string key = readiness.document.incident.key;
  size_t findings = readiness.finding_count();
  DEBRIEF_ASSIGN_OR_RETURN(
      core::PublishedVersion version,
      app::PublishReview(context.store(), std::move(readiness), expected_version, acknowledged,
                         context.caller().user_id));
  bj::object out = EncodeVersion(version);
  out["acknowledged_findings"] = findings;
  ApiResponse response = ApiResponse::Json(out, 201);
  response.headers.emplace_back(
      "Location", "/api/v1/incidents/" + key + "/versions/" + std::to_string(version.number));
  return response;
}

core::Result<ApiResponse> ListPublishedVersions(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(auto versions, context.store().ListPublishedVersions(incident.id));
  bj::array items;
  for (const core::PublishedVersion& version : versions) items.push_back(EncodeVersion(version));
  return ApiResponse::Json({{"items", std::move(items)}});
}

core::Result<ApiResponse> GetPublishedVersion(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t number, context.IdParameter(1, "published version"));
  DEBRIEF_ASSIGN_OR_RETURN(core::PublishedVersion version,
                           context.store().GetPublishedVersion(incident.id, number));
  bj::object out = EncodeVersion(version);
  out["review"] = bj::parse(version.snapshot);
  return ApiResponse::Json(out);
}

// GET .../versions/{n}/diff?against=m: what changed from version m (by default the one before;
// for version 1, from nothing) to version n.
core::Result<ApiResponse> DiffPublishedVersions(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t number, context.IdParameter(1, "published version"));
  int64_t against = number - 1;
  if (auto value = context.Query("against")) {
    auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), against);
    if (error != std::errc() || end != value->data() + value->size() || against < 1) {
      return core::Error::InvalidArgument("against must be a published version number", "against");
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::PublishedVersion to,
                           context.store().GetPublishedVersion(incident.id, number));
  bj::object before;
  if (against >= 1) {
    DEBRIEF_ASSIGN_OR_RETURN(core::PublishedVersion from,
                             context.store().GetPublishedVersion(incident.id, against));
    before = bj::parse(from.snapshot).as_object();
  }
  bj::array changes = formats::DiffReviews(before, bj::parse(to.snapshot).as_object());
  return ApiResponse::Json({{"from", against >= 1 ? bj::value(against) : bj::value(nullptr)},
                            {"to", number},
                            {"changes", std::move(changes)}});
}

}  // namespace debrief::http::handlers
