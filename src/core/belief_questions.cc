#include "core/belief_questions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/timeline_suggestions.h"

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
    if (word.size() > suffix.size() + 3 && word.ends_with(suffix)) {
      word.resize(word.size() - suffix.size());
      if (suffix == "ies" || suffix == "ied") word += 'y';
      // "stopped" -> "stopp" -> "stop".
      if (word.size() > 3 && word[word.size() - 1] == word[word.size() - 2]) word.pop_back();
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
enum class Scale { kState, kDirection, kOutcome, kProgress, kValidity, kTemperature, kSpeed };
struct SenseWord {
  std::string_view stem;
  Scale scale;
  int sign;
};
constexpr SenseWord kSenseWords[] = {
    {"on", Scale::kState, 1},           {"off", Scale::kState, -1},
    {"enabl", Scale::kState, 1},        {"disabl", Scale::kState, -1},
    {"active", Scale::kState, 1},       {"inactive", Scale::kState, -1},
    {"available", Scale::kState, 1},    {"unavailable", Scale::kState, -1},
    {"running", Scale::kState, 1},      {"stopp", Scale::kState, -1},
    {"open", Scale::kState, 1},         {"closed", Scale::kState, -1},
    {"allow", Scale::kState, 1},        {"block", Scale::kState, -1},
    {"accept", Scale::kState, 1},       {"reject", Scale::kState, -1},
    {"up", Scale::kDirection, 1},       {"down", Scale::kDirection, -1},
    {"rise", Scale::kDirection, 1},     {"ris", Scale::kDirection, 1},
    {"fall", Scale::kDirection, -1},    {"grow", Scale::kDirection, 1},
    {"drain", Scale::kDirection, -1},   {"climb", Scale::kDirection, 1},
    {"drop", Scale::kDirection, -1},    {"increas", Scale::kDirection, 1},
    {"decreas", Scale::kDirection, -1}, {"higher", Scale::kDirection, 1},
    {"lower", Scale::kDirection, -1},   {"above", Scale::kDirection, 1},
    {"below", Scale::kDirection, -1},   {"over", Scale::kDirection, 1},
    {"under", Scale::kDirection, -1},   {"spik", Scale::kDirection, 1},
    {"shrink", Scale::kDirection, -1},  {"settl", Scale::kDirection, -1},
    {"recover", Scale::kOutcome, 1},    {"degrad", Scale::kOutcome, -1},
    {"succeed", Scale::kOutcome, 1},    {"success", Scale::kOutcome, 1},
    {"fail", Scale::kOutcome, -1},      {"work", Scale::kOutcome, 1},
    {"broken", Scale::kOutcome, -1},    {"break", Scale::kOutcome, -1},
    {"fix", Scale::kOutcome, 1},        {"healthy", Scale::kOutcome, 1},
    {"unhealthy", Scale::kOutcome, -1}, {"fine", Scale::kOutcome, 1},
    {"ok", Scale::kOutcome, 1},         {"problem", Scale::kOutcome, -1},
    {"pass", Scale::kOutcome, 1},       {"green", Scale::kOutcome, 1},
    {"red", Scale::kOutcome, -1},       {"stable", Scale::kOutcome, 1},
    {"unstable", Scale::kOutcome, -1},  {"flapp", Scale::kOutcome, -1},
    {"resolv", Scale::kOutcome, 1},     {"fir", Scale::kOutcome, -1},
    {"finish", Scale::kProgress, 1},    {"complet", Scale::kProgress, 1},
    {"done", Scale::kProgress, 1},      {"incomplete", Scale::kProgress, -1},
    {"pend", Scale::kProgress, -1},     {"progress", Scale::kProgress, -1},
    {"rolling", Scale::kProgress, -1},  {"partial", Scale::kProgress, -1},
    {"valid", Scale::kValidity, 1},     {"invalid", Scale::kValidity, -1},
    {"expir", Scale::kValidity, -1},    {"cold", Scale::kTemperature, -1},
    {"warm", Scale::kTemperature, 1},   {"hot", Scale::kTemperature, 1},
    {"fast", Scale::kSpeed, 1},         {"quick", Scale::kSpeed, 1},
    {"slow", Scale::kSpeed, -1},
};

// The sense word a stem is, if any: the longest that starts it ("disabl" before "disabl...").
const SenseWord* SenseOf(std::string_view stem) {
  const SenseWord* best = nullptr;
  for (const SenseWord& word : kSenseWords) {
    bool whole = word.stem.size() <= 3 ? stem == word.stem : stem.starts_with(word.stem);
    if (whole && (!best || word.stem.size() > best->stem.size())) best = &word;
  }
  return best;
}

// Words that tell what followed was not what was expected: the old state went on.
constexpr std::string_view kUnmetOutcome[] = {
    "still",   "again",     "keep",   "kept",    "continu", "worse", "instead",
    "nothing", "unchanged", "anyway", "persist", "remain",  "budg"};

struct Reading {
  std::vector<std::string> stems;  // In order.
  std::set<std::string> subject;   // Content stems.
  int negations = 0;
};

Reading Read(std::string_view text) {
  Reading reading;
  for (std::string& word : Words(text)) {
    if (IsNegation(word)) ++reading.negations;
    std::string stem = Stem(word);
    reading.stems.push_back(stem);
    if (!IsFunctionWord(word) && !IsNegation(word) && word.size() >= 3) {
      reading.subject.insert(stem);
    }
  }
  return reading;
}

// A number and its unit ("100 ms", "2.3s", "40k", "5%"), as a value in the unit's base.
struct Quantity {
  double value = 0;
  std::string unit;  // "s", "b", "%", "" for a bare count.
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
    Quantity quantity{value, ""};
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
  std::string quoted(text.substr(0, 140));
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

// The sense a clause gives each scale: its words' signs, turned by each negation. A negated
// clause with no sense word says its thing did not happen ("it never retries"): off.
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
    // "on" and "off" before a thing are where, not whether: "on Okta's side", "off the list".
    if ((word == "on" || word == "off") && index + 1 < words.size() &&
        !IsFunctionWord(words[index + 1]) && !IsNegation(words[index + 1])) {
      continue;
    }
    if (const SenseWord* known = SenseOf(Stem(word))) sense[known->scale] = known->sign;
  }
  int turn = negations % 2 == 0 ? 1 : -1;
  for (auto& [scale, sign] : sense) sign *= turn;
  if (sense.empty() && negations % 2 == 1) sense[Scale::kState] = -1;
  return sense;
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
  for (const Bound& one : Bounds(first)) {
    for (const Bound& other : Bounds(second)) {
      const Quantity& a = one.quantity;
      const Quantity& b = other.quantity;
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

double Contradiction(std::string_view first, std::string_view second, bool outcome) {
  Reading one = Read(first);
  Reading other = Read(second);
  std::set<std::string> subject;
  for (const std::string& stem : one.subject) {
    if (other.subject.contains(stem)) subject.insert(stem);
  }
  if (subject.empty()) return 0;
  // Both name things of their own ("new_checkout", "legacy_cart_sync"), and none the same:
  // they speak of different things, whatever else they share ("prod").
  std::vector<std::string> names = NamesIn(first, {});
  std::vector<std::string> other_names = NamesIn(second, {});
  if (!names.empty() && !other_names.empty() &&
      std::none_of(names.begin(), names.end(), [&](const std::string& name) {
        return std::find(other_names.begin(), other_names.end(), name) != other_names.end();
      })) {
    return 0;
  }
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

std::vector<BeliefQuestion> FindBeliefQuestions(std::span<const BeliefItem> items,
                                                const BeliefQuestionOptions& options) {
  std::vector<size_t> order(items.size());
  for (size_t index = 0; index < order.size(); ++index) order[index] = index;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return items[a].at < items[b].at; });
  auto linked = [&](const BeliefItem& a, const BeliefItem& b) {
    return std::find(a.linked.begin(), a.linked.end(), b.ref) != a.linked.end() ||
           std::find(b.linked.begin(), b.linked.end(), a.ref) != b.linked.end();
  };
  std::vector<BeliefQuestion> questions;
  for (size_t i = 0; i < order.size(); ++i) {
    const BeliefItem& a = items[order[i]];
    for (size_t j = i + 1; j < order.size(); ++j) {
      const BeliefItem& b = items[order[j]];
      Duration apart = b.at - a.at;
      if (apart > options.expectation_window) break;
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
      // What followed on the same thing says otherwise than the entry expected.
      if (!a.expected.empty()) {
        consider(BeliefQuestionKind::kExpectationNotMet, a.expected, Said(b), true, 0.75);
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
        std::string first = a.did + " " + a.saw + " " + a.text;
        std::string second = b.did + " " + b.saw + " " + b.text;
        std::vector<std::string> names = NamesIn(first, {});
        std::vector<std::string> other = NamesIn(second, {});
        std::vector<std::string> shared;
        for (const std::string& name : names) {
          if (std::find(other.begin(), other.end(), name) != other.end()) shared.push_back(name);
        }
        if (!shared.empty()) {
          best = BeliefQuestion{BeliefQuestionKind::kProbablySame, order[i], order[j], Join(shared),
                                1.0 + 0.1 * static_cast<double>(shared.size())};
        }
      }
      if (best) questions.push_back(std::move(*best));
    }
  }
  std::stable_sort(
      questions.begin(), questions.end(),
      [](const BeliefQuestion& a, const BeliefQuestion& b) { return a.strength > b.strength; });
  if (questions.size() > options.most) questions.resize(options.most);
  return questions;
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
