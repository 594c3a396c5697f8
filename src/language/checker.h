// The blameless-language checker: finds phrasings that get in the way of learning from an
// incident, says why, and offers a reframe. It is context aware: "the job failed to start" is
// fine, "Priya failed to check" is not, because a finding about a person needs a person (a
// pronoun, a role such as "the on-call engineer", or a name the caller passes in).
//
// Thread-safe after construction; Check() does no I/O and allocates only for its result.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "language/rule_pack.h"
#include "language/sentence_classifier.h"
#include "language/text.h"

namespace debrief::language {

namespace detail {
class Context;
}

struct Finding {
  const Rule* rule = nullptr;  // Points into the checker's pack.
  size_t begin = 0;            // Byte range in the checked text.
  size_t end = 0;
  bool quoted = false;  // Inside a quotation: someone's words, reported as such.
  // The sentence the finding is in (byte range): what a dismissal of the finding names.
  size_t sentence_begin = 0;
  size_t sentence_end = 0;
};

class Suppressions;  // language/suppressions.h

struct CheckOptions {
  // People's names ("Priya Raman"): each word of a name counts as a person.
  std::vector<std::string> participant_names;
  Severity min_severity = Severity::kInfo;
  bool markdown = true;  // Skip code, URLs, comments and front matter.
  // Ask the learned classifier about sentences no phrase rule found anything in (rules with
  // `learned = true`); off, only the phrase and structure rules run.
  bool learned = true;
  // Findings the organisation said are not blame (dismissed sentences, allow-entries): dropped.
  std::shared_ptr<const Suppressions> suppressions;
};

class Checker {
 public:
  // The pack's learned rules use the model compiled in (SentenceClassifier::Default()).
  explicit Checker(RulePack pack);
  Checker(RulePack pack, std::shared_ptr<const SentenceClassifier> classifier);

  std::vector<Finding> Check(std::string_view text, const CheckOptions& options = {}) const;

  // The text that may replace a finding's phrase (its rule's `replace` table), if any.
  static std::optional<std::string_view> Replacement(const Finding& finding, std::string_view text);
  const RulePack& pack() const { return pack_; }

 private:
  static constexpr uint32_t kNoWord = UINT32_MAX;

  struct Node {
    std::vector<std::pair<uint32_t, uint32_t>> next;  // (word id, child node), few per node.
    std::vector<uint32_t> rules;                      // Rules whose phrase ends here.
    bool allowed = false;                             // An allowed phrase ends here.
  };

  uint32_t AddWord(std::string_view word);
  uint32_t WordId(std::string_view word) const;
  void AddPhrase(const std::string& phrase, uint32_t rule_index, bool allowed);

  // Adds a finding of a learned rule for each sentence the classifier is sure blames someone
  // and no other finding touches; keeps `findings` in text order.
  void AddLearnedFindings(const std::vector<Token>& tokens, const detail::Context& context,
                          const CheckOptions& options, std::vector<Finding>& findings) const;

  RulePack pack_;
  std::shared_ptr<const SentenceClassifier> classifier_;  // Null when no rule is learned.
  std::vector<Node> nodes_;  // nodes_[0] is the root of the phrase trie.
  // Every word of every phrase, by id, in an open-addressing table: most words of a text are
  // in no phrase, and this lookup is the checker's inner loop.
  std::vector<std::string> words_;
  std::vector<std::pair<uint64_t, uint32_t>> word_slots_;  // (hash, id + 1); 0 is empty.
  std::vector<uint32_t> root_next_;                        // Word id -> child of the root, or 0.
};

}  // namespace debrief::language
