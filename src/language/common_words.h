// How ordinary a word is, and the particles that join the parts of a name. The anonymiser uses
// them to tell a name that is also a word ("Will", "Park", "Dana from the network vendor") from
// a part that can only mean its person.
//
// Three kinds of word:
// - frequent: function words (a closed class: "the", "will", "from") and words used often in
//   English text ("park", "network", "mark": a WordNet sense count of kFrequentSenseCount or
//   more, from the SemCor corpus);
// - rare: other entries of an everyday dictionary (Debian's wamerican-small: "bob", "smith",
//   "vendor"), words, but seldom used;
// - not a word: anything else ("priya", "okonkwo", "kubectl").
// The lists are compiled into the binary. Thread-safe; built on first use.
#pragma once

#include <string_view>

namespace debrief::language {

// Sense-tagged uses in SemCor from which a word counts as frequent.
inline constexpr int kFrequentSenseCount = 10;

enum class WordKind { kNotAWord, kRareWord, kFrequentWord };

// The kind of `folded` (a word as language::Fold gives it: lower case, NFC).
WordKind ClassifyWord(std::string_view folded);

// Whether `folded` is a function word (an article, pronoun, preposition, conjunction, auxiliary
// or modal verb, or a sentence adverb such as "then"): the closed class of words that open
// sentences, where a capital says nothing about a name ("Will it hold?", "May we...").
bool IsFunctionWord(std::string_view folded);

// Whether `folded` joins the parts of a name without naming anyone ("van", "de", "bin", "al").
bool IsNameParticle(std::string_view folded);

}  // namespace debrief::language
