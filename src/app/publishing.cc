#include "app/publishing.h"

#include <boost/json.hpp>

#include "app/anonymisation.h"
#include "app/check_options.h"
#include "app/incident_document.h"
#include "app/library_entry.h"
#include "app/webhook_events.h"
#include "core/review_workflow.h"
#include "formats/incident_snapshot.h"
#include "formats/json/record_json.h"

namespace debrief::app {
namespace {

// Every prose text of each record (core/schema.h marks them) that holds findings.
template <class T>
void AddFindings(const language::Checker& checker, const std::vector<T>& records,
                 std::string_view kind, const language::CheckOptions& options,
                 std::vector<CheckedText>& out) {
  auto check = [&](const T& record, std::string_view field, std::optional<size_t> index,
                   const std::string& text) {
    if (text.empty()) return;
    std::vector<language::Finding> findings = checker.Check(text, options);
    if (findings.empty()) return;
    out.push_back({kind, record.id, field, index, text, std::move(findings)});
  };
  for (const T& record : records) {
    core::ForEachProseText(
        record, [&](std::string_view field, std::optional<size_t> index, const std::string& text) {
          check(record, field, index, text);
        });
  }
}

}  // namespace

std::vector<CheckedText> DocumentFindings(
    const language::Checker& checker, const render::IncidentDocument& document,
    std::shared_ptr<const language::Suppressions> suppressions) {
  language::CheckOptions options = CheckOptionsFor(document.participants);
  options.suppressions = std::move(suppressions);
  std::vector<CheckedText> findings;
  AddFindings(checker, std::vector{document.incident}, "incident", options, findings);
  for (const render::AccountWithEntries& account : document.accounts) {
    AddFindings(checker, std::vector{account.account}, "account", options, findings);
    AddFindings(checker, account.entries, "entry", options, findings);
  }
  AddFindings(checker, document.events, "event", options, findings);
  AddFindings(checker, document.decisions, "decision", options, findings);
  AddFindings(checker, document.factors, "factor", options, findings);
  AddFindings(checker, document.work_as_done, "work_as_done", options, findings);
  AddFindings(checker, document.actions, "action", options, findings);
  AddFindings(checker, document.lessons, "lesson", options, findings);
  return findings;
}

size_t PublishReadiness::finding_count() const {
  size_t count = 0;
  for (const CheckedText& text : findings) count += text.findings.size();
  return count;
}

const CheckedText* PublishReadiness::FindText(std::string_view record, int64_t record_id,
                                              std::string_view field,
                                              std::optional<size_t> index) const {
  for (const CheckedText& text : findings) {
    if (text.record == record && text.record_id == record_id && text.field == field &&
        text.index == index) {
      return &text;
    }
  }
  return nullptr;
}

core::Result<PublishReadiness> CheckPublishReadiness(
    store::Store& store, const language::Checker& checker, const std::string& key,
    std::shared_ptr<const language::Suppressions> suppressions) {
  PublishReadiness readiness;
  DEBRIEF_ASSIGN_OR_RETURN(readiness.document, LoadIncidentDocument(store, key));
  const core::Incident& incident = readiness.document.incident;
  readiness.resolved = incident.status == core::IncidentStatus::kResolved;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, store.ListReviewRules());
  core::ReviewRule rule = core::RuleFor(incident.severity, rules);
  if (auto consent = core::CheckCanPublish(incident.review_status, rule, incident.key); !consent) {
    readiness.review_blocker = consent.error();
  }
  // Accounts are read again: the document holds only those released to the review.
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Account> accounts, store.accounts().List(incident.id));
  for (const core::Account& account : accounts) {
    if (account.visibility == core::AccountVisibility::kInReview ||
        account.visibility == core::AccountVisibility::kWithdrawn) {
      continue;
    }
    UnreleasedAccount waiting{account.id, "", account.visibility};
    for (const core::Participant& participant : readiness.document.participants) {
      if (participant.id == account.participant_id) waiting.participant = participant.name;
    }
    readiness.unreleased.push_back(std::move(waiting));
  }
  readiness.findings = DocumentFindings(checker, readiness.document, std::move(suppressions));
  std::vector<core::ReleasedAccount> released;
  for (const render::AccountWithEntries& account : readiness.document.accounts) {
    released.push_back({account.account.participant_id, account.entries});
  }
  readiness.coverage = core::CoverKeyMoments(incident, readiness.document.participants, released);
  DEBRIEF_ASSIGN_OR_RETURN(auto versions, store.ListPublishedVersions(incident.id));
  readiness.versions = versions.size();
  return readiness;
}

core::Result<core::PublishedVersion> PublishReview(store::Store& store, PublishReadiness readiness,
                                                   int64_t expected_version,
                                                   bool findings_acknowledged,
                                                   std::optional<int64_t> actor) {
  const core::Incident& incident = readiness.document.incident;
  if (!readiness.resolved) {
    return core::Error::Conflict("the incident is not resolved yet; publish its review afterwards",
                                 "status");
  }
  if (readiness.review_blocker) return *readiness.review_blocker;
  if (!readiness.unreleased.empty()) {
    std::string waiting;
    for (const UnreleasedAccount& account : readiness.unreleased) {
      waiting += (waiting.empty() ? "" : ", ") + account.participant + " (" +
                 std::string(core::ToString(account.visibility)) + ")";
    }
    return core::Error::Conflict(
        "these accounts are neither released to the review nor withdrawn by their authors yet: " +
        waiting);
  }
  size_t findings = readiness.finding_count();
  if (findings > 0 && !findings_acknowledged) {
    return core::Error::Conflict(
        std::to_string(findings) + " language finding(s) are open (GET /api/v1/incidents/" +
            incident.key + "/publish lists them); read them, then publish with " +
            "acknowledge_findings: true",
        "acknowledge_findings");
  }
  core::Incident published = incident;
  published.review_status = core::ReviewStatus::kPublished;
  store::Change change;
  change.actor_id = actor;
  change.diff_json =
      formats::json::Diff(formats::json::Encode(incident), formats::json::Encode(published));
  return StorePublishedVersion(store, std::move(readiness.document), expected_version, change);
}

core::Result<core::PublishedVersion> StorePublishedVersion(store::Store& store,
                                                           render::IncidentDocument document,
                                                           int64_t expected_version,
                                                           const store::Change& change) {
  document.incident.review_status = core::ReviewStatus::kPublished;
  // The snapshot shows the review as published.
  std::string snapshot = boost::json::serialize(formats::IncidentDocumentJson(document));
  DEBRIEF_ASSIGN_OR_RETURN(render::Anonymiser anonymiser,
                           Anonymisation(store).ForDocument(document));
  core::PublishedVersion version;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(
        version, store.Publish(document.incident, expected_version, std::move(snapshot), change));
    DEBRIEF_RETURN_IF_ERROR(store.IndexForLibrary(MakeLibraryEntry(document, anonymiser, version)));
    return QueueReviewPublished(store, document.incident, version);
  }));
  return version;
}

}  // namespace debrief::app
