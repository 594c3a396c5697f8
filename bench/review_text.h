// The review text the checker benchmarks share: incident prose with a few blameful phrasings,
// Markdown headings, a code block and links, repeated from a fixed set of sentences, so every run
// and every benchmark reads the same bytes.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>

namespace debrief::bench {

// About `words` words of review text.
inline std::string MakeReviewText(size_t words) {
  static const char* kSentences[] = {
      "At 14:05 the payments error rate rose to six percent and the on-call engineer was paged. ",
      "Priya opened the dashboard and saw database CPU at thirty percent, which looked normal. ",
      "We should have checked the connection pool first, but the runbook pointed elsewhere. ",
      "The job failed to start because the image was missing from the registry. ",
      "Marcus took command and asked Lena to look at the deploy history at 14:31. ",
      "The root cause was a configuration change that lowered the pool size. ",
      "Rolling back only took five minutes once the change was found. ",
      "See https://example.com/runbooks/payments for the procedure as written. ",
      "The retry could have succeeded if the timeout had been longer. ",
  };
  std::string text =
      "# Payments outage\n\n## Timeline\n\n```\nkubectl rollout undo deploy/payments\n```\n\n";
  size_t count = 0;
  for (size_t index = 0; count < words; ++index) {
    std::string sentence = kSentences[index % std::size(kSentences)];
    text += sentence;
    count += static_cast<size_t>(std::count(sentence.begin(), sentence.end(), ' '));
    if (index % 5 == 4) text += "\n\n";
  }
  return text;
}

}  // namespace debrief::bench
