#include "app/language_feedback.h"

#include <algorithm>
#include <map>

#include "language/rule_pack.h"
#include "language/text.h"

namespace debrief::app {
namespace {

// Allow-entries are tried on every finding of every check: a bound keeps that cheap.
constexpr size_t kMaxAllowEntries = 1000;
constexpr size_t kMaxAllowPhraseBytes = 200;
// Every server keeps every dismissed sentence's hash in memory; a bound per person keeps one
// script from filling it. Far above what anyone dismisses by hand.
constexpr int64_t kMaxDismissalsPerPerson = 5000;

const language::Rule* RuleById(const language::Checker& checker, std::string_view id) {
  for (const language::Rule& rule : checker.pack().rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

store::Change ChangeBy(const core::Principal& who) { return store::Change{who.user_id, "{}"}; }

}  // namespace

core::Result<std::shared_ptr<const language::Suppressions>> LanguageFeedback::Suppressions(
    store::Store& store) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t version, store.LanguageFeedbackVersion());
  {
    std::lock_guard lock(mutex_);
    if (version == cached_version_) return cached_;
  }
  auto suppressions = std::make_shared<language::Suppressions>();
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::LanguageAllowEntry> entries,
                           store.ListLanguageAllowEntries());
  for (core::LanguageAllowEntry& entry : entries) {
    suppressions->Allow(std::move(entry.rule_id), entry.phrase);
  }
  DEBRIEF_ASSIGN_OR_RETURN(auto sentences, store.ListDismissedSentences());
  for (auto& [rule_id, hash] : sentences) suppressions->Dismiss(rule_id, hash);
  std::shared_ptr<const language::Suppressions> current =
      suppressions->empty() ? nullptr : std::move(suppressions);
  std::lock_guard lock(mutex_);
  // Another thread may have read a newer version meanwhile; keep the newest.
  if (version >= cached_version_) {
    cached_version_ = version;
    cached_ = current;
  }
  return current;
}

core::Result<DismissalOutcome> LanguageFeedback::Dismiss(store::Store& store,
                                                         const core::Principal& who,
                                                         const Dismissal& dismissal) {
  language::CheckOptions options = dismissal.options;
  options.suppressions = nullptr;  // A finding someone else dismissed may be dismissed again.
  std::vector<language::Finding> findings = checker_.Check(dismissal.text, options);
  auto found = std::find_if(findings.begin(), findings.end(), [&](const language::Finding& f) {
    return f.rule->id == dismissal.rule_id && f.begin == dismissal.begin && f.end == dismissal.end;
  });
  if (found == findings.end()) {
    return core::Error::Invalid(
        {{"start", "the checker reports no finding of rule \"" + dismissal.rule_id +
                       "\" there; check the text again and dismiss a finding it reports"}});
  }
  DEBRIEF_ASSIGN_OR_RETURN(int64_t made, store.CountLanguageDismissalsBy(who.user_id));
  if (made >= kMaxDismissalsPerPerson) {
    return core::Error::Conflict(
        "you have dismissed 5000 hints, the most one person may; ask an admin to allow the "
        "phrases you keep dismissing instead");
  }
  core::LanguageDismissal record;
  record.rule_id = dismissal.rule_id;
  record.sentence_hash = language::SentenceHash(dismissal.text, *found);
  // Only the rule's own words are kept: a learned rule's finding is the writer's sentence.
  std::string phrase = language::FindingPhrase(dismissal.text, *found);
  const std::vector<std::string>& phrases = found->rule->phrases;
  if (std::find(phrases.begin(), phrases.end(), phrase) != phrases.end()) record.phrase = phrase;
  record.user_id = who.user_id;
  DismissalOutcome outcome{false, record.rule_id, record.phrase};
  DEBRIEF_ASSIGN_OR_RETURN(outcome.recorded,
                           store.AddLanguageDismissal(std::move(record), ChangeBy(who)));
  return outcome;
}

core::Result<std::vector<RuleDismissals>> LanguageFeedback::DismissalReport(store::Store& store) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::LanguageDismissalCount> counts,
                           store.CountLanguageDismissals());
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::LanguageAllowEntry> entries,
                           store.ListLanguageAllowEntries());
  std::map<std::string, RuleDismissals> by_rule;
  for (const core::LanguageDismissalCount& count : counts) {
    RuleDismissals& rule = by_rule[count.rule_id];
    rule.rule_id = count.rule_id;
    rule.rule = RuleById(checker_, count.rule_id);
    rule.dismissals += count.dismissals;
    rule.sentences += count.sentences;
    DismissedPhrase phrase{count.phrase, count.dismissals, count.sentences, count.people, {}};
    for (const core::LanguageAllowEntry& entry : entries) {
      if (!count.phrase.empty() && entry.phrase == count.phrase &&
          (entry.rule_id.empty() || entry.rule_id == count.rule_id)) {
        phrase.allow_entry_id = entry.id;
      }
    }
    rule.phrases.push_back(std::move(phrase));  // The store lists them most dismissed first.
  }
  std::vector<RuleDismissals> report;
  for (auto& [id, rule] : by_rule) report.push_back(std::move(rule));
  std::stable_sort(report.begin(), report.end(),
                   [](const auto& a, const auto& b) { return a.dismissals > b.dismissals; });
  return report;
}

core::Result<int64_t> LanguageFeedback::ClearDismissals(store::Store& store,
                                                        const core::Principal& admin,
                                                        std::string_view rule_id,
                                                        std::optional<std::string_view> phrase) {
  if (rule_id.empty()) {
    return core::Error::InvalidArgument("name the rule whose dismissals to forget", "rule");
  }
  std::optional<std::string> normalised;
  if (phrase) normalised = language::NormalisePhrase(*phrase);
  return store.DeleteLanguageDismissals(rule_id, normalised, ChangeBy(admin));
}

core::Result<core::LanguageAllowEntry> LanguageFeedback::Allow(store::Store& store,
                                                               const core::Principal& admin,
                                                               std::string rule_id,
                                                               std::string_view phrase) {
  std::vector<core::FieldViolation> violations;
  std::string normalised = language::NormalisePhrase(phrase);
  auto tokens = language::Tokenize(normalised);
  bool has_word = std::any_of(tokens.begin(), tokens.end(),
                              [](const language::Token& token) { return token.is_word; });
  if (!has_word) {
    violations.push_back({"phrase", "give the words to allow, such as \"just prior to\""});
  } else if (normalised.size() > kMaxAllowPhraseBytes) {
    violations.push_back({"phrase", "an allowed phrase is at most 200 bytes"});
  }
  if (!rule_id.empty() && RuleById(checker_, rule_id) == nullptr) {
    violations.push_back(
        {"rule", "no rule \"" + rule_id + "\"; GET /api/v1/lint/rules lists them"});
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::LanguageAllowEntry> entries,
                           store.ListLanguageAllowEntries());
  if (entries.size() >= kMaxAllowEntries) {
    return core::Error::Invalid(
        {{"phrase", "the organisation has 1000 allow-entries; remove one before adding another"}});
  }
  core::LanguageAllowEntry entry;
  entry.rule_id = std::move(rule_id);
  entry.phrase = std::move(normalised);
  entry.created_by = admin.user_id;
  return store.AddLanguageAllowEntry(std::move(entry), ChangeBy(admin));
}

core::Result<void> LanguageFeedback::RemoveAllowEntry(store::Store& store,
                                                      const core::Principal& admin, int64_t id) {
  return store.DeleteLanguageAllowEntry(id, ChangeBy(admin));
}

}  // namespace debrief::app
