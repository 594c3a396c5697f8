// Where people believed, expected or assumed different things, or told of one moment without
// knowing it: questions for the facilitator, never verdicts ("Priya expected the lag to drain;
// at 10:20 it was still growing. What made draining look likely then?"). Three kinds:
// - an entry's `expected` that what followed on the same thing contradicts, within the hour;
// - two people's `assumed` (or `expected`) about the same thing that disagree, within 30 minutes;
// - two items nobody linked that probably tell of the same moment: the same alert, deploy,
//   version or host, within ten minutes, from different people (or an entry and an event).
// "The same thing" is the words both name (past function words, suffixes aside); "disagree" is
// a negation on one side only, words of opposite sense ("enabled"/"disabled", "drained"/"grew"),
// an outcome that says it did not happen ("still", "did nothing"), or numbers of one unit a
// factor of two or more apart. Pure, like the merge.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.h"

namespace debrief::core {

enum class BeliefQuestionKind { kExpectationNotMet, kAssumptionsDiffer, kProbablySame };
std::string_view BeliefQuestionKindName(BeliefQuestionKind kind);

// What the questions read of a timeline item: an account entry's fields, or an event's text.
struct BeliefItem {
  std::string ref;             // "entry:12", "event:7".
  int64_t participant_id = 0;  // The entry's author; 0 for an event.
  Timestamp at{};
  std::string did;
  std::string saw;
  std::string expected;
  std::string assumed;
  std::string text;                 // An event's.
  std::vector<std::string> linked;  // Refs it is linked to already (same as, seen).
};

struct BeliefQuestion {
  BeliefQuestionKind kind = BeliefQuestionKind::kProbablySame;
  size_t first = 0;  // Indexes into the items; `first` is the earlier.
  size_t second = 0;
  std::string subject;  // The words both name, as the first writes them.
  double strength = 0;  // How much says they disagree (or are the same), for ordering.
};

// Whether the product shows questions of a kind: only those at least 0.8 precise on labelled
// account pairs their rules were never tuned on (tests/testdata/beliefs, pairs-6 and pairs-7:
// an expectation not met 13/15, one moment told twice 26/31; assumptions that differ 4/8, not
// shown).
bool IsShownKind(BeliefQuestionKind kind);

struct BeliefQuestionOptions {
  Duration expectation_window = std::chrono::minutes(60);
  Duration assumption_window = std::chrono::minutes(30);
  Duration same_moment_window = std::chrono::minutes(10);
  size_t most = 50;  // The strongest ones.
  // Of the items after one that share a word with it, how many are read in full, nearest
  // first: bounds the work on a timeline with a large chat import in it.
  size_t pairs_read_per_item = 200;
};

// Items in any order; questions by strength, strongest first, one per pair, and one per
// expectation (the earliest item that did not meet it).
std::vector<BeliefQuestion> FindBeliefQuestions(std::span<const BeliefItem> items,
                                                const BeliefQuestionOptions& options = {});

// Whether two texts say opposite things of what they both name, and how strongly (0: they do
// not). `outcome`: `second` is what followed `first`, so "still ..." and "did nothing" count.
double Contradiction(std::string_view first, std::string_view second, bool outcome);

// When an expectation said a thing would be so: "in 5 min", "within a couple of minutes",
// "in 30-60 minutes" (the later end), "immediately", "by 03:00" (a time of day, read as UTC);
// none when it gives no time.
struct ExpectedTime {
  Timestamp at{};
  bool stated_clock = false;  // "by 03:00", not "in 5 min".
};
std::optional<ExpectedTime> ExpectedBy(std::string_view expected, Timestamp said_at);

// Whether two texts that share words speak of two things: each names things of its own and
// none the same, names of one shape that differ ("auth-db", "billing-db"), one thing of a
// kind each ("Apple Pay", "Google Pay"; "bind 1", "bind 2"), or two environments.
bool SpeakOfTwoThings(std::string_view first, std::string_view second);

// The words two texts both name, past function words and suffixes: "retries", "pool".
std::vector<std::string> SharedSubject(std::string_view first, std::string_view second);

// The words of each side a question sets against each other: what the first expected (or
// assumed, or said) and what the second said or assumed.
std::pair<std::string, std::string> BeliefQuestionWords(const BeliefQuestion& question,
                                                        std::span<const BeliefItem> items);

// The question to ask about `question`, with the people's names (an event has none), its
// clocks in UTC.
std::string AskBeliefQuestion(const BeliefQuestion& question, std::span<const BeliefItem> items,
                              std::string_view first_name, std::string_view second_name);

}  // namespace debrief::core
