#include "language/checker.h"

#include <algorithm>
#include <unordered_set>

#include "language/clause.h"
#include "language/common_words.h"
#include "language/directives.h"
#include "language/grammar.h"
#include "language/text.h"

namespace debrief::language {
namespace {

const std::unordered_set<std::string_view>& Pronouns() {
  static const std::unordered_set<std::string_view> kWords = {
      "i",        "we",     "he",       "she",       "they",   "you",     "someone",
      "somebody", "nobody", "everyone", "everybody", "anyone", "anybody", "me",
      "us",       "him",    "her",      "them",      "his",    "their"};
  return kWords;
}

const std::unordered_set<std::string_view>& RoleNouns() {
  static const std::unordered_set<std::string_view> kWords = {
      "engineer",    "engineers",  "operator",      "operators",
      "on-call",     "oncall",     "sre",           "sres",
      "developer",   "developers", "dev",           "devs",
      "admin",       "admins",     "administrator", "administrators",
      "team",        "teams",      "responder",     "responders",
      "commander",   "ic",         "manager",       "managers",
      "staff",       "person",     "people",        "intern",
      "interns",     "lead",       "reviewer",      "reviewers",
      "owner",       "owners",     "colleague",     "colleagues",
      "guy",         "analyst",    "analysts",      "contractor",
      "contractors", "dba",        "dbas",          "ops",
      "support",     "approver",   "approvers",     "author",
      "authors",     "maintainer", "maintainers",   "committer",
      "committers",  "architect",  "architects",    "sysadmin",
      "sysadmins",   "employee",   "employees",     "hire",
      "junior",      "tester",     "testers",       "on-caller",
      "oncaller",    "requester",  "director",      "cto",
      "vp",          "whoever"};
  return kWords;
}

// Words that may stand between a subject and its verb: "we just forgot", "they had failed to".
const std::unordered_set<std::string_view>& Fillers() {
  static const std::unordered_set<std::string_view> kWords = {
      "just", "also", "then", "simply", "probably", "obviously", "clearly", "really", "again",
      "still", "had", "have", "has", "was", "were", "completely", "totally", "apparently",
      "accidentally", "initially", "later", "both", "all", "never", "unfortunately", "themselves",
      "himself", "herself", "ourselves", "myself",
      // "the SRE on shift failed to", "the engineer on duty forgot".
      "on", "shift", "duty"};
  return kWords;
}

// Past participles that do not end in -ed.
const std::unordered_set<std::string_view>& IrregularParticiples() {
  static const std::unordered_set<std::string_view> kWords = {
      "done",    "seen",   "known", "caught", "taken",  "given",   "run",     "written",
      "gone",    "been",   "made",  "put",    "set",    "sent",    "read",    "found",
      "thought", "told",   "left",  "kept",   "built",  "brought", "spotted", "rolled",
      "paged",   "waited", "asked", "got",    "gotten", "hit",     "shut",    "understood",
      "chosen",  "spoken", "woken", "begun",  "undone", "rerun",   "split"};
  return kWords;
}

// Words after "just"/"simply" that mark time, amount or comparison, not an easy action.
const std::unordered_set<std::string_view>& NotActions() {
  static const std::unordered_set<std::string_view> kWords = {
      "before",  "after",   "as",      "now",      "then",     "in",       "about",   "over",
      "under",   "when",    "once",    "around",   "past",     "gone",     "like",    "enough",
      "that",    "the",     "a",       "an",       "one",      "two",      "three",   "four",
      "five",    "few",     "minutes", "seconds",  "hours",    "days",     "under",   "below",
      "above",   "because", "so",      "to",       "for",      "at",       "on",      "by",
      "this",    "these",   "those",   "started",  "finished", "happened", "arrived", "missed",
      "in-time", "barely",  "began",   "released", "been",     "as",       "fine",    "ok",
      "okay",    "right",   "wrong",   "out",      "too",      "slightly", "seconds", "ms",
      "%",       "not",     "how",     "what",     "where",    "why",      "who",     "in",
      "one-off"};
  return kWords;
}

// Simple past forms that do not end in -ed: "we simply forgot" narrates, it does not minimise.
const std::unordered_set<std::string_view>& IrregularPast() {
  static const std::unordered_set<std::string_view> kWords = {
      "forgot", "took", "ran",  "went",  "saw",     "made",      "got",   "did",  "had",
      "was",    "were", "came", "knew",  "thought", "told",      "left",  "kept", "felt",
      "put",    "set",  "sent", "found", "gave",    "began",     "wrote", "read", "said",
      "chose",  "hit",  "lost", "spent", "stood",   "understood"};
  return kWords;
}

// Words ending in -ed that are not past tenses.
bool IsPastTense(std::string_view word) {
  static const std::unordered_set<std::string_view> kNotPast = {
      "need",    "feed", "seed", "speed", "bleed", "breed", "proceed", "exceed",
      "succeed", "heed", "bed",  "red",   "shed",  "embed", "shred"};
  return (word.size() > 3 && word.ends_with("ed") && !kNotPast.contains(word)) ||
         IrregularPast().contains(word);
}

bool IsNumber(std::string_view word) {
  return !word.empty() &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

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
    static const std::unordered_set<std::string_view> kDoubt = {
        "rarely",  "seldom",  "no",  "avoid", "avoided", "avoiding",
        "whether", "unclear", "yet", "still", "hardly"};
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
    return IsPastTense(word) || IrregularParticiples().contains(word) ||
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
           !word.ends_with("ing") && !IsPastTense(word) &&
           !(word.size() > 3 && word.ends_with("s")) && word.find('-') == std::string_view::npos;
  }

 private:
  static constexpr size_t kSentenceReach = 48;
  enum : int8_t { kUnknown = -1, kNo = 0, kYes = 1 };

  const std::vector<Token>& tokens_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> names_;
  mutable std::vector<int8_t> person_at_;  // Per token: kUnknown until asked.
};

// "a b c" -> {"a", "b", "c"}: phrases are stored as folded words separated by one space.
std::vector<std::string_view> SplitPhrase(std::string_view phrase) {
  std::vector<std::string_view> words;
  while (!phrase.empty()) {
    size_t space = phrase.find(' ');
    words.push_back(phrase.substr(0, space));
    if (space == std::string_view::npos) break;
    phrase.remove_prefix(space + 1);
  }
  return words;
}

uint64_t HashWord(std::string_view word) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a: short words, no set-up cost.
  for (char c : word) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

uint32_t Checker::WordId(std::string_view word) const {
  if (word_slots_.empty()) return kNoWord;
  uint64_t hash = HashWord(word);
  size_t mask = word_slots_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const auto& [slot_hash, id_plus_one] = word_slots_[slot];
    if (id_plus_one == 0) return kNoWord;
    if (slot_hash == hash && words_[id_plus_one - 1] == word) return id_plus_one - 1;
  }
}

uint32_t Checker::AddWord(std::string_view word) {
  uint32_t id = WordId(word);
  if (id != kNoWord) return id;
  id = static_cast<uint32_t>(words_.size());
  words_.emplace_back(word);
  // Keep the table at most a quarter full so a miss ends at the first empty slot.
  if (word_slots_.size() < words_.size() * 4) {
    size_t capacity = 64;
    while (capacity < words_.size() * 8) capacity *= 2;
    word_slots_.assign(capacity, {0, 0});
    for (uint32_t existing = 0; existing + 1 < words_.size(); ++existing) {
      uint64_t hash = HashWord(words_[existing]);
      size_t slot = hash & (capacity - 1);
      while (word_slots_[slot].second != 0) slot = (slot + 1) & (capacity - 1);
      word_slots_[slot] = {hash, existing + 1};
    }
  }
  uint64_t hash = HashWord(word);
  size_t mask = word_slots_.size() - 1;
  size_t slot = hash & mask;
  while (word_slots_[slot].second != 0) slot = (slot + 1) & mask;
  word_slots_[slot] = {hash, id + 1};
  return id;
}

void Checker::AddPhrase(const std::string& phrase, uint32_t rule_index, bool allowed) {
  uint32_t node = 0;
  for (std::string_view word : SplitPhrase(phrase)) {
    uint32_t word_id = AddWord(word);
    auto& next = nodes_[node].next;
    auto found = std::find_if(next.begin(), next.end(),
                              [&](const auto& edge) { return edge.first == word_id; });
    if (found != next.end()) {
      node = found->second;
      continue;
    }
    auto child = static_cast<uint32_t>(nodes_.size());
    nodes_[node].next.emplace_back(word_id, child);  // Before emplace_back: it may reallocate.
    nodes_.emplace_back();
    node = child;
  }
  if (node == 0) return;
  if (allowed) {
    nodes_[node].allowed = true;
  } else if (std::find(nodes_[node].rules.begin(), nodes_[node].rules.end(), rule_index) ==
             nodes_[node].rules.end()) {
    nodes_[node].rules.push_back(rule_index);
  }
}

Checker::Checker(RulePack pack) : pack_(std::move(pack)), nodes_(1) {
  for (uint32_t rule_index = 0; rule_index < pack_.rules.size(); ++rule_index) {
    for (const std::string& phrase : pack_.rules[rule_index].phrases) {
      AddPhrase(phrase, rule_index, false);
    }
  }
  for (const std::string& phrase : pack_.allowed_phrases) AddPhrase(phrase, 0, true);
  root_next_.assign(words_.size(), 0);
  for (const auto& [word_id, child] : nodes_[0].next) root_next_[word_id] = child;
}

std::optional<std::string_view> Checker::Replacement(const Finding& finding,
                                                     std::string_view text) {
  if (finding.rule->replacements.empty() || finding.end > text.size()) return std::nullopt;
  std::string phrase;
  for (const Token& token : Tokenize(text.substr(finding.begin, finding.end - finding.begin))) {
    if (!phrase.empty()) phrase += ' ';
    phrase += token.folded;
  }
  auto found = finding.rule->replacements.find(phrase);
  if (found == finding.rule->replacements.end()) return std::nullopt;
  return std::string_view(found->second);
}

std::vector<Finding> Checker::Check(std::string_view text, const CheckOptions& options) const {
  std::string masked;
  if (options.markdown) masked = MaskMarkdown(text);
  TokenizedText tokens = Tokenize(options.markdown ? std::string_view(masked) : text);
  const size_t count = tokens.size();

  // One pass over the text finds every phrase; conditions are checked only on those matches.
  struct Match {
    size_t first;
    size_t last;
    uint32_t node;
  };
  std::vector<Match> matches;
  std::vector<bool> allowed;  // Tokens inside an allowed phrase; sized on the first one.
  std::vector<uint32_t> word_ids(count);
  for (size_t index = 0; index < count; ++index) word_ids[index] = WordId(tokens[index].folded);
  for (size_t first = 0; first < count; ++first) {
    if (word_ids[first] == kNoWord) continue;
    uint32_t node = root_next_[word_ids[first]];
    for (size_t last = first; node != 0;) {
      if (nodes_[node].allowed) {
        if (allowed.empty()) allowed.resize(count, false);
        std::fill(allowed.begin() + static_cast<std::ptrdiff_t>(first),
                  allowed.begin() + static_cast<std::ptrdiff_t>(last + 1), true);
      }
      if (!nodes_[node].rules.empty()) matches.push_back({first, last, node});
      if (++last >= count || word_ids[last] == kNoWord) break;
      const auto& next = nodes_[node].next;
      auto edge = std::find_if(next.begin(), next.end(),
                               [&](const auto& pair) { return pair.first == word_ids[last]; });
      node = edge == next.end() ? 0 : edge->second;
    }
  }
  if (matches.empty()) return {};

  Context context(tokens.tokens(), options);
  std::vector<Finding> findings;
  std::vector<bool> reported_once(pack_.rules.size(), false);  // Rules found once per text.
  for (const Match& match : matches) {
    const size_t first = match.first;
    const size_t last = match.last;
    if (!allowed.empty() && std::any_of(allowed.begin() + static_cast<std::ptrdiff_t>(first),
                                        allowed.begin() + static_cast<std::ptrdiff_t>(last + 1),
                                        [](bool value) { return value; })) {
      continue;
    }
    for (uint32_t rule_index : nodes_[match.node].rules) {
      const Rule& rule = pack_.rules[rule_index];
      if (rule.severity < options.min_severity) continue;
      size_t after = last + 1;
      if (after < count && std::find(rule.unless_next.begin(), rule.unless_next.end(),
                                     tokens[after].folded) != rule.unless_next.end()) {
        continue;
      }
      if (!rule.particles.empty() && !context.ParticleAfter(after, rule.particles)) continue;
      if (!rule.only_next.empty() &&
          (after >= count || std::find(rule.only_next.begin(), rule.only_next.end(),
                                       tokens[after].folded) == rule.only_next.end())) {
        continue;
      }
      bool holds = true;
      for (Condition condition : rule.conditions) {
        switch (condition) {
          case Condition::kPersonBefore:
            holds = holds && context.PersonBefore(first);
            break;
          case Condition::kPersonAfter:
            holds = holds && context.PersonAfter(after);
            break;
          case Condition::kParticipleAfter:
            holds = holds && context.ParticipleAfter(after);
            break;
          case Condition::kNotHeading:
            holds = holds && !tokens[first].in_heading;
            break;
          case Condition::kVerbAfter:
            holds = holds && context.VerbAfter(after);
            break;
          case Condition::kInvertedConditional:
            holds = holds && context.InvertedConditional(first, after);
            break;
          case Condition::kPersonAgent:
            holds = holds && context.ClauseOf(first, after).agent == Agent::kPerson;
            break;
          case Condition::kNegatedPerson: {
            if (!holds) break;
            VerbClause clause = context.ClauseOf(first, after);
            holds = clause.negated && clause.subject_is_person;
            break;
          }
          case Condition::kNegatedOtherPerson: {
            if (!holds) break;
            VerbClause clause = context.ClauseOf(first, after);
            holds = clause.negated && clause.past && clause.subject_is_person &&
                    !tokens[first].folded.ends_with("ing") && context.SubjectIsAnother(clause) &&
                    !context.Asked(first, after);
            break;
          }
          case Condition::kAgentlessPassive: {
            if (!holds) break;
            VerbClause clause = context.ClauseOf(first, after);
            holds = clause.passive && clause.agent == Agent::kUnnamed && !clause.subject_is_person;
            break;
          }
          case Condition::kPersonInClause:
            holds = holds && context.PersonInSentence(first, after);
            break;
          case Condition::kImpactStated:
            holds = holds && context.ImpactStated(first, after);
            break;
          case Condition::kPastConditional:
            holds = holds && context.PastConditional(first, after);
            break;
          case Condition::kActionAsSubject:
            holds = holds && context.ActionAsSubject(first);
            break;
          case Condition::kAnotherPersonAgent: {
            if (!holds) break;
            VerbClause clause = context.ClauseOf(first, after);
            holds = clause.agent == Agent::kPerson && context.SubjectIsAnother(clause) &&
                    clause.subject_first < clause.subject_end &&
                    !context.FirstPerson(clause.subject_first, clause.subject_end);
            break;
          }
          case Condition::kNotOwn: {
            if (!holds) break;
            auto [begin, end] = context.SentenceAround(first, after);
            holds = !context.FirstPerson(begin, end);
            break;
          }
          case Condition::kPast:
            holds = holds && context.ClauseOf(first, after).past;
            break;
          case Condition::kPersonBeforeOrOpens:
            holds = holds && (context.PersonBefore(first) || context.OpensSentence(first));
            break;
          case Condition::kNotAsked:
            holds = holds && !context.Asked(first, after);
            break;
          case Condition::kNotChat:
            holds = holds && !context.ChatLine(first, after);
            break;
          case Condition::kPersonOrWork:
            holds = holds && context.PersonOrWorkInSentence(first, after);
            break;
          case Condition::kAssertedCause:
            holds = holds && context.AssertedCause(first, after);
            break;
          case Condition::kNotNegated:
            holds = holds && !context.SentenceNegatedOrAsked(first, after);
            break;
          case Condition::kNegated:
            holds = holds && context.ClauseOf(first, after).negated;
            break;
          case Condition::kNotIntended:
            holds = holds && !context.IntentStated(first, after);
            break;
        }
      }
      if (!holds || context.Mentioned(first, after)) continue;
      if (rule.once_per_text) {
        if (reported_once[rule_index]) continue;
        reported_once[rule_index] = true;
      }
      // One finding per rule and starting word: the longest phrase ("forgot to" over "forgot").
      // Matches come in text order, so findings at the same word are the last few.
      auto same = findings.rbegin();
      while (same != findings.rend() && same->begin == tokens[first].begin && same->rule != &rule) {
        ++same;
      }
      if (same != findings.rend() && same->begin == tokens[first].begin) {
        same->end = tokens[last].end;
        continue;
      }
      findings.push_back({&rule, tokens[first].begin, tokens[last].end, tokens[first].in_quote});
    }
  }
  // A longer phrase of another rule at the same word is the more specific reading: "should have
  // known better" is a judgement, not also a counterfactual.
  // Findings come in order of their first word, so those sharing it are neighbours.
  size_t kept = 0;
  for (size_t group = 0; group < findings.size();) {
    size_t group_end = group;
    size_t longest = 0;
    while (group_end < findings.size() && findings[group_end].begin == findings[group].begin) {
      longest = std::max(longest, findings[group_end++].end);
    }
    for (size_t index = group; index < group_end; ++index) {
      if (findings[index].end == longest) findings[kept++] = findings[index];
    }
    group = group_end;
  }
  findings.resize(kept);
  if (options.markdown) ApplyDirectives(FindDirectives(text), text, findings);
  return findings;
}

}  // namespace debrief::language
