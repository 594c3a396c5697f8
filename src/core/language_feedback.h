// What people tell the blameless-language checker: "not blame here" on a finding (a dismissal)
// and the organisation's allow-entries an admin makes from them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"

namespace debrief::core {

// One person saying one finding is not blame. Names the sentence by a hash of its folded words
// (language::SentenceHash), never by its words.
struct LanguageDismissal {
  std::string rule_id;
  std::string sentence_hash;
  // The rule's own phrase that matched ("just"); empty when the finding's words were the
  // writer's own (a learned rule reads a whole sentence).
  std::string phrase;
  int64_t user_id = 0;
  Timestamp created_at{};
};

// How often a rule, through one of its phrases, was dismissed.
struct LanguageDismissalCount {
  std::string rule_id;
  std::string phrase;      // Empty: findings of the rule that were not one of its phrases.
  int64_t dismissals = 0;  // By anyone, of any sentence.
  int64_t sentences = 0;   // Different sentences.
  int64_t people = 0;      // Different people.
};

// A phrase the organisation does not want reported, by one rule or (rule_id empty) by any.
struct LanguageAllowEntry {
  int64_t id = 0;
  std::string rule_id;
  std::string phrase;  // Normalised (language::NormalisePhrase).
  std::optional<int64_t> created_by;
  Timestamp created_at{};
};

}  // namespace debrief::core
