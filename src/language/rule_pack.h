// Rule packs: the checker's rules as data. The default pack is compiled in
// (rules/default.toml); an organisation's pack, layered on top, can add rules, disable them,
// change their severity and list phrases that are always fine for it.
//
//   [[rule]]
//   id = "counterfactual-should-have"
//   category = "counterfactual"
//   severity = "warning"                 # info | warning | error
//   phrases = ["should have", "could have"]
//   when = ["person-before", "participle-after"]
//   unless_next = ["3", "a"]             # the phrase is fine when the next word is one of these
//   only_next = ["caught", "noticed"]    # the phrase counts only before one of these
//   message = "Why the phrasing hurts learning."
//   suggestion = "A reframe."
//   replace = { "could have" = "" }      # optional: text that may stand in for a phrase, which
//                                        # the UI offers as a one-click edit ("" deletes it)
//   verbs = ["take down", "wipe"]        # verbs by lemma: each of their forms is a phrase
//   once = true                          # at most one finding per text
//   learned = true                       # a learned rule: no phrases; the classifier finds
//   min_probability = 0.9                # sentences of its category this likely to blame
//
//   [learned]
//   veto_below = 0.01                    # drop a finding whose sentence the classifier is
//                                        # this sure is innocent (0: never)
//   min_known_words = 0.8                # judge only sentences mostly in words it learned
//
//   [overrides]                           # organisation packs
//   disable = ["judgmental-simply"]
//   severity = { "judgmental-just" = "info" }
//   allow = ["clearly labelled"]
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::language {

enum class Severity { kInfo, kWarning, kError };
std::string_view ToString(Severity severity);

// What must hold around a phrase for it to be a finding.
enum class Condition {
  kPersonBefore,         // A person is the subject: "we forgot", "the engineer failed to".
  kPersonAfter,          // A person follows: "caused by Alice".
  kParticipleAfter,      // A past participle follows: "should have checked".
  kNotHeading,           // Not on a Markdown heading line.
  kVerbAfter,            // Followed by a word that reads as an action: "just restart".
  kInvertedConditional,  // Opens a sentence, then a person, then a participle: "Had Bob checked".
  // The phrase is a verb; its clause (language/clause.h) says:
  kPersonAgent,    // a person does it: "Kofi deleted", "the DBA's script dropped".
  kNegatedPerson,  // a person does not: "the reviewer didn't look", "nobody read".
  // … told in the past, by someone other than the service's users: "the reviewer didn't look",
  // "we didn't ask", not "customers who had not updated", "we were not using", nor a question.
  kNegatedOtherPerson,
  kAgentlessPassive,    // it was done, by nobody named, to a thing: "the alert was overlooked".
  kPersonInClause,      // A person is named in the phrase's sentence: "Sam was reckless".
  kPersonOrWork,        // A person or people's work is: "the change was careless".
  kImpactStated,        // The sentence says how long, how widely, or what followed.
  kPastConditional,     // "If Ingrid had checked", "Had anyone tested": a past that did not happen.
  kActionAsSubject,     // The sentence opens with an action: "Asking first would have saved".
  kAnotherPersonAgent,  // A person other than the writers does it: "Tomás needed to confirm".
  kNotAsked,            // The sentence is not a question.
  // A person is the subject right before the phrase, or the phrase opens an imperative:
  // "you just restart it", "Just restart the pod".
  kPersonBeforeOrOpens,
  kNotOwn,   // No first person in the sentence: not about the writers' own work.
  kPast,     // The phrase is a verb told in the past: "was not followed".
  kNotChat,  // The sentence is not a chat line (nothing in it capitalised).
  // A single cause is stated, not asked about or looked for: "the root cause was X",
  // "Root cause: X", "X was the root cause"; not "Root cause: TBD" nor "finding the root cause".
  kAssertedCause,
  kNotNegated,  // The phrase's clause is not negated: "operator error is never the answer".
  kNegated,     // The phrase is a verb whose clause is negated: "was not followed".
  // Nothing in the sentence says the action was meant ("as planned", "by design", "so that"):
  // "Farah took db-4 down for the planned upgrade" tells what was done, not who did harm.
  kNotIntended,
  // For learned rules: a person is named in the sentence, or a passive in it leaves out who
  // acted ("the checklist wasn't followed").
  kPersonOrAgentless,
};

struct Rule {
  std::string id;
  std::string category;
  Severity severity = Severity::kWarning;
  std::vector<std::string> phrases;  // Folded words separated by single spaces.
  std::vector<Condition> conditions;
  std::vector<std::string> unless_next;
  std::vector<std::string> only_next;  // When set, the phrase counts only before one of these.
  // When set, one of these must follow within the clause: "took the fleet offline".
  std::vector<std::string> particles;
  std::string message;
  std::string suggestion;
  // Folded phrase -> text that may replace it; only for phrases with a mechanical fix.
  std::map<std::string, std::string, std::less<>> replacements;
  // At most one finding per text (the first): a framing of the whole document, not of each
  // sentence ("root cause").
  bool once_per_text = false;
  // A rule of the learned classifier (language/sentence_classifier.h) rather than of phrases: it
  // finds a sentence no other rule found anything in, when the classifier gives the rule's
  // category the most weight and calls the sentence blameful with at least this probability.
  bool learned = false;
  double min_probability = 1.0;
};

struct RulePack {
  std::vector<Rule> rules;
  // A finding of a phrase rule is dropped when the learned classifier gives its sentence less
  // than this probability of blaming anyone: the phrase matched in a reading the rule did not
  // mean. 0 keeps every finding. `[learned] veto_below = 0.01` in a pack.
  double learned_veto_below = 0;
  // The classifier judges only sentences with at least this share of words it learned
  // (`[learned] min_known_words = 0.8`): verse or another field's jargon is beyond it.
  double learned_min_known_words = 0;
  std::vector<std::string> allowed_phrases;  // Folded; a finding inside one is dropped.
};

// What learned rules may ask of a sentence the classifier judged (their `when` conditions).
struct LearnedSentence {
  bool person = false;             // A person is named in it (kPersonInClause).
  bool agentless_passive = false;  // A passive that leaves out who acted (kPersonOrAgentless).
  bool asked = false;              // It ends in a question mark (kNotAsked).
};

// The learned rule that reports a sentence the classifier gave `blame` in `category`: the first
// of that category at or above `min_severity`, sure enough, whose conditions hold; null if none.
// The checker and the training tool's cross-validation both decide with it.
const Rule* LearnedRuleFor(const RulePack& pack, std::string_view category, double blame,
                           const LearnedSentence& sentence,
                           Severity min_severity = Severity::kInfo);

// A phrase as folded words separated by one space, as the matcher walks them ("Human  Error" ->
// "human error"). Rules' phrases, allowed phrases and an organisation's allow-entries all use it.
std::string NormalisePhrase(std::string_view phrase);

// Parses a pack; errors name the rule and the field.
core::Result<RulePack> ParseRulePack(std::string_view toml, std::string_view source_name);

// The pack compiled into the binary.
core::Result<RulePack> DefaultRulePack();

// `organisation` on top of `base`: its rules added (replacing same ids), its overrides applied.
core::Result<RulePack> LayerRulePack(RulePack base, std::string_view organisation_toml,
                                     std::string_view source_name);

}  // namespace debrief::language
