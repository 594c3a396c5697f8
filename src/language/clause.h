// Who does what in the clause around a verb: read from the verb outwards, as a reader finds the
// subject of "the on-call's restart of every node at once emptied the cache". The checker asks
// this of the few verbs its rules name (a harm done, a check not made), so a rule can say "a
// person is the agent" or "a negated action of a person" instead of listing phrases.
//
// It is a shallow reading (closed word classes, verb morphology, the shape of noun phrases),
// not a full parse: the verb group to the left of the verb (modals, auxiliaries, negation,
// adverbs, "chose to"), the subject noun phrase before it (with its possessors and
// prepositional phrases), a subject shared by coordinated verbs ("merged the patch and then
// failed to watch"), a relative pronoun's antecedent, and a passive verb's "by" phrase.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "language/text.h"

namespace debrief::language {

enum class Agent {
  kUnknown,     // No subject found (a fragment, an imperative).
  kPerson,      // A person acts: "Kofi deleted", "the DBA's script dropped", "… by the intern".
  kNotAPerson,  // Something else acts: "the deploy deleted", "… by the autoscaler".
  kUnnamed,     // A passive without its agent: "the alert was overlooked".
};

struct VerbClause {
  size_t group_first = 0;  // The verb group's first token ("should" in "should not have run").
  bool negated = false;    // "did not", "never", "nobody …".
  bool passive = false;
  bool perfect = false;  // "have" + participle.
  bool modal = false;
  // Told in the past: "did not", "never", "hadn't", "wasn't", or a past form of the verb; not
  // "cannot", "doesn't" or "have not" (what holds now).
  bool past = false;
  Agent agent = Agent::kUnknown;
  bool subject_is_person = false;  // The grammatical subject (for a passive, the patient).
  size_t subject_first = 0;        // The subject noun phrase, when found.
  size_t subject_end = 0;
};

// Whether the token at an index names a person (a pronoun, a role, a name).
using PersonTest = std::function<bool(size_t)>;

// The clause around the verb whose tokens are [verb, verb_end).
VerbClause ReadVerbClause(const std::vector<Token>& tokens, size_t verb, size_t verb_end,
                          const PersonTest& is_person);

}  // namespace debrief::language
