// What people told the language checker (core/language_feedback.h): dismissals of findings and
// the organisation's allow-entries.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/language_feedback.h"
#include "core/result.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

class LanguageFeedbackStore {
 public:
  virtual ~LanguageFeedbackStore() = default;

  // Records a dismissal (created_at is set); false when that person had dismissed that rule in
  // that sentence already (nothing changes).
  virtual Result<bool> AddLanguageDismissal(core::LanguageDismissal dismissal,
                                            const Change& change) = 0;
  // How many dismissals `user_id` has made.
  virtual Result<int64_t> CountLanguageDismissalsBy(int64_t user_id) = 0;
  // Every (rule, sentence hash) anyone dismissed, once each.
  virtual Result<std::vector<std::pair<std::string, std::string>>> ListDismissedSentences() = 0;
  // Removes the dismissals of `rule_id` (only those through `phrase` when given: "" for the
  // rule's findings that were not one of its phrases); how many went.
  virtual Result<int64_t> DeleteLanguageDismissals(std::string_view rule_id,
                                                   std::optional<std::string_view> phrase,
                                                   const Change& change) = 0;
  // Dismissals by rule and phrase, most dismissed first.
  virtual Result<std::vector<core::LanguageDismissalCount>> CountLanguageDismissals() = 0;

  // Allow-entries, oldest first. Adding one whose rule and phrase exist is kAlreadyExists.
  virtual Result<std::vector<core::LanguageAllowEntry>> ListLanguageAllowEntries() = 0;
  virtual Result<core::LanguageAllowEntry> AddLanguageAllowEntry(core::LanguageAllowEntry entry,
                                                                 const Change& change) = 0;
  virtual Result<void> DeleteLanguageAllowEntry(int64_t id, const Change& change) = 0;

  // A number that moves whenever a dismissal or an allow-entry is written, by any instance.
  virtual Result<int64_t> LanguageFeedbackVersion() = 0;

  // Every dismissal, oldest first (for backups).
  virtual Result<std::vector<core::LanguageDismissal>> ListLanguageDismissals() = 0;
};

}  // namespace debrief::store
