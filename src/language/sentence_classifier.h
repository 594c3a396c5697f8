// A learned second reading of whole sentences: a fastText model, trained on the labelled review
// sentences of the development corpus (tools/train_language_model), that says how likely a
// sentence is to blame someone and in which category. The checker asks it only about sentences
// its rules found nothing in, and reports what it is sure of as info (rules with `learned = true`
// in the rule pack set how sure).
//
// Thread-safe after loading: classifying reads the model and allocates only its answer.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/result.h"

namespace fasttext {
class FastText;
}

namespace debrief::language {

struct SentenceVerdict {
  double blame = 0;      // Probability that the sentence blames someone (1 - P(innocent)).
  std::string category;  // The most likely category of blame ("judgmental", …), when blame > 0.
  // The share of the sentence's words the model learned (placeholders and marks aside): a
  // sentence in words it never saw (verse, another field's jargon) is beyond what it can judge.
  double known_words = 1.0;
};

class SentenceClassifier {
 public:
  // A model as `fasttext` saves it (.bin or quantised .ftz), and the words it learned from, one
  // per line. Quantising prunes the words that weigh least from the model, but they were learned
  // all the same: a sentence is judged on the share of its words in `vocabulary` (the model's
  // own dictionary when none is given).
  static core::Result<std::shared_ptr<const SentenceClassifier>> Load(
      std::string_view model, std::string_view vocabulary = {});
  // The model compiled into the binary (language/model/blame.ftz and blame.vocab); null if it
  // cannot be read.
  static std::shared_ptr<const SentenceClassifier> Default();

  // `line` as ReadSentenceFeatures writes it.
  SentenceVerdict Classify(const std::string& line) const;

  ~SentenceClassifier();
  SentenceClassifier(const SentenceClassifier&) = delete;
  SentenceClassifier& operator=(const SentenceClassifier&) = delete;

 private:
  SentenceClassifier();
  double KnownWords(const std::string& line) const;
  bool Learned(const std::string& word) const;
  std::unique_ptr<fasttext::FastText> model_;
  std::unordered_set<std::string> vocabulary_;
};

// The label of innocent sentences in the training lines ("__label__ok").
inline constexpr std::string_view kInnocentLabel = "ok";

}  // namespace debrief::language
