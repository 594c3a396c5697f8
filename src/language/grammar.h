// The English grammar the checker reads clauses with: the closed word classes (auxiliaries,
// modals, negations, determiners, prepositions, conjunctions, pronouns), verb morphology (every
// form of a verb from its lemma, irregular verbs included), and what a word may be (a past
// participle, an adverb). Words are folded (language::Fold: lower case, NFC).
//
// Closed classes are complete lists by nature; open classes (verbs, adverbs) are read from their
// shape, with the irregular verbs of English as a table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace debrief::language::grammar {

bool IsBeForm(std::string_view word);    // am, is, are, was, were, be, been, being
bool IsHaveForm(std::string_view word);  // has, have, had, having
bool IsDoForm(std::string_view word);    // do, does, did
bool IsModal(std::string_view word);     // can, could, should, would, might, must, ought, …
// "not", "never", and contracted negative auxiliaries ("didn't", "wasn't", "can't").
bool IsNegation(std::string_view word);
// The auxiliary a contracted negation carries: "wasn't" -> "was", "hadnt" -> "had", "won't" ->
// "will", "can't" and "cannot" -> "can"; "" for "not", "never" and a lone "n't". "The checklist
// wasn't followed" is a passive as much as "was not followed" is.
std::string_view AuxiliaryOfNegation(std::string_view word);
// A negative pronoun as a subject: "nobody", "no-one", "none".
bool IsNegativePronoun(std::string_view word);
bool IsDeterminer(std::string_view word);   // the, a, an, this, our, every, …
bool IsPreposition(std::string_view word);  // of, in, on, at, by, for, with, from, …
// Words that open a subordinate clause: because, when, while, if, although, after, …
bool IsSubordinator(std::string_view word);
bool IsCoordinator(std::string_view word);      // and, or, but, yet, then
bool IsRelativePronoun(std::string_view word);  // who, which, that, whose, whom
// Personal pronouns that name people (not "it"): I, we, he, she, they, you, and their cases.
bool IsPersonalPronoun(std::string_view word);
// Words that stand inside a verb group without changing who acts: "just", "then", "also",
// "accidentally", and other adverbs in -ly.
bool IsAdverb(std::string_view word);
// A past tense or past participle: regular (-ed) or irregular ("took", "broken", "ran").
bool IsPastForm(std::string_view word);
// A past participle that can follow "have" or "be" ("taken", "checked", "run").
bool IsParticiple(std::string_view word);

// Every form of a verb given its lemma ("take" -> take, takes, taking, took, taken; "drop" ->
// drop, drops, dropping, dropped). A phrasal lemma ("take down") inflects its first word.
std::vector<std::string> VerbForms(std::string_view lemma);

}  // namespace debrief::language::grammar
