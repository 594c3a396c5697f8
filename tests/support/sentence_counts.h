// Counts of a labelled set scored sentence by sentence, and the precision and recall they give.
#pragma once

namespace debrief::language {

struct SentenceCounts {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  int true_negatives = 0;

  double Precision() const {
    int found = true_positives + false_positives;
    return found == 0 ? 1.0 : static_cast<double>(true_positives) / found;
  }
  double Recall() const {
    int wanted = true_positives + false_negatives;
    return wanted == 0 ? 1.0 : static_cast<double>(true_positives) / wanted;
  }
  void Add(const SentenceCounts& other) {
    true_positives += other.true_positives;
    false_positives += other.false_positives;
    false_negatives += other.false_negatives;
    true_negatives += other.true_negatives;
  }
};

}  // namespace debrief::language
