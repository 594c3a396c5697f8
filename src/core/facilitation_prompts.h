// The question worth asking at an item of the timeline, from what its author wrote, for the
// facilitator walking a review meeting through it: "obviously" asks whether it was obvious to
// everyone then; "I knew" asks how; a decision asks what the other options and pressures were;
// an observation asks what made it look off. One question per entry, the most telling first
// (hindsight, then certainty, then decisions, then observations). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/account.h"
#include "core/decision_point.h"

namespace debrief::core {

enum class PromptKind { kObvious, kKnew, kDecision, kObservation };
std::string_view PromptKindName(PromptKind kind);  // "obvious", "knew", "decision", ...

struct FacilitationPrompt {
  PromptKind kind = PromptKind::kObservation;
  std::string field;     // The entry's field the question is about ("did", "saw", ...).
  std::string quote;     // The words that prompted it, as written.
  std::string question;  // To ask, with the author's name.
};

// `obvious_at`: where a hindsight word ("obviously", "clearly") was found in a field of the
// entry, if anywhere (the language checker finds those, in context); the rest is read here.
struct ObviousWords {
  std::string field;
  std::string quote;
};
std::optional<FacilitationPrompt> PromptForEntry(const AccountEntry& entry, std::string_view author,
                                                 const std::optional<ObviousWords>& obvious);

// A decision point that does not yet say what else could have been done, or under what
// pressure: the questions the meeting should answer.
std::optional<FacilitationPrompt> PromptForDecision(const DecisionPoint& decision);

// Where a text claims certain knowledge in the first person ("I knew", "we were sure", "I
// could tell"): the words, or empty.
std::string KnowledgeClaim(std::string_view text);

// Where a text tells of a choice ("decided", "chose", "went with", "made the call"): the words,
// or empty.
std::string ChoiceWords(std::string_view text);

}  // namespace debrief::core
