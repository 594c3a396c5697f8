// What people tell the blameless-language checker, and what it learns from them:
// - "Not blame here" on a finding records a dismissal (the rule and a hash of the sentence, never
//   the sentence) and that finding is not raised again in those words, for anyone;
// - admins see which rules and phrases are dismissed most (DismissalReport) and turn a phrase
//   into an organisation allow-entry with one click (Allow).
// Every check made for the organisation (hints as people type, findings on records, the review
// before it is published) applies them through Suppressions().
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/authorization.h"
#include "core/language_feedback.h"
#include "core/result.h"
#include "language/checker.h"
#include "language/suppressions.h"
#include "store/store.h"

namespace debrief::app {

struct Dismissal {
  std::string text;  // The text the finding was reported in, as it was checked.
  std::string rule_id;
  size_t begin = 0;  // The finding's byte range in `text`.
  size_t end = 0;
  language::CheckOptions options;  // As the text was checked (participants' names, Markdown).
};

struct DismissalOutcome {
  bool recorded = false;  // False: this person had dismissed it already.
  std::string rule_id;
  std::string phrase;  // The rule's phrase that matched, or empty (see LanguageDismissal).
};

// One phrase of a rule, with how often it was dismissed and whether it is allowed already.
struct DismissedPhrase {
  std::string phrase;
  int64_t dismissals = 0;
  int64_t sentences = 0;
  int64_t people = 0;
  std::optional<int64_t> allow_entry_id;  // The allow-entry that covers it, if any.
};

struct RuleDismissals {
  const language::Rule* rule = nullptr;  // Null for a rule the pack no longer has.
  std::string rule_id;
  int64_t dismissals = 0;
  int64_t sentences = 0;
  std::vector<DismissedPhrase> phrases;  // Most dismissed first; "" is the rule's other findings.
};

class LanguageFeedback {
 public:
  // `checker` must outlive this.
  explicit LanguageFeedback(const language::Checker& checker) : checker_(checker) {}

  // What the organisation said is not blame, as of now. Read again from the store only when a
  // write (here or on another instance) moved its version; safe from any thread.
  core::Result<std::shared_ptr<const language::Suppressions>> Suppressions(store::Store& store);

  // Records `who` saying the finding at [begin, end) of `rule_id` is not blame. The text is
  // checked again, so only a finding the checker reports there can be dismissed (kInvalid
  // otherwise); nothing of the text but the sentence's hash is kept.
  core::Result<DismissalOutcome> Dismiss(store::Store& store, const core::Principal& who,
                                         const Dismissal& dismissal);

  // Rules by how often they were dismissed, most first.
  core::Result<std::vector<RuleDismissals>> DismissalReport(store::Store& store);

  // Forgets the dismissals of a rule (through one phrase only, when given), so that its findings
  // are raised again where they were dismissed: a mistaken or careless "not blame here".
  core::Result<int64_t> ClearDismissals(store::Store& store, const core::Principal& admin,
                                        std::string_view rule_id,
                                        std::optional<std::string_view> phrase);

  // An organisation allow-entry (admins): `phrase` is not reported by `rule_id` (every rule when
  // empty). The phrase must have words and, with a rule, the rule must exist.
  core::Result<core::LanguageAllowEntry> Allow(store::Store& store, const core::Principal& admin,
                                               std::string rule_id, std::string_view phrase);
  core::Result<void> RemoveAllowEntry(store::Store& store, const core::Principal& admin,
                                      int64_t id);

 private:
  const language::Checker& checker_;
  std::mutex mutex_;
  int64_t cached_version_ = -1;
  std::shared_ptr<const language::Suppressions> cached_;
};

}  // namespace debrief::app
