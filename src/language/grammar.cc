#include "language/grammar.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

namespace debrief::language::grammar {
namespace {

using WordSet = std::unordered_set<std::string_view>;

bool In(const WordSet& set, std::string_view word) { return set.contains(word); }

struct IrregularVerb {
  std::string_view base;
  std::string_view past;
  std::string_view participle;
};

// The irregular verbs of English that write-ups use (and their common compounds).
constexpr IrregularVerb kIrregularVerbs[] = {
    {"be", "was", "been"},
    {"become", "became", "become"},
    {"begin", "began", "begun"},
    {"bend", "bent", "bent"},
    {"bite", "bit", "bitten"},
    {"blow", "blew", "blown"},
    {"break", "broke", "broken"},
    {"bring", "brought", "brought"},
    {"build", "built", "built"},
    {"burn", "burnt", "burnt"},
    {"buy", "bought", "bought"},
    {"catch", "caught", "caught"},
    {"choose", "chose", "chosen"},
    {"come", "came", "come"},
    {"cut", "cut", "cut"},
    {"deal", "dealt", "dealt"},
    {"dig", "dug", "dug"},
    {"do", "did", "done"},
    {"draw", "drew", "drawn"},
    {"drive", "drove", "driven"},
    {"eat", "ate", "eaten"},
    {"fall", "fell", "fallen"},
    {"feel", "felt", "felt"},
    {"fight", "fought", "fought"},
    {"find", "found", "found"},
    {"fly", "flew", "flown"},
    {"forget", "forgot", "forgotten"},
    {"freeze", "froze", "frozen"},
    {"get", "got", "gotten"},
    {"give", "gave", "given"},
    {"go", "went", "gone"},
    {"grow", "grew", "grown"},
    {"hang", "hung", "hung"},
    {"have", "had", "had"},
    {"hear", "heard", "heard"},
    {"hide", "hid", "hidden"},
    {"hit", "hit", "hit"},
    {"hold", "held", "held"},
    {"keep", "kept", "kept"},
    {"know", "knew", "known"},
    {"lay", "laid", "laid"},
    {"lead", "led", "led"},
    {"leave", "left", "left"},
    {"lend", "lent", "lent"},
    {"let", "let", "let"},
    {"light", "lit", "lit"},
    {"lose", "lost", "lost"},
    {"make", "made", "made"},
    {"mean", "meant", "meant"},
    {"meet", "met", "met"},
    {"mislead", "misled", "misled"},
    {"misread", "misread", "misread"},
    {"mistake", "mistook", "mistaken"},
    {"misunderstand", "misunderstood", "misunderstood"},
    {"overlook", "overlooked", "overlooked"},
    {"override", "overrode", "overridden"},
    {"overrun", "overran", "overrun"},
    {"overwrite", "overwrote", "overwritten"},
    {"pay", "paid", "paid"},
    {"put", "put", "put"},
    {"read", "read", "read"},
    {"rebuild", "rebuilt", "rebuilt"},
    {"rerun", "reran", "rerun"},
    {"reset", "reset", "reset"},
    {"ride", "rode", "ridden"},
    {"ring", "rang", "rung"},
    {"rise", "rose", "risen"},
    {"run", "ran", "run"},
    {"say", "said", "said"},
    {"see", "saw", "seen"},
    {"seek", "sought", "sought"},
    {"sell", "sold", "sold"},
    {"send", "sent", "sent"},
    {"set", "set", "set"},
    {"shake", "shook", "shaken"},
    {"shoot", "shot", "shot"},
    {"shut", "shut", "shut"},
    {"sink", "sank", "sunk"},
    {"sit", "sat", "sat"},
    {"sleep", "slept", "slept"},
    {"slide", "slid", "slid"},
    {"speak", "spoke", "spoken"},
    {"spend", "spent", "spent"},
    {"split", "split", "split"},
    {"spread", "spread", "spread"},
    {"stand", "stood", "stood"},
    {"steal", "stole", "stolen"},
    {"stick", "stuck", "stuck"},
    {"strike", "struck", "struck"},
    {"sweep", "swept", "swept"},
    {"swing", "swung", "swung"},
    {"take", "took", "taken"},
    {"teach", "taught", "taught"},
    {"tear", "tore", "torn"},
    {"tell", "told", "told"},
    {"think", "thought", "thought"},
    {"throw", "threw", "thrown"},
    {"understand", "understood", "understood"},
    {"undo", "undid", "undone"},
    {"upset", "upset", "upset"},
    {"wake", "woke", "woken"},
    {"wear", "wore", "worn"},
    {"win", "won", "won"},
    {"withdraw", "withdrew", "withdrawn"},
    {"write", "wrote", "written"},
};

const std::unordered_map<std::string_view, const IrregularVerb*>& IrregularByBase() {
  static const auto* table = [] {
    auto* map = new std::unordered_map<std::string_view, const IrregularVerb*>();
    for (const IrregularVerb& verb : kIrregularVerbs) map->emplace(verb.base, &verb);
    return map;
  }();
  return *table;
}

const WordSet& IrregularPastForms() {
  static const auto* set = [] {
    auto* forms = new WordSet();
    for (const IrregularVerb& verb : kIrregularVerbs) {
      if (verb.base != "be" && verb.base != "have" && verb.base != "do") {
        forms->insert(verb.past);
        forms->insert(verb.participle);
      }
    }
    return forms;
  }();
  return *set;
}

const WordSet& IrregularParticiples() {
  static const auto* set = [] {
    auto* forms = new WordSet();
    for (const IrregularVerb& verb : kIrregularVerbs) forms->insert(verb.participle);
    forms->insert("got");
    return forms;
  }();
  return *set;
}

// A regular past form: "-ed", but not words that only end so ("need", "hundred", "naked").
bool EndsInPastEd(std::string_view word) {
  static const WordSet kNotPast = {"need",    "feed",    "seed",   "speed",   "bleed",
                                   "breed",   "proceed", "exceed", "succeed", "heed",
                                   "bed",     "red",     "shed",   "embed",   "shred",
                                   "hundred", "indeed",  "sacred", "naked",   "wicked"};
  return word.size() > 3 && word.ends_with("ed") && !In(kNotPast, word);
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Whether the last consonant doubles before -ed and -ing: one vowel before one consonant at the
// end of a short or end-stressed verb ("drop", "ship", "omit"), never w, x or y.
bool DoublesLastConsonant(std::string_view verb) {
  static const WordSet kEndStressed = {"omit",   "commit", "submit",  "admit",  "permit",
                                       "refer",  "occur",  "control", "patrol", "regret",
                                       "compel", "propel", "rebut",   "unplug", "equip"};
  if (In(kEndStressed, verb)) return true;
  if (verb.size() < 3 || verb.size() > 4) return false;
  char last = verb[verb.size() - 1];
  char vowel = verb[verb.size() - 2];
  char before = verb[verb.size() - 3];
  return !IsVowel(last) && last != 'w' && last != 'x' && last != 'y' && IsVowel(vowel) &&
         !IsVowel(before);
}

std::string ThirdPerson(std::string_view verb) {
  std::string form(verb);
  if (verb.ends_with("s") || verb.ends_with("x") || verb.ends_with("z") || verb.ends_with("ch") ||
      verb.ends_with("sh") || verb == "go" || verb == "do") {
    return form + "es";
  }
  if (verb.size() > 1 && verb.back() == 'y' && !IsVowel(verb[verb.size() - 2])) {
    return form.substr(0, form.size() - 1) + "ies";
  }
  return form + "s";
}

std::string RegularPast(std::string_view verb) {
  std::string form(verb);
  if (verb.ends_with("e")) return form + "d";
  if (verb.size() > 1 && verb.back() == 'y' && !IsVowel(verb[verb.size() - 2])) {
    return form.substr(0, form.size() - 1) + "ied";
  }
  if (DoublesLastConsonant(verb)) return form + verb.back() + "ed";
  return form + "ed";
}

std::string PresentParticiple(std::string_view verb) {
  std::string form(verb);
  if (verb.ends_with("ie")) return form.substr(0, form.size() - 2) + "ying";
  if (verb.ends_with("e") && !verb.ends_with("ee") && verb != "be") {
    return form.substr(0, form.size() - 1) + "ing";
  }
  if (DoublesLastConsonant(verb)) return form + verb.back() + "ing";
  return form + "ing";
}

}  // namespace

bool IsBeForm(std::string_view word) {
  static const WordSet kWords = {"am", "is", "are", "was", "were", "be", "been", "being"};
  return In(kWords, word);
}

bool IsHaveForm(std::string_view word) {
  static const WordSet kWords = {"has", "have", "had", "having"};
  return In(kWords, word);
}

bool IsDoForm(std::string_view word) {
  static const WordSet kWords = {"do", "does", "did"};
  return In(kWords, word);
}

bool IsModal(std::string_view word) {
  static const WordSet kWords = {"can",   "could",  "may",     "might",  "must",
                                 "shall", "should", "will",    "would",  "ought",
                                 "'d",    "wo",     "shoulda", "coulda", "woulda"};
  return In(kWords, word);
}

bool IsNegation(std::string_view word) {
  static const WordSet kWords = {
      "not",   "never",   "n't",      "didn't",  "don't",    "doesn't",  "wasn't",    "weren't",
      "isn't", "aren't",  "hasn't",   "haven't", "hadn't",   "couldn't", "shouldn't", "wouldn't",
      "won't", "can't",   "cannot",   "mustn't", "mightn't", "needn't",  "ain't",     "didnt",
      "dont",  "doesnt",  "wasnt",    "werent",  "isnt",     "arent",    "hasnt",     "havent",
      "hadnt", "couldnt", "shouldnt", "wouldnt", "wont",     "cant"};
  return In(kWords, word);
}

std::string_view AuxiliaryOfNegation(std::string_view word) {
  if (!IsNegation(word)) return {};
  if (word == "won't" || word == "wont") return "will";
  if (word == "can't" || word == "cant" || word == "cannot") return "can";
  if (word == "ain't") return "is";
  for (std::string_view suffix : {std::string_view("n't"), std::string_view("nt")}) {
    if (word.size() > suffix.size() && word.ends_with(suffix)) {
      return word.substr(0, word.size() - suffix.size());
    }
  }
  return {};
}

bool IsNegativePronoun(std::string_view word) {
  static const WordSet kWords = {"nobody", "no-one", "none", "noone"};
  return In(kWords, word);
}

bool IsDeterminer(std::string_view word) {
  static const WordSet kWords = {
      "the",   "a",       "an",   "this", "that",  "these",  "those",   "our",
      "my",    "your",    "his",  "her",  "their", "its",    "every",   "each",
      "some",  "any",     "no",   "all",  "both",  "either", "neither", "another",
      "other", "several", "many", "few",  "one",   "two",    "three",   "whose"};
  return In(kWords, word);
}

bool IsPreposition(std::string_view word) {
  static const WordSet kWords = {
      "of",      "in",     "on",      "at",     "by",     "for",       "with",    "from",
      "to",      "into",   "onto",    "over",   "under",  "about",     "against", "between",
      "through", "during", "without", "within", "across", "toward",    "towards", "via",
      "per",     "behind", "beyond",  "around", "among",  "despite",   "upon",    "off",
      "like",    "inside", "outside", "near",   "past",   "throughout"};
  return In(kWords, word);
}

bool IsSubordinator(std::string_view word) {
  static const WordSet kWords = {"because",  "when",   "while",    "whilst",  "if",
                                 "although", "though", "after",    "before",  "since",
                                 "until",    "unless", "once",     "whereas", "as",
                                 "so",       "where",  "whenever", "till",    "whether"};
  return In(kWords, word);
}

bool IsCoordinator(std::string_view word) {
  static const WordSet kWords = {"and", "or", "but", "yet", "then", "nor"};
  return In(kWords, word);
}

bool IsRelativePronoun(std::string_view word) {
  static const WordSet kWords = {"who", "which", "that", "whose", "whom"};
  return In(kWords, word);
}

bool IsPersonalPronoun(std::string_view word) {
  static const WordSet kWords = {"i",        "we",       "he",        "she",    "they",   "you",
                                 "me",       "us",       "him",       "her",    "them",   "someone",
                                 "somebody", "everyone", "everybody", "anyone", "anybody"};
  return In(kWords, word);
}

bool IsAdverb(std::string_view word) {
  static const WordSet kWords = {
      "just",       "then",         "also",          "still",       "already",   "again",
      "even",       "only",         "simply",        "later",       "first",     "soon",
      "once",       "ever",         "too",           "quickly",     "now",       "promptly",
      "almost",     "nearly",       "instead",       "both",        "all",       "mistakenly",
      "apparently", "accidentally", "inadvertently", "unknowingly", "somehow",   "actually",
      "basically",  "themselves",   "himself",       "herself",     "ourselves", "myself",
      "yourself"};
  if (In(kWords, word)) return true;
  // -ly adverbs, but not nouns and adjectives in -ly ("supply", "reply", "only" is above).
  static const WordSet kNotAdverbs = {"supply", "reply", "apply",  "rely",   "fly",     "ally",
                                      "early",  "daily", "weekly", "hourly", "monthly", "friendly",
                                      "family", "italy", "july",   "holy",   "ugly"};
  return word.size() > 4 && word.ends_with("ly") && !In(kNotAdverbs, word);
}

bool IsPastForm(std::string_view word) {
  return EndsInPastEd(word) || In(IrregularPastForms(), word);
}

bool IsParticiple(std::string_view word) {
  return EndsInPastEd(word) || In(IrregularParticiples(), word);
}

std::vector<std::string> VerbForms(std::string_view lemma) {
  size_t space = lemma.find(' ');
  std::string_view verb = lemma.substr(0, space);
  std::string rest = space == std::string_view::npos ? "" : std::string(lemma.substr(space));
  std::vector<std::string> forms;
  auto irregular = IrregularByBase().find(verb);
  if (irregular != IrregularByBase().end()) {
    forms = {std::string(verb), ThirdPerson(verb), PresentParticiple(verb),
             std::string(irregular->second->past), std::string(irregular->second->participle)};
  } else {
    forms = {std::string(verb), ThirdPerson(verb), PresentParticiple(verb), RegularPast(verb)};
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  for (std::string& form : forms) form += rest;
  return forms;
}

}  // namespace debrief::language::grammar
