// Publishing a review. What still stands in its way (CheckPublishReadiness), publishing it once
// nothing does (PublishReview), and storing it as published (StorePublishedVersion): its document
// becomes the incident's next immutable version, indexed for the library and announced to
// webhooks, all in one transaction, so a published review is always findable.
//
// Publishing needs the incident resolved, the review workflow's consent (approved when the
// severity's rule requires review; never while reviewers are asked or have asked for changes),
// and every account released to the review or withdrawn by its author. Language findings never
// block silently: they are listed, and publishing asks that someone acknowledge them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/error.h"
#include "core/perspective_coverage.h"
#include "core/review.h"
#include "language/checker.h"

#include "core/published_version.h"
#include "render/incident_document.h"
#include "store/store.h"

namespace debrief::app {

// One text of a record the review shares, with the language findings in it.
struct CheckedText {
  std::string_view record;  // "incident", "account", "entry", "event", "decision", ...
  int64_t record_id = 0;
  std::string_view field;
  std::optional<size_t> index;  // For a field holding a list of texts.
  std::string text;
  std::vector<language::Finding> findings;
};

// The texts of everything the document shares that hold findings, record by record.
// Findings the organisation said are not blame (`suppressions`) are left out.
std::vector<CheckedText> DocumentFindings(
    const language::Checker& checker, const render::IncidentDocument& document,
    std::shared_ptr<const language::Suppressions> suppressions = nullptr);

// An account neither released to the review nor withdrawn by its author.
struct UnreleasedAccount {
  int64_t account_id = 0;
  std::string participant;  // Its author's name.
  core::AccountVisibility visibility{};
};

struct PublishReadiness {
  render::IncidentDocument document;  // As LoadIncidentDocument gathers it.
  bool resolved = false;
  std::optional<core::Error> review_blocker;  // Why the workflow does not consent, if it does not.
  std::vector<UnreleasedAccount> unreleased;
  std::vector<CheckedText> findings;
  // Whose released accounts tell of each key moment: a hint for the facilitator alone.
  std::vector<core::MomentCoverage> coverage;
  size_t versions = 0;  // Published before.

  size_t finding_count() const;
  // The text with findings at that place of the review (as the check lists it), or null.
  const CheckedText* FindText(std::string_view record, int64_t record_id, std::string_view field,
                              std::optional<size_t> index) const;
  bool ready() const { return resolved && !review_blocker && unreleased.empty(); }
};

core::Result<PublishReadiness> CheckPublishReadiness(
    store::Store& store, const language::Checker& checker, const std::string& key,
    std::shared_ptr<const language::Suppressions> suppressions = nullptr);

// Publishes the review of `readiness` as `actor` if the incident is still at `expected_version`
// and nothing stands in the way: kConflict names what does (not resolved, the workflow, the
// accounts still waiting, findings not acknowledged), checked in that order.
core::Result<core::PublishedVersion> PublishReview(store::Store& store, PublishReadiness readiness,
                                                   int64_t expected_version,
                                                   bool findings_acknowledged,
                                                   std::optional<int64_t> actor);

// `document` as gathered by LoadIncidentDocument; the incident is stored published if it is
// still at `expected_version`.
core::Result<core::PublishedVersion> StorePublishedVersion(store::Store& store,
                                                           render::IncidentDocument document,
                                                           int64_t expected_version,
                                                           const store::Change& change);

}  // namespace debrief::app
