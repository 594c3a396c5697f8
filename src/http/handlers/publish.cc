// Publishing a review: what still stands in the way, the publish itself (an immutable,
// numbered snapshot), and reading the versions back.
//
// GET  /incidents/{key}/publish   -> {"ready", "resolved", "unreleased_accounts", "findings",
//                                     "versions"}
// POST /incidents/{key}/publish   {"acknowledge_findings": true} with If-Match: the incident's
//                                 version -> 201 {"number", "published_at", "published_by"}
// Publishing needs the incident resolved, the review workflow's consent (approved when the
// severity's rule requires review; never while reviewers are asked or have asked for changes),
// and every account released to the review or withdrawn by its author. Language
// findings never block silently: they are listed, and publishing asks that someone acknowledge
// them.
#include <boost/json.hpp>
#include <charconv>

#include "core/review_workflow.h"

#include "app/incident_document.h"
#include "app/library_entry.h"
#include "app/publishing.h"
#include "app/webhook_events.h"
#include "formats/review_diff.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/review_state.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// Every language finding in the prose of everything the review shares, each naming its record.
template <class T>
void AddFindings(Context& context, const std::vector<T>& records, std::string_view kind,
                 const language::CheckOptions& options, bj::array& out) {
  for (const T& record : records) {
    for (bj::value& finding :
         formats::json::ProseFindings(context.services.checker, record, options)) {
      finding.as_object()["record"] = kind;
      finding.as_object()["record_id"] = record.id;
      out.push_back(std::move(finding));
    }
  }
}

bj::array DocumentFindings(Context& context, const render::IncidentDocument& document) {
  language::CheckOptions options = CheckOptionsFor(document.participants);
  bj::array findings;
  AddFindings(context, std::vector{document.incident}, "incident", options, findings);
  for (const render::AccountWithEntries& account : document.accounts) {
    AddFindings(context, std::vector{account.account}, "account", options, findings);
    AddFindings(context, account.entries, "entry", options, findings);
  }
  AddFindings(context, document.events, "event", options, findings);
  AddFindings(context, document.decisions, "decision", options, findings);
  AddFindings(context, document.factors, "factor", options, findings);
  AddFindings(context, document.work_as_done, "work_as_done", options, findings);
  AddFindings(context, document.actions, "action", options, findings);
  AddFindings(context, document.lessons, "lesson", options, findings);
  return findings;
}

// Accounts neither released to the review nor withdrawn, by their author's name.
core::Result<bj::array> UnreleasedAccounts(Context& context,
                                           const render::IncidentDocument& document) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Account> accounts,
                           context.store().accounts().List(document.incident.id));
  const std::vector<core::Participant>& participants = document.participants;
  bj::array unreleased;
  for (const core::Account& account : accounts) {
    if (account.visibility == core::AccountVisibility::kInReview ||
        account.visibility == core::AccountVisibility::kWithdrawn) {
      continue;
    }
    std::string author;
    for (const core::Participant& participant : participants) {
      if (participant.id == account.participant_id) author = participant.name;
    }
    unreleased.push_back({{"account_id", account.id},
                          {"participant", author},
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
      render::IncidentDocument document,
      app::LoadIncidentDocument(context.store(), context.path_parameters.at(0)));
  DEBRIEF_ASSIGN_OR_RETURN(bj::array unreleased, UnreleasedAccounts(context, document));
  DEBRIEF_ASSIGN_OR_RETURN(auto versions,
                           context.store().ListPublishedVersions(document.incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewRule rule, ReviewRuleOf(context, document.incident));
  auto workflow =
      core::CheckCanPublish(document.incident.review_status, rule, document.incident.key);
  bool ready = unreleased.empty() && document.incident.status == core::IncidentStatus::kResolved &&
               workflow.has_value();
  return ApiResponse::Json(
      {{"ready", ready},
       {"resolved", document.incident.status == core::IncidentStatus::kResolved},
       {"review_status", core::ToString(document.incident.review_status)},
       {"review_blocker", workflow ? bj::value(nullptr) : bj::value(workflow.error().message())},
       {"unreleased_accounts", std::move(unreleased)},
       {"findings", DocumentFindings(context, document)},
       {"versions", versions.size()}});
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
      render::IncidentDocument document,
      app::LoadIncidentDocument(context.store(), context.path_parameters.at(0)));
  if (document.incident.status != core::IncidentStatus::kResolved) {
    return core::Error::Conflict("the incident is not resolved yet; publish its review afterwards",
                                 "status");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewRule rule, ReviewRuleOf(context, document.incident));
  DEBRIEF_RETURN_IF_ERROR(
      core::CheckCanPublish(document.incident.review_status, rule, document.incident.key));
  DEBRIEF_ASSIGN_OR_RETURN(bj::array unreleased, UnreleasedAccounts(context, document));
  std::string check_path = "GET /api/v1/incidents/" + document.incident.key + "/publish";
  if (!unreleased.empty()) {
    std::string waiting;
    for (const bj::value& account : unreleased) {
      waiting += (waiting.empty() ? "" : ", ") +
                 std::string(account.at("participant").as_string()) + " (" +
                 std::string(account.at("visibility").as_string()) + ")";
    }
    return core::Error::Conflict(
        "these accounts are neither released to the review nor withdrawn by their authors yet: " +
        waiting);
  }
  bj::array findings = DocumentFindings(context, document);
  if (!findings.empty() && !acknowledged) {
    return core::Error::Conflict(
        std::to_string(findings.size()) + " language finding(s) are open (" + check_path +
            " lists them); read them, then publish with acknowledge_findings: true",
        "acknowledge_findings");
  }
  core::Incident published = document.incident;
  published.review_status = core::ReviewStatus::kPublished;
  store::Change change =
      ChangeBy(context, formats::json::Encode(document.incident), formats::json::Encode(published));
  DEBRIEF_ASSIGN_OR_RETURN(
      core::PublishedVersion version,
      app::StorePublishedVersion(context.store(), document, expected_version, change));
  bj::object out = EncodeVersion(version);
  out["acknowledged_findings"] = findings.size();
  ApiResponse response = ApiResponse::Json(out, 201);
  response.headers.emplace_back("Location", "/api/v1/incidents/" + document.incident.key +
                                                "/versions/" + std::to_string(version.number));
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
