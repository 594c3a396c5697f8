// How reviews are run and kept: the review rule and template of each severity, and the
// published versions of each review.
#pragma once

#include <string_view>
#include <vector>

#include "core/incident.h"
#include "core/published_version.h"
#include "core/review.h"
#include "core/review_template.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

class ReviewSettingsStore {
 public:
  virtual ~ReviewSettingsStore() = default;

  // Review rules, one per severity, in severity order as text. PutReviewRule creates the rule when
  // `expected_version` is 0 (kAlreadyExists if it is there) and replaces it otherwise (stale
  // versions fail like any other write).
  virtual Result<std::vector<core::ReviewRule>> ListReviewRules() = 0;
  virtual Result<core::ReviewRule> PutReviewRule(core::ReviewRule rule, int64_t expected_version,
                                                 const Change& change) = 0;
  virtual Result<void> DeleteReviewRule(std::string_view severity, int64_t expected_version,
                                        const Change& change) = 0;

  // Review templates (core/review_template.h), by severity ("default" for every other). Put and
  // delete work like review rules: expected_version 0 creates.
  virtual Result<std::vector<core::ReviewTemplate>> ListReviewTemplates() = 0;
  virtual Result<core::ReviewTemplate> PutReviewTemplate(core::ReviewTemplate review_template,
                                                         int64_t expected_version,
                                                         const Change& change) = 0;
  virtual Result<void> DeleteReviewTemplate(std::string_view severity, int64_t expected_version,
                                            const Change& change) = 0;
};

class PublishedVersionStore {
 public:
  virtual ~PublishedVersionStore() = default;

  // Publishing, in one transaction: the incident (review_status already set by the caller) is
  // updated if still at `expected_version`, and `snapshot` becomes its next published version.
  virtual Result<core::PublishedVersion> Publish(const core::Incident& incident,
                                                 int64_t expected_version, std::string snapshot,
                                                 const Change& change) = 0;
  // Newest first; snapshots are left empty in the list.
  virtual Result<std::vector<core::PublishedVersion>> ListPublishedVersions(
      int64_t incident_id) = 0;
  virtual Result<core::PublishedVersion> GetPublishedVersion(int64_t incident_id,
                                                             int64_t number) = 0;
};

}  // namespace debrief::store
