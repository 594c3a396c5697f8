#include "core/pulse.h"

#include <algorithm>

namespace debrief::core {
namespace {

Result<std::string> CheckOne(const PulseQuestion& question, std::string_view given) {
  if (std::find(question.answers.begin(), question.answers.end(), given) ==
      question.answers.end()) {
    std::string allowed;
    for (std::string_view answer : question.answers) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(answer);
    }
    return Error::InvalidArgument(std::string(question.name) + " must be one of " + allowed,
                                  std::string(question.name));
  }
  return std::string(given);
}

}  // namespace

Result<PulseAnswer> CheckPulseAnswer(std::string_view learned, std::string_view again) {
  PulseAnswer answer;
  DEBRIEF_ASSIGN_OR_RETURN(answer.learned, CheckOne(kPulseQuestions[0], learned));
  DEBRIEF_ASSIGN_OR_RETURN(answer.again, CheckOne(kPulseQuestions[1], again));
  return answer;
}

bool IsPulseAnswer(std::string_view question, std::string_view answer) {
  for (const PulseQuestion& known : kPulseQuestions) {
    if (known.name == question) {
      return std::find(known.answers.begin(), known.answers.end(), answer) != known.answers.end();
    }
  }
  return false;
}

PulseTally EmptyPulseTally() {
  PulseTally tally;
  for (const PulseQuestion& question : kPulseQuestions) {
    for (std::string_view answer : question.answers) {
      tally.counts[std::string(question.name)][std::string(answer)] = 0;
    }
  }
  return tally;
}

}  // namespace debrief::core
