// The two-question pulse participants answer after a review meeting: did they learn something
// that will change how they work, and would they come to another review like this. Anonymous:
// answers are kept only as counts per review, apart from the record that someone answered (so
// no one answers twice), and a review's counts are shown only once enough people answered that
// no one's answer can be read off them. Never per person.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace debrief::core {

// The questions, by the name their counts are kept under, with the answers each takes.
struct PulseQuestion {
  std::string_view name;
  std::string_view text;
  std::array<std::string_view, 3> answers;
};
inline constexpr std::array<PulseQuestion, 2> kPulseQuestions{{
    {"learned",
     "Did you learn something in this review that will change how you work?",
     {"yes", "somewhat", "no"}},
    {"again", "Would you come to another review like this one?", {"yes", "maybe", "no"}},
}};

// A review's counts are shown from this many answers: with fewer, one person's answer could be
// read off them by whoever knows who answered.
inline constexpr int64_t kPulseShownFrom = 3;

// One person's answers, by question name.
struct PulseAnswer {
  std::string learned;
  std::string again;
};

// The counts of one review, or of every review.
struct PulseTally {
  int64_t responses = 0;
  int64_t reviews = 0;  // Reviews with at least one answer.
  // question -> answer -> count, every answer present (0 when none gave it).
  std::map<std::string, std::map<std::string, int64_t>> counts;
};

// One count of a review's pulse, as a backup keeps it.
struct PulseCount {
  std::string question;
  std::string answer;
  int64_t count = 0;
};

// The answers as given, checked against the questions' answers.
Result<PulseAnswer> CheckPulseAnswer(std::string_view learned, std::string_view again);

// An empty tally with every question's answers at 0.
PulseTally EmptyPulseTally();

// Whether `answer` is one `question` takes ("learned" takes "somewhat", not "maybe").
bool IsPulseAnswer(std::string_view question, std::string_view answer);

}  // namespace debrief::core
