#include "core/belief_questions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/timeline_suggestions.h"
#include "core/utf8.h"

namespace debrief::core {
namespace {

// Words that carry no subject: function words, and the words every account uses of time and
// of itself.
constexpr std::string_view kFunctionWords[] = {
    "a",       "about",  "above",   "after",  "again",   "all",      "also",    "am",
    "an",      "and",    "any",     "are",    "around",  "as",       "at",      "be",
    "been",    "before", "being",   "below",  "between", "both",     "but",     "by",
    "can",     "could",  "did",     "do",     "does",    "doing",    "down",    "during",
    "each",    "even",   "ever",    "every",  "few",     "for",      "from",    "further",
    "had",     "has",    "have",    "having", "he",      "her",      "here",    "him",
    "his",     "how",    "i",       "if",     "in",      "into",     "is",      "it",
    "its",     "just",   "least",   "less",   "let",     "like",     "likely",  "may",
    "me",      "might",  "more",    "most",   "much",    "must",     "my",      "near",
    "nearly",  "now",    "of",      "off",    "on",      "once",     "one",     "only",
    "or",      "other",  "our",     "out",    "over",    "own",      "per",     "probably",
    "quite",   "rather", "really",  "same",   "she",     "should",   "so",      "some",
    "soon",    "such",   "than",    "that",   "the",     "their",    "them",    "then",
    "there",   "these",  "they",    "thing",  "things",  "think",    "thought", "this",
    "those",   "though", "through", "to",     "too",     "under",    "until",   "up",
    "upon",    "us",     "very",    "was",    "we",      "were",     "what",    "when",
    "where",   "which",  "while",   "who",    "whom",    "why",      "will",    "with",
    "within",  "would",  "yet",     "you",    "your",    "minute",   "minutes", "second",
    "seconds", "hour",   "hours",   "time",   "still",   "expected", "assumed", "thought",
    "sure",    "seemed", "looked",  "look",   "get",     "got",      "going",   "go",
    "went",    "way"};

bool IsFunctionWord(std::string_view word) {
  return std::find(std::begin(kFunctionWords), std::end(kFunctionWords), word) !=
         std::end(kFunctionWords);
}

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Lower-case words of letters, digits and inner dots, hyphens and underscores; "n't" is "not".
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    while (!word.empty() && (word.back() == '.' || word.back() == '-' || word.back() == '_')) {
      word.pop_back();
    }
    if (word.size() > 3 && word.ends_with("n't")) {
      word.resize(word.size() - 3);
      if (word == "wo") word = "will";
      if (word == "ca") word = "can";
      words.push_back(word);
      word = "not";
    }
    if (word.size() > 2 && word.ends_with("'s")) word.resize(word.size() - 2);
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    bool inner = (c == '.' || c == '-' || c == '_' || c == '\'') && !word.empty() &&
                 at + 1 < text.size() && IsAlnum(text[at + 1]);
    if (IsAlnum(c) || inner) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// A word without its inflection, so "retries" and "retry", "draining" and "drained" meet.
std::string Stem(std::string word) {
  if (std::any_of(word.begin(), word.end(), [](char c) { return !std::isalpha(c); })) {
    return word;  // "4.2.1", "p99", "web-1": names, as written.
  }
  for (std::string_view suffix : {"ing", "ies", "ied", "ed", "es", "s", "ly"}) {
    // "success", "process": a double s is the word's own.
    if (suffix == "s" && word.ends_with("ss")) continue;
    if (word.size() > suffix.size() + 3 && word.ends_with(suffix)) {
      word.resize(word.size() - suffix.size());
      if (suffix == "ies" || suffix == "ied") word += 'y';
      // "stopped" -> "stopp" -> "stop"; but "rolled", "passed", "buzzed", "stuffed" keep theirs.
      char last = word.back();
      if (word.size() > 3 && last == word[word.size() - 2] && last != 'l' && last != 's' &&
          last != 'z' && last != 'f') {
        word.pop_back();
      }
      break;
    }
  }
  return word;
}

bool IsNegation(std::string_view word) {
  // "unexpected", "unlikely": a word turned by its prefix (those with a sense of their own,
  // "unhealthy", are read by their sense).
  if (word.size() >= 7 && word.starts_with("un") && word != "unchanged" && word != "under" &&
      word != "until" && !word.starts_with("unit") && !word.starts_with("uni")) {
    return true;
  }
  return word == "not" || word == "no" || word == "never" || word == "without" || word == "none" ||
         word == "nothing" || word == "nobody" || word == "neither" || word == "nor" ||
         word == "cannot";
}

// Words that place what they say on a scale of sense, with a sign: a statement's sense is the
// sign of its words, turned by each negation ("retries are off" and "it never retries" agree;
// "nobody turned retries on" is "off"). Two statements about one thing disagree when they take
// opposite signs on the same scale. Matched by the start of a word's stem.
enum class Scale {
  kState,
  kDirection,
  kOutcome,
  kProgress,
  kValidity,
  kTemperature,
  kSpeed,
  kScope,
  kSynchrony
};
struct SenseWord {
  std::string_view stem;
  Scale scale;
  int sign;
};
constexpr SenseWord kSenseWords[] = {
    {"on", Scale::kState, 1},
    {"off", Scale::kState, -1},
    {"enabl", Scale::kState, 1},
    {"disabl", Scale::kState, -1},
    {"active", Scale::kState, 1},
    {"inactive", Scale::kState, -1},
    {"available", Scale::kState, 1},
    {"unavailable", Scale::kState, -1},
    {"running", Scale::kState, 1},
    {"stop", Scale::kState, -1},
    {"open", Scale::kState, 1},
    {"closed", Scale::kState, -1},
    {"allow", Scale::kState, 1},
    {"block", Scale::kState, -1},
    {"accept", Scale::kState, 1},
    {"reject", Scale::kState, -1},
    {"up", Scale::kDirection, 1},
    {"down", Scale::kDirection, -1},
    {"rise", Scale::kDirection, 1},
    {"ris", Scale::kDirection, 1},
    {"fall", Scale::kDirection, -1},
    {"grow", Scale::kDirection, 1},
    {"drain", Scale::kDirection, -1},
    {"climb", Scale::kDirection, 1},
    {"drop", Scale::kDirection, -1},
    {"increas", Scale::kDirection, 1},
    {"decreas", Scale::kDirection, -1},
    {"higher", Scale::kDirection, 1},
    {"lower", Scale::kDirection, -1},
    {"above", Scale::kDirection, 1},
    {"below", Scale::kDirection, -1},
    {"over", Scale::kDirection, 1},
    {"under", Scale::kDirection, -1},
    {"spik", Scale::kDirection, 1},
    {"shrink", Scale::kDirection, -1},
    {"settl", Scale::kDirection, -1},
    {"recover", Scale::kOutcome, 1},
    {"degrad", Scale::kOutcome, -1},
    {"succeed", Scale::kOutcome, 1},
    {"success", Scale::kOutcome, 1},
    {"fail", Scale::kOutcome, -1},
    {"work", Scale::kOutcome, 1},
    {"broken", Scale::kOutcome, -1},
    {"break", Scale::kOutcome, -1},
    {"fix", Scale::kOutcome, 1},
    {"healthy", Scale::kOutcome, 1},
    {"unhealthy", Scale::kOutcome, -1},
    {"fine", Scale::kOutcome, 1},
    {"ok", Scale::kOutcome, 1},
    {"problem", Scale::kOutcome, -1},
    {"pass", Scale::kOutcome, 1},
    {"green", Scale::kOutcome, 1},
    {"red", Scale::kOutcome, -1},
    {"stable", Scale::kOutcome, 1},
    {"unstable", Scale::kOutcome, -1},
    {"flap", Scale::kOutcome, -1},
    {"resolv", Scale::kOutcome, 1},
    {"fir", Scale::kOutcome, -1},
    {"finish", Scale::kProgress, 1},
    {"complet", Scale::kProgress, 1},
    {"done", Scale::kProgress, 1},
    {"incomplete", Scale::kProgress, -1},
    {"pend", Scale::kProgress, -1},
    {"progress", Scale::kProgress, -1},
    {"rolling", Scale::kProgress, -1},
    {"valid", Scale::kValidity, 1},
    {"invalid", Scale::kValidity, -1},
    {"expir", Scale::kValidity, -1},
    {"cold", Scale::kTemperature, -1},
    {"warm", Scale::kTemperature, 1},
    {"hot", Scale::kTemperature, 1},
    {"fast", Scale::kSpeed, 1},
    {"quick", Scale::kSpeed, 1},
    {"slow", Scale::kSpeed, -1},
    // How far a thing reached: everywhere, or only some of it.
    {"all", Scale::kScope, 1},
    {"every", Scale::kScope, 1},
    {"everyone", Scale::kScope, 1},
    {"everywhere", Scale::kScope, 1},
    {"everybody", Scale::kScope, 1},
    {"entire", Scale::kScope, 1},
    {"fully", Scale::kScope, 1},
    {"only", Scale::kScope, -1},
    {"half", Scale::kScope, -1},
    {"partial", Scale::kScope, -1},
    {"canary", Scale::kScope, -1},
    {"limited", Scale::kScope, -1},
    {"subset", Scale::kScope, -1},
    {"mid", Scale::kScope, -1},
    {"sync", Scale::kSynchrony, 1},
    {"synchronous", Scale::kSynchrony, 1},
    {"async", Scale::kSynchrony, -1},
    {"asynchronous", Scale::kSynchrony, -1},
};

// The sense word a stem is, if any: the longest whose stem starts it, followed by nothing but
// an ending ("disabl" is "disable", "increas" "increase", "fail" "failure"), so "worker" is not
// "work", "password" not "pass", "downstream" not "down".
const SenseWord* SenseOf(std::string_view stem) {
  static constexpr std::string_view kEndings[] = {"",    "e",     "s",   "es", "ed",  "ing", "y",
                                                  "ion", "ation", "ure", "th", "ity", "ly"};
  const SenseWord* best = nullptr;
  for (const SenseWord& word : kSenseWords) {
    if (!stem.starts_with(word.stem)) continue;
    std::string_view ending = stem.substr(word.stem.size());
    bool whole = word.stem.size() <= 3 ? ending.empty()
                                       : std::find(std::begin(kEndings), std::end(kEndings),
                                                   ending) != std::end(kEndings);
    if (whole && (!best || word.stem.size() > best->stem.size())) best = &word;
  }
  return best;
}

// Words that tell what followed was not what was expected: the old state went on.
constexpr std::string_view kUnmetOutcome[] = {
    "still",     "again",  "keep",    "kept",   "continu", "worse", "instead",   "nothing",
    "unchanged", "anyway", "persist", "remain", "budg",    "stuck", "difference"};

// Words that tell a thing was not done yet when it was looked at.
constexpr std::string_view kNotDone[] = {"wait",      "paus", "pend", "eta",  "idle",
                                         "remaining", "fail", "hang", "queu", "review"};

struct Reading {
  std::vector<std::string> words;  // In order.
  std::vector<std::string> stems;  // Of each word.
  std::set<std::string> subject;   // Content stems.
  int negations = 0;
};

Reading Read(std::string_view text) {
  Reading reading;
  for (std::string& word : Words(text)) {
    if (IsNegation(word)) ++reading.negations;
    std::string stem = Stem(word);
    reading.words.push_back(word);
    reading.stems.push_back(stem);
    if (!IsFunctionWord(word) && !IsNegation(word) && word.size() >= 3) {
      reading.subject.insert(stem);
    }
  }
  return reading;
}

// The word that names which one of a kind a text means, just before a thing both texts name:
// "Apple" in "Apple Pay", "staging" in "the staging cache". Not a verb or a state
// ("restarted consumers", "disabled retries"), which says what happened to it, not which.
std::string ModifierBefore(const Reading& reading, const std::string& stem) {
  for (size_t index = 1; index < reading.stems.size(); ++index) {
    if (reading.stems[index] != stem) continue;
    const std::string& word = reading.words[index - 1];
    bool describes = !IsFunctionWord(word) && !IsNegation(word) && word.size() >= 2 &&
                     !word.ends_with("ed") && !word.ends_with("ing") &&
                     std::isalpha(static_cast<unsigned char>(word[0])) &&
                     !SenseOf(reading.stems[index - 1]);
    return describes ? reading.stems[index - 1] : std::string();
  }
  return {};
}

// The number or letter just after a thing a text names, which says which of them it is: "2"
// in "bind 2 to Orange", "b" in "acquirer B".
std::string NumberAfter(const Reading& reading, const std::string& stem) {
  for (size_t index = 0; index + 1 < reading.stems.size(); ++index) {
    if (reading.stems[index] != stem) continue;
    const std::string& next = reading.words[index + 1];
    bool number = std::all_of(next.begin(), next.end(),
                              [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    bool letter = next.size() == 1 && std::isalpha(static_cast<unsigned char>(next[0])) &&
                  next != "a" && next != "i";
    return number || letter ? next : std::string();
  }
  return {};
}

// Two texts that name one thing each with its own word before it ("Apple Pay" and "Google
// Pay", "the EU cluster" and "the US cluster"), or its own number after it ("bind 1", "bind
// 2"), speak of two things of one kind.
bool TwoOfAKind(const Reading& one, const Reading& other, const std::set<std::string>& subject) {
  auto writes = [](const Reading& reading, const std::string& word) {
    return std::find(reading.words.begin(), reading.words.end(), word) != reading.words.end();
  };
  for (const std::string& stem : subject) {
    std::string my_number = NumberAfter(one, stem);
    std::string their_number = NumberAfter(other, stem);
    if (!my_number.empty() && !their_number.empty() && my_number != their_number &&
        !writes(other, my_number) && !writes(one, their_number)) {
      return true;
    }
    if (SenseOf(stem)) continue;
    std::string mine = ModifierBefore(one, stem);
    std::string theirs = ModifierBefore(other, stem);
    // One word written short is not two ("auth" and "authorisation").
    bool shortened = mine.starts_with(theirs) || theirs.starts_with(mine);
    if (!mine.empty() && !theirs.empty() && !shortened && !other.subject.contains(mine) &&
        !one.subject.contains(theirs)) {
      return true;
    }
  }
  return false;
}

// The environments a text names ("prod", "staging", "env=dev"), each by one name.
std::set<std::string> Environments(const Reading& reading) {
  static constexpr std::pair<std::string_view, std::string_view> kEnvironments[] = {
      {"prod", "prod"},   {"production", "prod"}, {"staging", "staging"}, {"stage", "staging"},
      {"stg", "staging"}, {"dev", "dev"},         {"development", "dev"}, {"qa", "qa"},
      {"uat", "uat"},     {"sandbox", "sandbox"}, {"preprod", "preprod"}, {"canary", "canary"}};
  std::set<std::string> found;
  for (const std::string& word : reading.words) {
    for (const auto& [name, environment] : kEnvironments) {
      if (word == name) found.emplace(environment);
    }
  }
  return found;
}

// Each text names an environment and none the same: staging's alert is not prod's.
bool DifferentEnvironments(const Reading& one, const Reading& other) {
  std::set<std::string> mine = Environments(one);
  std::set<std::string> theirs = Environments(other);
  return !mine.empty() && !theirs.empty() &&
         std::none_of(mine.begin(), mine.end(),
                      [&](const std::string& name) { return theirs.contains(name); });
}

// A name as its thing is named, whatever the writer's habit: "v2.14" is "2.14".
std::string NormalName(std::string name) {
  if (name.size() > 1 && name[0] == 'v' && std::isdigit(static_cast<unsigned char>(name[1]))) {
    name.erase(0, 1);
  }
  return name;
}

bool IsVersion(std::string_view name) {
  return !name.empty() && name.find('.') != std::string_view::npos &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return c == '.' || std::isdigit(static_cast<unsigned char>(c));
         });
}

// A name with each run of digits as one mark: "search-node-4" and "search-node-11" are both
// "search-node-#", "4.8.0" and "2.4.1" both "#.#.#".
std::string Skeleton(std::string_view name) {
  std::string skeleton;
  for (char c : name) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (skeleton.empty() || skeleton.back() != '#') skeleton += '#';
    } else {
      skeleton += c;
    }
  }
  return skeleton;
}

// A plain number ("200", "2.3", "99%") is an amount, not the name of a thing: a name has a
// letter or two dots ("4.8.0").
bool IsAmount(std::string_view name) {
  std::string shape = Skeleton(name);
  return std::none_of(shape.begin(), shape.end(),
                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) &&
         std::count(shape.begin(), shape.end(), '.') < 2;
}

std::vector<std::string> NameParts(std::string_view name) {
  std::vector<std::string> parts(1);
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

// Two names of one shape that are not the same: two hosts of a pool, two versions, two
// subscriptions ("payment-events", "report-events").
bool TwoOfOneShape(std::string_view a, std::string_view b) {
  if (a == b) return false;
  if (IsAmount(a)) return false;
  if (Skeleton(a) == Skeleton(b)) return true;
  std::vector<std::string> mine = NameParts(a);
  std::vector<std::string> theirs = NameParts(b);
  if (mine.size() < 2 || mine.size() != theirs.size()) return false;
  size_t differ = 0;
  for (size_t index = 0; index < mine.size(); ++index) differ += mine[index] != theirs[index];
  return differ == 1;
}

// Each text names a thing of one shape the other does not name at all (search-node-4 here,
// search-node-11 there): whatever else they share, they tell of two things.
bool NamesTellApart(const std::vector<std::string>& mine, const std::vector<std::string>& theirs) {
  // A text naming hundreds of things (a pasted listing) is read by its first names: the work is
  // cubic in them.
  constexpr size_t kNamesRead = 64;
  std::set<std::string> my_set(mine.begin(), mine.begin() + std::min(mine.size(), kNamesRead));
  std::set<std::string> their_set(theirs.begin(),
                                  theirs.begin() + std::min(theirs.size(), kNamesRead));
  for (const std::string& a : my_set) {
    if (their_set.contains(a)) continue;
    for (const std::string& b : their_set) {
      if (!my_set.contains(b) && TwoOfOneShape(a, b)) return true;
    }
  }
  return false;
}

// A number and its unit ("100 ms", "2.3s", "40k", "5%"), as a value in the unit's base.
struct Quantity {
  double value = 0;
  std::string unit;    // "s", "b", "%", "" for a bare count.
  std::string number;  // As written: "429".
};

std::vector<Quantity> Quantities(std::string_view text) {
  std::vector<Quantity> found;
  for (size_t at = 0; at < text.size(); ++at) {
    if (!std::isdigit(static_cast<unsigned char>(text[at])) ||
        (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '.' ||
                    text[at - 1] == ':'))) {
      continue;
    }
    size_t end = at;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) ||
                                 (text[end] == '.' && end + 1 < text.size() &&
                                  std::isdigit(static_cast<unsigned char>(text[end + 1]))) ||
                                 (text[end] == ',' && end + 3 < text.size() &&
                                  std::isdigit(static_cast<unsigned char>(text[end + 1]))))) {
      ++end;
    }
    if (end < text.size() && text[end] == ':') continue;  // A clock: "10:05".
    std::string digits;
    for (size_t i = at; i < end; ++i) {
      if (text[i] != ',') digits += text[i];
    }
    double value = std::strtod(digits.c_str(), nullptr);
    size_t unit_at = end;
    while (unit_at < text.size() && text[unit_at] == ' ') ++unit_at;
    size_t unit_end = unit_at;
    while (unit_end < text.size() &&
           (std::isalpha(static_cast<unsigned char>(text[unit_end])) || text[unit_end] == '%')) {
      ++unit_end;
    }
    std::string unit;
    for (size_t i = unit_at; i < unit_end; ++i) {
      unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    }
    Quantity quantity{value, "", digits};
    struct Scale {
      std::string_view unit;
      std::string_view base;
      double factor;
    };
    static constexpr Scale kScales[] = {
        {"ms", "s", 0.001},   {"s", "s", 1},       {"sec", "s", 1},     {"secs", "s", 1},
        {"seconds", "s", 1},  {"second", "s", 1},  {"min", "s", 60},    {"mins", "s", 60},
        {"minutes", "s", 60}, {"minute", "s", 60}, {"h", "s", 3600},    {"hours", "s", 3600},
        {"hour", "s", 3600},  {"%", "%", 1},       {"percent", "%", 1}, {"k", "", 1e3},
        {"m", "", 1e6},       {"kb", "b", 1e3},    {"mb", "b", 1e6},    {"gb", "b", 1e9},
        {"tb", "b", 1e12},    {"rps", "rps", 1},   {"qps", "rps", 1},
    };
    bool known = unit.empty();
    for (const Scale& scale : kScales) {
      if (unit == scale.unit) {
        quantity.value = value * scale.factor;
        quantity.unit = std::string(scale.base);
        known = true;
        break;
      }
    }
    if (!known) quantity.unit = "#" + unit;  // "40 connections": a count of a thing.
    found.push_back(quantity);
    at = end;
  }
  return found;
}

std::string Join(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& word : words) joined += (joined.empty() ? "" : ", ") + word;
  return joined;
}

std::string Quote(std::string_view text) {
  std::string quoted(Utf8Prefix(text, 140));
  while (!quoted.empty() && (quoted.back() == '.' || quoted.back() == ' ')) quoted.pop_back();
  if (text.size() > 140) quoted += "\u2026";
  if (!quoted.empty())
    quoted[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(quoted[0])));
  return "\u201c" + quoted + "\u201d";
}

std::string Clock(Timestamp at) { return FormatRfc3339(at).substr(11, 5); }

std::string Said(const BeliefItem& item) {
  if (!item.text.empty()) return item.text;
  if (!item.saw.empty()) return item.saw;
  return item.did;
}

}  // namespace

std::string_view BeliefQuestionKindName(BeliefQuestionKind kind) {
  switch (kind) {
    case BeliefQuestionKind::kExpectationNotMet:
      return "expectation_not_met";
    case BeliefQuestionKind::kAssumptionsDiffer:
      return "assumptions_differ";
    case BeliefQuestionKind::kProbablySame:
      return "probably_same";
  }
  return "probably_same";
}

bool IsShownKind(BeliefQuestionKind kind) {
  return kind == BeliefQuestionKind::kExpectationNotMet ||
         kind == BeliefQuestionKind::kProbablySame;
}

std::vector<std::string> SharedSubject(std::string_view first, std::string_view second) {
  Reading one = Read(first);
  Reading other = Read(second);
  std::vector<std::string> shared;
  for (const std::string& stem : one.subject) {
    if (other.subject.contains(stem)) shared.push_back(stem);
  }
  return shared;
}

namespace {

// The clauses of a text that speak of `subject`: split at punctuation and at conjunctions that
// start another thought ("but", "though", "so", "since", "because", "while").
std::vector<std::string> ClausesAbout(std::string_view text, const std::set<std::string>& subject) {
  std::vector<std::string> clauses;
  std::string clause;
  std::vector<std::string> words;
  auto flush = [&] {
    if (words.empty()) return;
    bool about = std::any_of(words.begin(), words.end(),
                             [&](const std::string& word) { return subject.contains(Stem(word)); });
    if (about) {
      std::string joined;
      for (const std::string& word : words) joined += (joined.empty() ? "" : " ") + word;
      clauses.push_back(joined);
    }
    words.clear();
  };
  std::string piece;
  auto take_piece = [&] {
    for (std::string& word : Words(piece)) {
      if (word == "but" || word == "though" || word == "although" || word == "so" ||
          word == "since" || word == "because" || word == "while" || word == "whereas") {
        flush();
        continue;
      }
      words.push_back(std::move(word));
    }
    piece.clear();
  };
  for (size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    bool breaks =
        c == ';' || c == ',' || c == '(' || c == ')' || c == '!' || c == '?' ||
        (c == '.' && (at + 1 >= text.size() || text[at + 1] == ' ')) ||
        (c == '-' && at > 0 && text[at - 1] == ' ' && at + 1 < text.size() && text[at + 1] == ' ');
    if (breaks) {
      take_piece();
      flush();
    } else {
      piece += c;
    }
  }
  take_piece();
  flush();
  return clauses;
}

// Words that may follow a state's "on" or "off" without making it a preposition.
bool IsStateQualifier(std::string_view word) {
  for (std::string_view qualifier :
       {"for",    "again", "now",   "already", "yet",    "by",     "in",
        "at",     "since", "until", "and",     "or",     "but",    "everywhere",
        "anyway", "too",   "as",    "after",   "before", "during", "when"}) {
    if (word == qualifier) return true;
  }
  return false;
}

// The sense a clause gives each scale: its words' signs, each turned by the negations before
// it. A negated clause with no sense word says its thing did not happen ("it never retries"):
// off.
std::map<Scale, int> SenseOfClause(std::string_view clause) {
  std::map<Scale, int> sense;
  int negations = 0;
  std::vector<std::string> words = Words(clause);
  for (size_t index = 0; index < words.size(); ++index) {
    const std::string& word = words[index];
    if (IsNegation(word)) {
      ++negations;
      continue;
    }
    // "on" and "off" say whether only where nothing follows them but a qualifier ("retries are
    // on by default", "turned it off again"); before a thing they say where: "on Okta's side",
    // "disabled on the payout worker", "off the list".
    if ((word == "on" || word == "off") && index + 1 < words.size() &&
        !IsStateQualifier(words[index + 1])) {
      continue;
    }
    // A negation turns what follows it: "the canary shouldn't fail" says nothing against the
    // canary, only against failing.
    if (const SenseWord* known = SenseOf(Stem(word))) {
      sense[known->scale] = negations % 2 == 0 ? known->sign : -known->sign;
    }
  }
  if (sense.empty() && negations % 2 == 1) sense[Scale::kState] = -1;
  return sense;
}

// Whether `denying` negates what `saying` says: a negation, then as the first word of
// substance one that `saying` says without one ("the cache was flushed", "the cache was never
// flushed"), and nothing negative in `saying` (no negation, no word of negative sense).
bool OneDeniesTheOther(std::string_view denying, std::string_view saying) {
  Reading said = Read(saying);
  if (said.negations > 0) return false;
  // "Retries are disabled" already says no: "it doesn't retry" agrees with it.
  for (const auto& [scale, sign] : SenseOfClause(saying)) {
    if (sign < 0) return false;
  }
  std::vector<std::string> words = Words(denying);
  int negations = 0;
  for (const std::string& word : words) {
    if (IsNegation(word)) {
      ++negations;
      continue;
    }
    // What a negation denies is the first word of substance after it: "never flushed", "not
    // safe", "doesn't retry" (not the rest of its clause: "didn't flush the session cache"
    // says nothing against the sessions).
    if (negations > 0 && !IsFunctionWord(word) && word.size() >= 3) {
      return negations % 2 == 1 && said.subject.contains(Stem(word));
    }
  }
  return false;
}

bool HasUnmetOutcome(std::string_view clause) {
  for (const std::string& word : Words(clause)) {
    std::string stem = Stem(word);
    for (std::string_view sign : kUnmetOutcome) {
      if (stem.starts_with(sign)) return true;
    }
  }
  return false;
}

// Whether a text tells that a thing was not done when it was written: it went on as before
// ("still", "no difference"), or is waiting, paused, pending, failing, N% of the way.
bool SaysNotDone(std::string_view text) {
  if (HasUnmetOutcome(text)) return true;
  std::vector<std::string> words = Words(text);
  for (size_t index = 0; index < words.size(); ++index) {
    std::string stem = Stem(words[index]);
    for (std::string_view sign : kNotDone) {
      if (stem.starts_with(sign)) return true;
    }
    if (words[index] == "yet" && index > 0 && IsNegation(words[index - 1])) return true;
  }
  for (const Quantity& quantity : Quantities(text)) {
    if (quantity.unit == "%" && quantity.value < 100) {
      for (const std::string& word : words) {
        if (word.starts_with("complet") || word == "done" || word == "progress") return true;
      }
    }
  }
  return false;
}

// A span of seconds as people give one, no longer than a week: "in 10000000000 minutes" is no
// deadline anyone meant, and must not overflow the clock.
Duration Within(double seconds) {
  constexpr double kWeek = 7 * 24 * 3600;
  if (!(seconds > 0)) seconds = 0;
  return std::chrono::milliseconds(static_cast<int64_t>(std::min(seconds, kWeek) * 1000));
}

// How long a count of words says: "5", "five", "five-ish", "a couple of", "30-60" (the later
// end), "a few"; 0 when it is not one.
double AmountOf(std::string_view word, std::string_view next) {
  static constexpr std::pair<std::string_view, double> kNumbers[] = {
      {"a", 1},        {"an", 1},      {"one", 1},     {"two", 2},    {"three", 3},  {"four", 4},
      {"five", 5},     {"six", 6},     {"seven", 7},   {"eight", 8},  {"nine", 9},   {"ten", 10},
      {"fifteen", 15}, {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60},
      {"few", 5},      {"couple", 2},  {"half", 0.5}};
  std::string amount(word);
  if (amount.ends_with("-ish")) amount.resize(amount.size() - 4);
  if (size_t dash = amount.find('-'); dash != std::string::npos) amount.erase(0, dash + 1);
  if (!amount.empty() && std::isdigit(static_cast<unsigned char>(amount[0]))) {
    return std::strtod(amount.c_str(), nullptr);
  }
  for (const auto& [name, value] : kNumbers) {
    if (amount == name) {
      // "a few", "a couple": the count is the next word's.
      if ((name == "a" || name == "an") && (next == "few" || next == "couple")) return 0;
      return value;
    }
  }
  return 0;
}

// Seconds in a unit of time as written ("min", "minutes", "m", "s", "h"), or 0.
double SecondsIn(std::string_view unit) {
  if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds") {
    return 1;
  }
  if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") {
    return 60;
  }
  if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours")
    return 3600;
  return 0;
}

// A time of day in a text after "by", "at", "before" or "until" ("restore done by 03:00"):
// the first such clock after `said_at` (times of day are read as UTC, as the timeline's are).
std::optional<ExpectedTime> ClockDeadline(std::string_view text, Timestamp said_at) {
  for (std::string_view lead : {"by ", "at ", "before ", "until ", "around "}) {
    for (size_t at = text.find(lead); at != std::string_view::npos; at = text.find(lead, at + 1)) {
      size_t digits = at + lead.size();
      size_t colon = text.find(':', digits);
      if (colon == std::string_view::npos || colon == digits || colon - digits > 2 ||
          colon + 3 > text.size()) {
        continue;
      }
      auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(text[i])) != 0; };
      bool clock = digit(digits) && (colon - digits == 1 || digit(digits + 1)) &&
                   digit(colon + 1) && digit(colon + 2);
      if (!clock) continue;
      int hour = std::stoi(std::string(text.substr(digits, colon - digits)));
      int minute = std::stoi(std::string(text.substr(colon + 1, 2)));
      if (hour > 23 || minute > 59) continue;
      auto day = std::chrono::floor<std::chrono::days>(said_at);
      Timestamp deadline = day + std::chrono::hours(hour) + std::chrono::minutes(minute);
      if (deadline <= said_at) deadline += std::chrono::days(1);
      return ExpectedTime{deadline, true};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ExpectedTime> ExpectedBy(std::string_view expected, Timestamp said_at) {
  std::vector<std::string> words = Words(expected);
  for (size_t index = 0; index < words.size(); ++index) {
    const std::string& word = words[index];
    if (word == "immediately" || word == "instantly" ||
        (word == "right" && index + 1 < words.size() && words[index + 1] == "away")) {
      return ExpectedTime{said_at + std::chrono::minutes(5), false};
    }
    if (word != "in" && word != "within" && word != "inside" && word != "under" && word != "than") {
      continue;
    }
    // "in 5 min", "within a couple of minutes", "in 30-60 minutes", "in five-ish", "in 15m".
    for (size_t at = index + 1; at < words.size() && at <= index + 3; ++at) {
      const std::string& count = words[at];
      std::string_view next = at + 1 < words.size() ? std::string_view(words[at + 1]) : "";
      // A number with its unit: "15m", "30s".
      size_t digits = 0;
      while (digits < count.size() &&
             (std::isdigit(static_cast<unsigned char>(count[digits])) || count[digits] == '.')) {
        ++digits;
      }
      if (digits > 0 && digits < count.size() && SecondsIn(count.substr(digits)) > 0) {
        double seconds = std::strtod(count.c_str(), nullptr) * SecondsIn(count.substr(digits));
        return ExpectedTime{said_at + Within(seconds), false};
      }
      double amount = AmountOf(count, next);
      if (amount <= 0) {
        static constexpr std::string_view kHedges[] = {
            "a",     "an",   "about", "around", "maybe",     "perhaps",       "roughly",
            "under", "less", "the",   "next",   "like",      "approximately", "just",
            "only",  "say",  "than",  "some",   "hopefully", "probably"};
        if (std::find(std::begin(kHedges), std::end(kHedges), count) != std::end(kHedges)) continue;
        break;
      }
      for (size_t unit = at + 1; unit < words.size() && unit <= at + 3; ++unit) {
        if (double seconds = SecondsIn(words[unit]); seconds > 0) {
          return ExpectedTime{said_at + Within(amount * seconds), false};
        }
        if (words[unit] != "of" && words[unit] != "or" && words[unit] != "few" &&
            words[unit] != "couple" && words[unit] != "more" && words[unit] != "so") {
          break;
        }
      }
      break;
    }
  }
  return ClockDeadline(expected, said_at);
}

namespace {

// A quantity as a bound ("under 200 ms", "below 1%", "above 98%") or a value, skipping what a
// text says a thing came from ("down from 6%").
struct Bound {
  Quantity quantity;
  int direction = 0;  // -1: at most; 1: at least; 0: about.
};

std::vector<Bound> Bounds(std::string_view text) {
  std::vector<Bound> bounds;
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t from = 0;
  for (const Quantity& quantity : Quantities(text)) {
    // Find where this quantity's number sits, to read the words before it.
    size_t at = from;
    while (at < lower.size() && !std::isdigit(static_cast<unsigned char>(lower[at]))) ++at;
    std::string before = lower.substr(at >= 16 ? at - 16 : 0, at >= 16 ? 16 : at);
    while (at < lower.size() &&
           (std::isalnum(static_cast<unsigned char>(lower[at])) || lower[at] == '.' ||
            lower[at] == ',' || lower[at] == '%' || lower[at] == ' ')) {
      if (lower[at] == ' ' && at + 1 < lower.size() &&
          !std::isalpha(static_cast<unsigned char>(lower[at + 1]))) {
        break;
      }
      ++at;
      if (at < lower.size() && lower[at] == ' ') break;
    }
    from = at;
    if (before.ends_with("from ")) continue;
    Bound bound{quantity, 0};
    for (std::string_view at_most :
         {"under ", "below ", "less than ", "< ", "at most ", "within "}) {
      if (before.ends_with(at_most)) bound.direction = -1;
    }
    for (std::string_view at_least : {"above ", "over ", "more than ", "> ", "at least "}) {
      if (before.ends_with(at_least)) bound.direction = 1;
    }
    bounds.push_back(bound);
  }
  return bounds;
}

// What one text bounds or states the other breaks: "under 200 ms" against "2.4 s"; two plain
// values of one unit a factor of two or more apart.
bool QuantitiesDisagree(std::string_view first, std::string_view second) {
  std::vector<Bound> mine = Bounds(first);
  std::vector<Bound> theirs = Bounds(second);
  // A number both texts write, with a unit on one side only, is a code or a name ("429s" and
  // "no 429"), not an amount of that unit.
  auto a_code = [](const Quantity& quantity, const std::vector<Bound>& other) {
    return std::any_of(other.begin(), other.end(), [&](const Bound& bound) {
      return bound.quantity.number == quantity.number && bound.quantity.unit != quantity.unit;
    });
  };
  for (const Bound& one : mine) {
    if (a_code(one.quantity, theirs)) continue;
    for (const Bound& other : theirs) {
      const Quantity& a = one.quantity;
      const Quantity& b = other.quantity;
      if (a_code(b, mine)) continue;
      if (a.unit != b.unit || a.unit.empty() || a.value <= 0 || b.value <= 0) continue;
      if (one.direction < 0 && other.direction == 0 && b.value > a.value) return true;
      if (one.direction > 0 && other.direction == 0 && b.value < a.value) return true;
      if (one.direction == 0 && other.direction == 0) {
        double ratio = a.value > b.value ? a.value / b.value : b.value / a.value;
        if (ratio >= 2) return true;
      }
    }
  }
  return false;
}

}  // namespace

bool SpeakOfTwoThings(std::string_view first, std::string_view second) {
  std::vector<std::string> names = NamesIn(first, {});
  std::vector<std::string> other_names = NamesIn(second, {});
  for (auto* list : {&names, &other_names}) {
    for (std::string& name : *list) name = NormalName(std::move(name));
    std::erase_if(*list, [](const std::string& name) { return IsAmount(name); });
  }
  if (!names.empty() && !other_names.empty() &&
      std::none_of(names.begin(), names.end(), [&](const std::string& name) {
        return std::find(other_names.begin(), other_names.end(), name) != other_names.end();
      })) {
    return true;
  }
  if (NamesTellApart(names, other_names)) return true;
  Reading one = Read(first);
  Reading other = Read(second);
  std::set<std::string> subject;
  for (const std::string& stem : one.subject) {
    if (other.subject.contains(stem)) subject.insert(stem);
  }
  return TwoOfAKind(one, other, subject) || DifferentEnvironments(one, other);
}

namespace {

// Text without what it quotes: "homepage now reads 'Count continues'" says nothing of its own
// about continuing.
std::string Unquoted(std::string_view text) {
  std::string kept;
  std::string_view closing;
  for (size_t at = 0; at < text.size(); ++at) {
    std::string_view rest = text.substr(at);
    if (!closing.empty()) {
      if (rest.starts_with(closing)) {
        at += closing.size() - 1;
        closing = {};
      }
      continue;
    }
    // An apostrophe inside a word ("didn't") opens nothing.
    bool word_before = at > 0 && IsAlnum(text[at - 1]);
    if (rest.starts_with("\u201c")) {
      closing = "\u201d";
      at += 2;
    } else if (rest.starts_with("\u2018")) {
      closing = "\u2019";
      at += 2;
    } else if (text[at] == '"' || (text[at] == '\'' && !word_before)) {
      closing = text[at] == '"' ? "\"" : "'";
    } else {
      kept += text[at];
    }
  }
  return kept;
}

// Whether two texts share a content word beside the names they give ("rolled back" and
// "rollback" count as one).
bool ShareAWordBesideNames(std::string_view first, std::string_view second) {
  auto content = [](std::string_view text) {
    std::set<std::string> words;
    for (const std::string& stem : Read(text).subject) {
      if (std::all_of(stem.begin(), stem.end(),
                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
        words.insert(stem);
      }
    }
    return words;
  };
  std::set<std::string> mine = content(first);
  std::set<std::string> theirs = content(second);
  for (const std::string& word : mine) {
    for (const std::string& other : theirs) {
      // "rolled back" and "rollback": one word the start of the other.
      bool same = word == other || (std::min(word.size(), other.size()) >= 4 &&
                                    (word.starts_with(other) || other.starts_with(word)));
      if (same) return true;
    }
  }
  return false;
}

// The names two items both give, when they probably tell of one moment.
std::optional<std::string> SameMomentSubject(const BeliefItem& a, const BeliefItem& b) {
  std::string first = a.did + " " + a.saw + " " + a.text;
  std::string second = b.did + " " + b.saw + " " + b.text;
  std::vector<std::string> names = NamesIn(first, {});
  std::vector<std::string> other = NamesIn(second, {});
  for (auto* list : {&names, &other}) {
    for (std::string& name : *list) name = NormalName(std::move(name));
    std::erase_if(*list, [](const std::string& name) { return IsAmount(name); });
  }
  std::vector<std::string> shared;
  for (const std::string& name : names) {
    if (std::find(other.begin(), other.end(), name) != other.end()) shared.push_back(name);
  }
  if (shared.empty()) return std::nullopt;
  // What follows an action its author expected something of is likely its outcome (a rollback,
  // then the alert it resolved): one moment needs more in common than the name.
  bool outcome_of_action = !a.did.empty() && !a.expected.empty() && b.at > a.at;
  if (outcome_of_action && !ShareAWordBesideNames(first, second)) return std::nullopt;
  // A version is of a thing: "billing-api 2.4.1" and "the iOS app 2.4.1" are two, as one names
  // what its version is of and the other names nothing of it.
  auto only_one_names = [](const std::vector<std::string>& mine,
                           const std::vector<std::string>& theirs) {
    return std::any_of(mine.begin(), mine.end(), [&](const std::string& name) {
      return !IsVersion(name) && std::find(theirs.begin(), theirs.end(), name) == theirs.end();
    });
  };
  bool versions_only = std::all_of(shared.begin(), shared.end(), IsVersion);
  if (versions_only && (only_one_names(names, other) || only_one_names(other, names))) {
    return std::nullopt;
  }
  if (NamesTellApart(names, other) || DifferentEnvironments(Read(first), Read(second))) {
    return std::nullopt;
  }
  return Join(shared);
}

// What an entry expected by a time and what followed, well after it, says is not done yet.
std::optional<std::string> LateSubject(const BeliefItem& a, const std::optional<ExpectedTime>& by,
                                       const BeliefItem& b) {
  if (!by) return std::nullopt;
  // People's estimates are loose: "within a couple of minutes" is not missed at three. Late
  // is half as long again as the time given, and at least two minutes past it.
  Duration slack = std::max<Duration>(std::chrono::minutes(2), (by->at - a.at) / 2);
  if (by->stated_clock) slack = std::chrono::minutes(2);
  std::string said = Unquoted(Said(b));
  if (b.at <= by->at + slack || !SaysNotDone(said)) return std::nullopt;
  std::string expected = a.expected + " " + a.did;
  std::vector<std::string> subject = SharedSubject(expected, said);
  if (subject.empty() || SpeakOfTwoThings(expected, said)) return std::nullopt;
  return Join(subject);
}

}  // namespace

double Contradiction(std::string_view first, std::string_view second, bool outcome) {
  Reading one = Read(first);
  Reading other = Read(second);
  std::set<std::string> subject;
  for (const std::string& stem : one.subject) {
    if (other.subject.contains(stem)) subject.insert(stem);
  }
  if (subject.empty() || SpeakOfTwoThings(first, second)) return 0;
  std::vector<std::string> clauses = ClausesAbout(first, subject);
  std::vector<std::string> other_clauses = ClausesAbout(second, subject);
  double strength = 0;
  bool expected_change = false;
  for (const std::string& clause : clauses) {
    std::map<Scale, int> sense = SenseOfClause(clause);
    // An expectation that something goes on ("lag will keep climbing") is met by "still".
    expected_change = expected_change || (!sense.empty() && Read(clause).negations % 2 == 0 &&
                                          !HasUnmetOutcome(clause));
    for (const std::string& other_clause : other_clauses) {
      for (const auto& [scale, sign] : SenseOfClause(other_clause)) {
        auto found = sense.find(scale);
        if (found != sense.end() && found->second != sign) strength = std::max(strength, 1.0);
      }
      if (OneDeniesTheOther(clause, other_clause) || OneDeniesTheOther(other_clause, clause)) {
        strength = std::max(strength, 1.0);
      }
    }
  }
  if (outcome && expected_change) {
    for (const std::string& other_clause : other_clauses) {
      if (HasUnmetOutcome(other_clause)) strength = std::max(strength, 0.75);
    }
  }
  if (QuantitiesDisagree(first, second)) strength += 1;
  return strength;
}

namespace {

// The content words of an item, hashed and sorted: two items that share none are about
// different things, as most pairs of a long timeline are, and only pairs that share some are
// read further.
std::vector<uint64_t> WordPrints(const BeliefItem& item) {
  std::vector<uint64_t> prints;
  for (const std::string* field :
       {&item.did, &item.saw, &item.expected, &item.assumed, &item.text}) {
    for (const std::string& word : Words(*field)) {
      if (IsFunctionWord(word) || IsNegation(word) || word.size() < 3) continue;
      prints.push_back(std::hash<std::string>{}(Stem(word)));
    }
  }
  std::sort(prints.begin(), prints.end());
  prints.erase(std::unique(prints.begin(), prints.end()), prints.end());
  return prints;
}

bool ShareAPrint(const std::vector<uint64_t>& one, const std::vector<uint64_t>& other) {
  auto a = one.begin();
  auto b = other.begin();
  while (a != one.end() && b != other.end()) {
    if (*a == *b) return true;
    if (*a < *b) {
      ++a;
    } else {
      ++b;
    }
  }
  return false;
}

// An account entry (or a message a participant wrote), not an imported event's text alone.
bool IsEntry(const BeliefItem& item) { return item.text.empty(); }

}  // namespace

std::vector<BeliefQuestion> FindBeliefQuestions(std::span<const BeliefItem> items,
                                                const BeliefQuestionOptions& options) {
  std::vector<size_t> order(items.size());
  for (size_t index = 0; index < order.size(); ++index) order[index] = index;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return items[a].at < items[b].at; });
  // Every question involves an entry: the positions (in time order) of those.
  std::vector<size_t> entry_positions;
  for (size_t position = 0; position < order.size(); ++position) {
    if (IsEntry(items[order[position]])) entry_positions.push_back(position);
  }
  std::vector<std::vector<uint64_t>> prints(items.size());
  for (size_t index = 0; index < items.size(); ++index) prints[index] = WordPrints(items[index]);
  auto linked = [&](const BeliefItem& a, const BeliefItem& b) {
    return std::find(a.linked.begin(), a.linked.end(), b.ref) != a.linked.end() ||
           std::find(b.linked.begin(), b.linked.end(), a.ref) != b.linked.end();
  };
  std::vector<BeliefQuestion> questions;
  for (size_t i = 0; i < order.size(); ++i) {
    const BeliefItem& a = items[order[i]];
    std::optional<ExpectedTime> by =
        a.expected.empty() ? std::nullopt : ExpectedBy(a.expected, a.at);
    bool expectation_asked = false;
    size_t read = 0;  // Pairs read in full for `a`.
    // Reads the pair of `a` and the item at position `j`; false once no later one can count.
    auto visit = [&](size_t j) {
      const BeliefItem& b = items[order[j]];
      Duration apart = b.at - a.at;
      if (apart > options.expectation_window || read >= options.pairs_read_per_item) return false;
      if (!ShareAPrint(prints[order[i]], prints[order[j]])) return true;
      ++read;
      std::optional<BeliefQuestion> best;
      auto consider = [&](BeliefQuestionKind kind, std::string_view first, std::string_view second,
                          bool outcome, double threshold) {
        if (first.empty() || second.empty()) return;
        std::vector<std::string> subject = SharedSubject(first, second);
        if (subject.empty()) return;
        double strength = Contradiction(first, second, outcome);
        if (strength < threshold) return;
        strength += 0.1 * static_cast<double>(subject.size());
        if (!best || strength > best->strength) {
          best = BeliefQuestion{kind, order[i], order[j], Join(subject), strength};
        }
      };
      // What followed on the same thing, told by someone else, says otherwise than the entry
      // expected, or, well after the time the entry expected it by, that it was not done yet.
      // One question per expectation: the first of what followed that did not meet it.
      if (!a.expected.empty() && !expectation_asked && a.participant_id != b.participant_id) {
        consider(BeliefQuestionKind::kExpectationNotMet, a.expected, Unquoted(Said(b)), true, 0.75);
        if (!best) {
          if (std::optional<std::string> subject = LateSubject(a, by, b)) {
            best = BeliefQuestion{BeliefQuestionKind::kExpectationNotMet, order[i], order[j],
                                  *subject, 1.0};
          }
        }
        expectation_asked = best.has_value();
      }
      // Two people, each sure of something the other was not.
      bool two_people =
          a.participant_id != 0 && b.participant_id != 0 && a.participant_id != b.participant_id;
      if (two_people && apart <= options.assumption_window) {
        for (std::string_view one : {std::string_view(a.assumed), std::string_view(a.expected)}) {
          for (std::string_view other :
               {std::string_view(b.assumed), std::string_view(b.expected)}) {
            consider(BeliefQuestionKind::kAssumptionsDiffer, one, other, false, 0.75);
          }
        }
      }
      // One moment told twice: the same name in two lanes, close together, unlinked.
      bool two_lanes = a.participant_id != b.participant_id;
      if (!best && two_lanes && apart <= options.same_moment_window && !linked(a, b)) {
        if (std::optional<std::string> subject = SameMomentSubject(a, b)) {
          best =
              BeliefQuestion{BeliefQuestionKind::kProbablySame, order[i], order[j], *subject, 1.0};
        }
      }
      if (best) questions.push_back(std::move(*best));
      return true;
    };
    // What followed `a`: everything when `a` is an entry, only entries when it is an event.
    if (IsEntry(a)) {
      for (size_t j = i + 1; j < order.size() && visit(j); ++j) {
      }
    } else {
      for (auto entry = std::upper_bound(entry_positions.begin(), entry_positions.end(), i);
           entry != entry_positions.end() && visit(*entry); ++entry) {
      }
    }
  }
  std::stable_sort(
      questions.begin(), questions.end(),
      [](const BeliefQuestion& a, const BeliefQuestion& b) { return a.strength > b.strength; });
  if (questions.size() > options.most) questions.resize(options.most);
  return questions;
}

std::pair<std::string, std::string> BeliefQuestionWords(const BeliefQuestion& question,
                                                        std::span<const BeliefItem> items) {
  const BeliefItem& a = items[question.first];
  const BeliefItem& b = items[question.second];
  switch (question.kind) {
    case BeliefQuestionKind::kExpectationNotMet:
      return {a.expected, Said(b)};
    case BeliefQuestionKind::kAssumptionsDiffer:
      return {!a.assumed.empty() ? a.assumed : a.expected,
              !b.assumed.empty() ? b.assumed : b.expected};
    case BeliefQuestionKind::kProbablySame:
      return {Said(a), Said(b)};
  }
  return {};
}

std::string AskBeliefQuestion(const BeliefQuestion& question, std::span<const BeliefItem> items,
                              std::string_view first_name, std::string_view second_name) {
  const BeliefItem& a = items[question.first];
  const BeliefItem& b = items[question.second];
  std::string first(first_name.empty() ? "the first" : first_name);
  std::string second(second_name.empty() ? "the record" : second_name);
  switch (question.kind) {
    case BeliefQuestionKind::kExpectationNotMet:
      return first + " expected " + Quote(a.expected) + " at " + Clock(a.at) + "; at " +
             Clock(b.at) + " " +
             (b.participant_id == 0 ? "the record shows " : second + " wrote ") + Quote(Said(b)) +
             ". What made that expectation look right at the time?";
    case BeliefQuestionKind::kAssumptionsDiffer: {
      std::string_view one = !a.assumed.empty() ? a.assumed : a.expected;
      std::string_view other = !b.assumed.empty() ? b.assumed : b.expected;
      return first + " took " + Quote(one) + " for granted at " + Clock(a.at) + "; " + second +
             ", at " + Clock(b.at) + ", " + Quote(other) +
             ". What made each look right from where they were?";
    }
    case BeliefQuestionKind::kProbablySame:
      return first + " at " + Clock(a.at) + " (" + Quote(Said(a)) + ") and " + second + " at " +
             Clock(b.at) + " (" + Quote(Said(b)) + ") both name " + question.subject +
             ": the same moment, seen from two places?";
  }
  return {};
}

}  // namespace debrief::core
