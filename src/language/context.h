// What the checker reads around a phrase it matched: who is a person, the sentence and clause
// around it, whether it is mentioned rather than used, and the other conditions a rule may set.
// Shared by the rule conditions (checker.cc) and the sentence classifier's features, so both
// read a text the same way. Internal to the language library.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "language/checker.h"
#include "language/clause.h"
#include "language/common_words.h"
#include "language/grammar.h"
#include "language/text.h"

namespace debrief::language::detail {

// Closed word lists the conditions read (context.cc).
const std::unordered_set<std::string_view>& Pronouns();
const std::unordered_set<std::string_view>& RoleNouns();
const std::unordered_set<std::string_view>& Fillers();
const std::unordered_set<std::string_view>& NotActions();
bool IsNumber(std::string_view word);

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

class Context {
 public:
  Context(const std::vector<Token>& tokens, const CheckOptions& options) : tokens_(tokens) {
    for (const std::string& name : options.participant_names) {
      for (const Token& token : Tokenize(name)) {
        if (token.is_word && token.folded.size() >= 2) names_.emplace(token.folded);
      }
    }
  }

  // A participant's name, as the caller listed it.
  bool IsListedName(const Token& token) const {
    return token.is_word && !names_.empty() && names_.contains(token.folded);
  }

  bool IsPerson(const Token& token) const {
    if (!token.is_word) return false;
    return Pronouns().contains(token.folded) || RoleNouns().contains(token.folded) ||
           names_.contains(token.folded);
  }

  // A person by what the word is, or by its look when no participant has the name: a
  // capitalised word that is no everyday English word ("Kofi", "Aroha"), or in a line written
  // all in lower case (a chat), a word that is none at all followed by "'s" or a past tense.
  // IsPersonAt, asked once per token: conditions ask it of the same words for every match.
  bool IsPersonAt(size_t index) const {
    if (person_at_.empty()) person_at_.assign(tokens_.size(), kUnknown);
    if (person_at_[index] == kUnknown) person_at_[index] = ReadPersonAt(index) ? kYes : kNo;
    return person_at_[index] == kYes;
  }

  bool ReadPersonAt(size_t index) const {
    const Token& token = tokens_[index];
    if (IsPerson(token)) return true;
    if (!token.is_word || token.folded.size() < 2) return false;
    std::string_view word = token.folded;
    if (!std::all_of(word.begin(), word.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
        })) {
      return false;
    }
    if (IsFunctionWord(word)) return false;
    // Headings are title case: only listed names count there.
    if (token.in_heading) return false;
    // A name takes no article: "the autoscaler" is a thing, whatever the dictionary says.
    if (index > 0 && grammar::IsDeterminer(tokens_[index - 1].folded)) return false;
    WordKind kind = ClassifyWord(word);
    if (token.capitalised) {
      if (kind == WordKind::kFrequentWord) return false;
      // Before a noun it names a thing ("the Azure portal", "Traefik dashboard"); a person's
      // name is followed by a verb, a possessive, a conjunction or punctuation.
      if (index + 1 < tokens_.size() && tokens_[index + 1].is_word &&
          !tokens_[index + 1].capitalised) {
        std::string_view next = tokens_[index + 1].folded;
        bool verb_like = grammar::IsPastForm(next) || grammar::IsModal(next) ||
                         grammar::IsNegation(next) || grammar::IsBeForm(next) ||
                         grammar::IsHaveForm(next) || grammar::IsDoForm(next) ||
                         grammar::IsAdverb(next) || next.ends_with("s") || next == "'s";
        bool joins = grammar::IsCoordinator(next) || grammar::IsPreposition(next) ||
                     grammar::IsSubordinator(next) || grammar::IsRelativePronoun(next);
        if (!verb_like && !joins) return false;
      }
      return !OpensSentence(index) || kind == WordKind::kNotAWord;
    }
    if (kind != WordKind::kNotAWord || index + 1 >= tokens_.size()) return false;
    std::string_view next = tokens_[index + 1].folded;
    if (next != "'s" && !grammar::IsPastForm(next)) return false;
    if (OpensSentence(index)) return false;  // "oops forgot to …": an interjection.
    // Only where nothing is capitalised: a chat line, where names are written in lower case.
    auto [begin, end] = SentenceAround(index, index + 1);
    for (size_t other = begin; other < end; ++other) {
      if (tokens_[other].capitalised) return false;
    }
    return true;
  }

  bool OpensSentence(size_t index) const {
    if (index == 0 || tokens_[index].starts_block) return true;
    const Token& before = tokens_[index - 1];
    if (before.is_word) return false;
    std::string_view mark = before.folded;
    return mark == "." || mark == "!" || mark == "?" || mark == ":" || mark == ";" || mark == "(" ||
           mark == "[" || mark == "]" || mark == "-" || mark == "*" || mark == "#" || mark == ">";
  }

  VerbClause ClauseOf(size_t first, size_t after) const {
    return ReadVerbClause(tokens_, first, after,
                          [this](size_t index) { return IsPersonAt(index); });
  }

  // The sentence around the phrase: between the marks that end sentences (and semicolons).
  std::pair<size_t, size_t> SentenceAround(size_t first, size_t after) const {
    auto ends = [](const Token& token) {
      return !token.is_word && (token.folded == "." || token.folded == "!" || token.folded == "?" ||
                                token.folded == ";");
    };
    // At most kSentenceReach tokens each way: a chat log pasted without punctuation is one
    // "sentence", and reading all of it for every match would be quadratic.
    size_t begin = first;
    while (begin > 0 && first - begin < kSentenceReach && !ends(tokens_[begin - 1]) &&
           !tokens_[begin].starts_block) {
      --begin;
    }
    size_t end = after;
    while (end < tokens_.size() && end - after < kSentenceReach && !ends(tokens_[end]) &&
           !tokens_[end].starts_block) {
      ++end;
    }
    return {begin, end};
  }

  bool PersonInSentence(size_t first, size_t after) const {
    auto [begin, end] = SentenceAround(first, after);
    for (size_t index = begin; index < end; ++index) {
      if (index >= first && index < after) continue;
      if (IsPersonAt(index)) return true;
    }
    return false;
  }

  // A person, or work people did ("the change was careless", "a sloppy review"), is named in
  // the sentence: what a judgment of care or competence is about. A tool's "reckless default"
  // judges no one.
  bool PersonOrWorkInSentence(size_t first, size_t after) const {
    if (PersonInSentence(first, after)) return true;
    static const std::unordered_set<std::string_view> kWork = {
        "change",        "changes",       "fix",           "plan",
        "review",        "reviews",       "response",      "handling",
        "work",          "approach",      "decision",      "decisions",
        "rollout",       "migration",     "configuration", "config",
        "code",          "patch",         "commit",        "pr",
        "runbook",       "script",        "communication", "coordination",
        "planning",      "testing",       "deploy",        "deployment",
        "process",       "effort",        "job",           "analysis",
        "investigation", "documentation", "design",        "implementation",
        "typo",          "mistake",       "slip"};
    auto [begin, end] = SentenceAround(first, after);
    for (size_t index = begin; index < end; ++index) {
      if ((index < first || index >= after) && kWork.contains(tokens_[index].folded)) return true;
    }
    return false;
  }

  // The clause's subject is someone other than the people the service is for ("users",
  // "customers") and generic "they"/"you"/"everyone". The writers ("we", "I") count: "we didn't
  // ask the partners" is an omission of their own.
  bool SubjectIsAnother(const VerbClause& clause) const {
    static const std::unordered_set<std::string_view> kSelvesAndUsers = {
        "you",    "your",    "users",    "user",     "customers",  "customer",
        "people", "clients", "partners", "members",  "everyone",   "anyone",
        "they",   "them",    "their",    "visitors", "subscribers"};
    for (size_t index = clause.subject_first; index < clause.subject_end; ++index) {
      if (kSelvesAndUsers.contains(tokens_[index].folded)) return false;
    }
    return true;
  }

  // A line as typed in chat: no capital anywhere in its sentence.
  bool ChatLine(size_t first, size_t after) const {
    auto [begin, end] = SentenceAround(first, after);
    for (size_t index = begin; index < end; ++index) {
      if (tokens_[index].capitalised) return false;
    }
    return true;
  }

  // A particle of a separable verb within the clause: "took the API fleet offline".
  bool ParticleAfter(size_t after, const std::vector<std::string>& particles) const {
    for (size_t index = after; index < tokens_.size() && index < after + 8; ++index) {
      const Token& token = tokens_[index];
      if (!token.is_word) {
        if (token.folded == "-" || token.folded == "'") continue;
        return false;
      }
      if (std::find(particles.begin(), particles.end(), token.folded) != particles.end()) {
        return true;
      }
      if (grammar::IsCoordinator(token.folded) || grammar::IsSubordinator(token.folded)) {
        return false;
      }
    }
    return false;
  }

  bool FirstPerson(size_t first, size_t end) const {
    for (size_t index = first; index < end; ++index) {
      std::string_view word = tokens_[index].folded;
      if (word == "we" || word == "i" || word == "our" || word == "my" || word == "us") return true;
    }
    return false;
  }

  // The sentence tells what the harm was: how long it lasted ("for 47 minutes", "overnight"),
  // whom it reached ("every customer", "all tenants", "production"), or what followed (",
  // bringing the service down", ", which halted …").
  bool ImpactStated(size_t first, size_t after) const {
    auto [begin, end] = SentenceAround(first, after);
    static const std::unordered_set<std::string_view> kReach = {
        "every",     "all",      "entire",    "whole",      "production", "prod",
        "customers", "customer", "users",     "tenants",    "clients",    "partners",
        "outage",    "downtime", "overnight", "throughout", "offline",    "down",
        "minutes",   "hours",    "days",      "weeks",      "lost",       "loss"};
    static const std::unordered_set<std::string_view> kConsequences = {
        "bringing", "cutting",  "causing", "leaving",  "producing", "halting",
        "taking",   "breaking", "locking", "stalling", "which",     "so"};
    for (size_t index = begin; index < end; ++index) {
      if (index >= first && index < after) continue;
      std::string_view word = tokens_[index].folded;
      if (kReach.contains(word)) return true;
      if (index > begin && tokens_[index - 1].folded == "," && kConsequences.contains(word)) {
        return true;
      }
    }
    return false;
  }

  // "If Ingrid had checked …", "Had anyone tested …": a past that did not happen, with a person
  // in it. The phrase is "if" or a "had" that opens its clause.
  bool PastConditional(size_t first, size_t after) const {
    size_t limit = std::min(tokens_.size(), after + 14);
    bool person = false;
    bool inverted = tokens_[first].folded == "had";
    bool had = inverted;
    if (inverted && (after >= tokens_.size() || tokens_[after].folded == "to")) return false;
    if (inverted) limit = std::min(tokens_.size(), after + 8);
    if (inverted && !OpensSentence(first) && tokens_[first - 1].folded != "," &&
        !grammar::IsCoordinator(tokens_[first - 1].folded) &&
        !grammar::IsSubordinator(tokens_[first - 1].folded)) {
      return false;
    }
    for (size_t index = after; index < limit; ++index) {
      const Token& token = tokens_[index];
      if (!token.is_word) return false;
      std::string_view word = token.folded;
      if (!had) {
        if (word == "had" || word == "'d") {
          had = true;
          continue;
        }
        if (IsPersonAt(index) || grammar::IsNegativePronoun(word)) person = true;
        continue;
      }
      if (grammar::IsAdverb(word) || grammar::IsNegation(word) || word == "been") continue;
      if (IsPersonAt(index) || grammar::IsNegativePronoun(word)) {
        person = true;
        continue;
      }
      if (grammar::IsParticiple(word)) return person;
      if (inverted) continue;  // "Had anyone on the payments team tested …".
      return false;
    }
    return false;
  }

  // The sentence opens with an action someone could have taken ("Asking first would have
  // saved hours", "A quick dry run would have …"), not a condition of the system.
  bool ActionAsSubject(size_t first) const {
    auto [begin, end] = SentenceAround(first, first + 1);
    size_t index = begin;
    while (index < first && !tokens_[index].is_word) ++index;
    if (index >= first) return false;
    std::string_view word = tokens_[index].folded;
    static const std::unordered_set<std::string_view> kNotActions = {
        "nothing",   "something", "anything", "everything", "during", "morning", "evening",
        "according", "including", "string",   "thing",      "things", "king"};
    return word.size() > 4 && word.ends_with("ing") && !kNotActions.contains(word);
  }

  bool Asked(size_t first, size_t after) const {
    auto [begin, end] = SentenceAround(first, after);
    return end < tokens_.size() && tokens_[end].folded == "?";
  }

  // Whether the sentence denies or doubts what the phrase names ("operator error is never
  // where an analysis should stop", "there is rarely a single root cause"), or asks about it.
  bool SentenceNegatedOrAsked(size_t first, size_t after) const {
    auto [begin, end] = SentenceAround(first, after);
    // … and reported questions: "the customer asked who was to blame".
    static const std::unordered_set<std::string_view> kDoubt = {
        "rarely", "seldom", "no",     "avoid", "avoided", "avoiding", "whether", "unclear",
        "yet",    "still",  "hardly", "asked", "asking",  "asks",     "wondered"};
    for (size_t index = begin; index < end; ++index) {
      if (index >= first && index < after) continue;  // "came as no surprise" denies nothing.
      std::string_view word = tokens_[index].folded;
      if (grammar::IsNegation(word) || grammar::IsNegativePronoun(word) || kDoubt.contains(word)) {
        return true;
      }
    }
    return end < tokens_.size() && tokens_[end].folded == "?";
  }

  // Whether the sentence says the action was meant: planned, scheduled, by design, for a
  // purpose ("so that", "in order to"), or after a check ("after confirming").
  bool IntentStated(size_t first, size_t after) const {
    auto [begin, end] = SentenceAround(first, after);
    static const std::unordered_set<std::string_view> kIntent = {
        "planned",       "scheduled",   "designed",   "intended",   "expected",
        "automatically", "maintenance", "confirming", "confirmed",  "agreed",
        "approved",      "requested",   "mitigate",   "mitigation", "contain",
        "stop",          "stopped",     "prevent",    "caution"};
    for (size_t index = begin; index < end; ++index) {
      std::string_view word = tokens_[index].folded;
      if (kIntent.contains(word)) return true;
      if (index + 1 < end) {
        std::string_view next = tokens_[index + 1].folded;
        if ((word == "by" && (next == "design" || next == "default")) ||
            (word == "so" && (next == "that" || next == "we" || next == "the")) ||
            (word == "in" && next == "order") || (word == "per" && next == "the") ||
            (word == "according" && next == "to")) {
          return true;
        }
      }
    }
    return false;
  }

  // "The root cause was X", "Root cause: X", "X was the root cause", "identified as the root
  // cause": a cause stated. Not a label with nothing after it, nor "TBD", "unknown", "under
  // investigation", nor looking for one ("finding the root cause").
  bool AssertedCause(size_t first, size_t after) const {
    if (SentenceNegatedOrAsked(first, after)) return false;
    static const std::unordered_set<std::string_view> kUnsettled = {
        "tbd",  "tbc",         "unknown", "pending",       "under",   "unclear",
        "n/a",  "none",        "to",      "being",         "still",   "not",
        "todo", "preliminary", "?",       "investigating", "ongoing", "see"};
    static const std::unordered_set<std::string_view> kCauseAdjectives = {
        "only",       "real", "single",  "one",  "true",     "actual",
        "underlying", "main", "primary", "sole", "ultimate", "exact"};
    // Stated before: "X was the root cause", "identified as the root cause".
    size_t before = first;
    while (before > 0 && tokens_[before - 1].is_word &&
           (grammar::IsDeterminer(tokens_[before - 1].folded) ||
            kCauseAdjectives.contains(tokens_[before - 1].folded))) {
      --before;
    }
    if (before > 0 && tokens_[before - 1].is_word) {
      std::string_view word = tokens_[before - 1].folded;
      // "… was the root cause", "identified as the root cause", "we found the root cause".
      static const std::unordered_set<std::string_view> kSettled = {
          "as",          "found",      "identified", "determined",
          "established", "pinpointed", "isolated",   "confirmed"};
      if (grammar::IsBeForm(word) || kSettled.contains(word)) return true;
    }
    // Stated after: a label, or "of the incident was", "has been identified as".
    size_t index = after;
    // Skip "(preliminary)" and the like.
    if (index < tokens_.size() && tokens_[index].folded == "(") return false;
    // "Root cause identified: a bad cache key."
    if (index + 1 < tokens_.size() &&
        (tokens_[index].folded == "identified" || tokens_[index].folded == "found" ||
         tokens_[index].folded == "confirmed") &&
        tokens_[index + 1].folded == ":") {
      ++index;
    }
    if (index < tokens_.size() && tokens_[index].folded == ":") {
      if (index + 1 >= tokens_.size()) return false;
      const Token& next = tokens_[index + 1];
      return next.is_word && !kUnsettled.contains(next.folded) &&
             tokens_[index + 1].begin - tokens_[index].end < 3;
    }
    // "of the outage" (a short phrase), then the verb.
    if (index < tokens_.size() && tokens_[index].folded == "of") {
      size_t limit = std::min(tokens_.size(), index + 8);
      while (index < limit && tokens_[index].is_word && !grammar::IsBeForm(tokens_[index].folded) &&
             !grammar::IsHaveForm(tokens_[index].folded)) {
        ++index;
      }
    }
    if (index >= tokens_.size() || !tokens_[index].is_word) return false;
    std::string_view verb = tokens_[index].folded;
    if (grammar::IsHaveForm(verb))
      return index + 2 < tokens_.size() && tokens_[index + 1].folded == "been" &&
             (tokens_[index + 2].folded == "identified" || tokens_[index + 2].folded == "found" ||
              tokens_[index + 2].folded == "determined");
    if (!grammar::IsBeForm(verb) && verb != "lies" && verb != "lay") return false;
    return index + 1 < tokens_.size() && tokens_[index + 1].is_word &&
           !kUnsettled.contains(tokens_[index + 1].folded);
  }

  // A phrase mentioned rather than used: in quotation marks, named as a word ("the term …",
  // "words like …"), or part of a title ("Moving Past Human Error").
  bool Mentioned(size_t first, size_t after) const {
    for (size_t index = first; index < after; ++index) {
      if (tokens_[index].in_inline_quote) return true;
    }
    static const std::unordered_set<std::string_view> kNaming = {
        "word",   "words",    "term",    "terms",  "phrase",   "phrases", "label",
        "labels", "labelled", "labeled", "titled", "entitled", "headed",  "heading"};
    for (size_t index = first; index > 0 && index + 3 > first; --index) {
      if (kNaming.contains(tokens_[index - 1].folded)) return true;
    }
    // A title: the phrase inside a run of three or more capitalised words ("Beyond Human Error
    // Thinking"), not counting a sentence's first word or a person's name.
    auto title_word = [&](size_t index) {
      const Token& token = tokens_[index];
      return token.is_word && (token.capitalised || token.folded == "'s") &&
             !OpensSentence(index) && !IsPersonAt(index);
    };
    size_t run = 0;
    for (size_t index = first; index < after; ++index) {
      if (!tokens_[index].capitalised && tokens_[index].folded != "'s") return false;
      if (title_word(index)) ++run;
    }
    // Three are enough: a long run of capitals is not read again for every match in it.
    for (size_t index = after; index < tokens_.size() && run < 3 && title_word(index); ++index) {
      ++run;
    }
    for (size_t index = first; index > 0 && run < 3 && title_word(index - 1); --index) ++run;
    return run >= 3;
  }

  // The subject before the phrase starting at `first`, skipping fillers, is a person.
  bool PersonBefore(size_t first) const {
    size_t index = first;
    while (index > 0) {
      const Token& token = tokens_[index - 1];
      if (!token.is_word) return false;
      if (IsPerson(token)) return true;
      if (!Fillers().contains(token.folded)) return false;
      --index;
    }
    return false;
  }

  // A person follows the phrase ending before `after` ("caused by Alice", "blamed the intern").
  // Plural and generic pronouns ("due to them", "due to people taking time") rarely single
  // anyone out, so only names, roles and "him"/"her" count here.
  bool PersonAfter(size_t after) const {
    for (size_t index = after; index < tokens_.size() && index < after + 3; ++index) {
      const Token& token = tokens_[index];
      if (!token.is_word) return false;
      bool role =
          RoleNouns().contains(token.folded) && token.folded != "people" && token.folded != "staff";
      // "our team structures": a role before a noun names the noun's kind, not a person.
      if (role && index + 1 < tokens_.size() && tokens_[index + 1].is_word &&
          !grammar::IsPastForm(tokens_[index + 1].folded) &&
          !grammar::IsPreposition(tokens_[index + 1].folded) &&
          !grammar::IsCoordinator(tokens_[index + 1].folded) &&
          !grammar::IsSubordinator(tokens_[index + 1].folded) &&
          !grammar::IsRelativePronoun(tokens_[index + 1].folded) &&
          !grammar::IsBeForm(tokens_[index + 1].folded) &&
          !grammar::IsModal(tokens_[index + 1].folded) && tokens_[index + 1].folded != "'s") {
        role = false;
      }
      if (names_.contains(token.folded) || token.folded == "him" || token.folded == "her" || role) {
        return true;
      }
      if (token.folded != "the" && token.folded != "a" && token.folded != "an" &&
          token.folded != "our" && token.folded != "one" && token.folded != "of") {
        return false;
      }
    }
    return false;
  }

  // "Had Marcus checked the diff, ..." : the phrase opens a sentence, a person follows (a name,
  // a pronoun, or "the" and a role), then a past participle.
  bool InvertedConditional(size_t first, size_t after) const {
    if (first > 0 && (tokens_[first - 1].is_word ||
                      (tokens_[first - 1].folded != "." && tokens_[first - 1].folded != "!" &&
                       tokens_[first - 1].folded != "?" && tokens_[first - 1].folded != ";"))) {
      return false;
    }
    size_t index = after;
    if (index < tokens_.size() && tokens_[index].folded == "the") ++index;
    if (index >= tokens_.size() || !IsPerson(tokens_[index])) return false;
    return ParticipleAfter(index + 1);
  }

  bool ParticipleAfter(size_t after) const {
    size_t index = after;
    // "should have actually checked", "could have also noticed".
    while (index < tokens_.size() && tokens_[index].is_word &&
           Fillers().contains(tokens_[index].folded) && tokens_[index].folded != "been") {
      ++index;
    }
    if (index >= tokens_.size() || !tokens_[index].is_word) return false;
    std::string_view word = tokens_[index].folded;
    return grammar::IsPastForm(word) || grammar::IsParticiple(word) ||
           (word.size() > 4 && word.ends_with("en"));
  }

  // "just"/"simply" before an action someone is told to take ("just restart it"), not in a
  // narration ("we just removed", "did it just change?") nor before "returns" or an adjective.
  bool VerbAfter(size_t after) const {
    if (after >= tokens_.size() || !tokens_[after].is_word) return false;
    static const std::unordered_set<std::string_view> kNarrators = {
        "we",   "i",   "they", "he",   "she", "it",  "did", "does", "do",  "has",
        "have", "had", "was",  "were", "is",  "are", "be",  "been", "not", "but"};
    if (after >= 2 && tokens_[after - 2].is_word &&
        kNarrators.contains(tokens_[after - 2].folded)) {
      return false;
    }
    std::string_view word = tokens_[after].folded;
    // "Simply put, ..." sums up; "Simply put the flag back" tells someone what to do. Words
    // that are both past and present ("put", "set") read as orders when they open a sentence.
    static const std::unordered_set<std::string_view> kPastOrPresent = {
        "put", "set", "hit", "read", "cut", "shut", "let", "run", "reset", "rerun"};
    if (kPastOrPresent.contains(word)) {
      bool opens_sentence = after < 2 || !tokens_[after - 2].is_word;
      bool then_word = after + 1 < tokens_.size() && tokens_[after + 1].is_word;
      return opens_sentence && then_word;
    }
    return !NotActions().contains(word) && !IsNumber(word) && !word.ends_with("ly") &&
           !word.ends_with("ing") && !grammar::IsPastForm(word) &&
           !(word.size() > 3 && word.ends_with("s")) && word.find('-') == std::string_view::npos;
  }

 private:
  static constexpr size_t kSentenceReach = 48;
  enum : int8_t { kUnknown = -1, kNo = 0, kYes = 1 };

  const std::vector<Token>& tokens_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> names_;
  mutable std::vector<int8_t> person_at_;  // Per token: kUnknown until asked.
};

}  // namespace debrief::language::detail
