// What an organisation has said is not blame, applied to the checker's findings:
// - a dismissal ("not blame here" on one finding) names the rule and a hash of the sentence the
//   finding was in, so the same words draw no hint of that rule again, wherever they are written;
// - an allow-entry names a phrase (and optionally a rule): a finding inside that phrase is
//   dropped, as the rule pack's own `allow` list does, but kept in the database where an admin
//   adds it with one click.
//
// The hash is over the sentence's folded words, so case, spacing and punctuation do not matter;
// the sentence itself is never stored.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "language/checker.h"

namespace debrief::language {

// The SHA-256 (64 hex digits) of the folded words of the sentence `finding` is in.
std::string SentenceHash(std::string_view text, const Finding& finding);

// The words of the finding's phrase, folded ("Should have" -> "should have").
std::string FindingPhrase(std::string_view text, const Finding& finding);

class Suppressions {
 public:
  // `phrase` is normalised (NormalisePhrase); an empty `rule_id` allows it for every rule.
  void Allow(std::string rule_id, std::string_view phrase);
  void Dismiss(std::string rule_id, std::string sentence_hash);

  bool empty() const { return allowed_.empty() && dismissed_.empty(); }

  // True when the finding is dismissed or inside an allowed phrase of its sentence.
  bool Covers(std::string_view text, const Finding& finding) const;

  // Drops the findings Covers() names, keeping the others in order.
  void Apply(std::string_view text, std::vector<Finding>& findings) const;

 private:
  struct AllowEntry {
    std::string rule_id;
    std::vector<std::string> words;
  };
  bool Allowed(std::string_view text, const Finding& finding) const;

  std::vector<AllowEntry> allowed_;
  // Entries by their first word: a finding's sentence is read once, whatever the entries' number.
  std::unordered_multimap<std::string, size_t> allowed_by_first_word_;
  std::set<std::pair<std::string, std::string>, std::less<>> dismissed_;  // (rule, hash)
};

}  // namespace debrief::language
