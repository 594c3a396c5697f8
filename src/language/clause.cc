#include "language/clause.h"

#include <cctype>
#include <string_view>
#include <unordered_set>

#include "language/grammar.h"

namespace debrief::language {
namespace {

using grammar::IsAdverb;
using grammar::IsBeForm;
using grammar::IsCoordinator;
using grammar::IsDoForm;
using grammar::IsHaveForm;
using grammar::IsModal;
using grammar::IsNegation;
using grammar::IsPreposition;
using grammar::IsRelativePronoun;
using grammar::IsSubordinator;

// Verbs that take an infinitive and leave the doer as it is: in "chose to ignore" and "didn't
// bother to read", the subject of "chose" and "bother" ignored and did not read.
bool TakesInfinitive(std::string_view word) {
  static const std::unordered_set<std::string_view> kWords = {
      "chose",     "choose",  "decided",   "decide",   "tried",     "try",     "wanted",
      "want",      "managed", "manage",    "failed",   "fail",      "forgot",  "forget",
      "bothered",  "bother",  "neglected", "neglect",  "attempted", "attempt", "went",
      "proceeded", "proceed", "continued", "continue", "started",   "start",   "began",
      "begin",     "opted",   "opt",       "elected",  "elect",     "refused", "refuse",
      "agreed",    "agree",   "planned",   "plan",     "meant",     "mean",    "needed",
      "need",      "had",     "have",      "has",      "used",      "omitted", "omit",
      "seemed",    "seem",    "happened",  "happen",   "got",       "get"};
  return kWords.contains(word);
}

// Auxiliaries that put the verb group in the past.
bool IsPastAuxiliary(std::string_view word) {
  static const std::unordered_set<std::string_view> kWords = {
      "did",    "didn't", "didnt", "had",     "hadn't", "hadnt", "was",
      "wasn't", "wasnt",  "were",  "weren't", "werent", "never", "couldn't"};
  return kWords.contains(word);
}

// How far a reading goes from the verb, in tokens: a clause is rarely longer, and text without
// punctuation (a pasted log) must not be read whole for every verb in it.
constexpr size_t kReach = 32;

// Ends a clause reading leftwards or rightwards: punctuation other than the possessive and the
// marks inside words and times ("02:10", "on-call", "a/b").
bool IsBoundary(const std::vector<Token>& tokens, size_t index) {
  const Token& token = tokens[index];
  if (token.is_word) return false;
  std::string_view mark = token.folded;
  if (mark == "-" || mark == "/" || mark == "&" || mark == "'" || mark == "’") return false;
  bool between_digits = index > 0 && index + 1 < tokens.size() &&
                        tokens[index - 1].end == token.begin &&
                        tokens[index + 1].begin == token.end && !tokens[index - 1].folded.empty() &&
                        !tokens[index + 1].folded.empty() &&
                        std::isdigit(static_cast<unsigned char>(tokens[index - 1].folded.back())) &&
                        std::isdigit(static_cast<unsigned char>(tokens[index + 1].folded.front()));
  return !((mark == ":" || mark == "." || mark == ",") && between_digits);
}

bool IsVerbLike(std::string_view word) {
  return IsBeForm(word) || IsHaveForm(word) || IsModal(word) || IsDoForm(word) || IsNegation(word);
}

// The noun phrase ending before `end`, read leftwards: [first, end). A prepositional phrase
// inside it ("the restart of every node") is part of it; a verb, a conjunction, a subordinator,
// a relative pronoun or punctuation ends it.
size_t NounPhraseBefore(const std::vector<Token>& tokens, size_t end) {
  size_t first = end;
  while (first > 0 && end - first < kReach) {
    const Token& token = tokens[first - 1];
    if (IsBoundary(tokens, first - 1) || (first < tokens.size() && tokens[first].starts_block)) {
      break;
    }
    std::string_view word = token.folded;
    if (word == "'s" || word == "'" || word == "’" || !token.is_word) {
      --first;
      continue;
    }
    if (IsSubordinator(word) && word != "as") break;
    if (IsCoordinator(word) || IsVerbLike(word)) break;
    if (IsRelativePronoun(word) && word != "whose") break;
    // A preposition inside the phrase: only once a head noun is in hand ("restart of …").
    if (IsPreposition(word)) {
      if (first == end || first - 1 == 0) break;
      const Token& before = tokens[first - 2];
      if (!before.is_word || IsVerbLike(before.folded) || grammar::IsPastForm(before.folded) ||
          IsPreposition(before.folded)) {
        break;
      }
      --first;
      continue;
    }
    // A past tense before the phrase is the previous clause's verb ("… bumped the library he
    // took"); a participle inside it ("the automated deploy") reads the same and is no person.
    if (grammar::IsPastForm(word) && first != end) break;
    --first;
  }
  return first;
}

bool AnyPerson(size_t first, size_t end, const PersonTest& is_person) {
  for (size_t index = first; index < end; ++index) {
    if (is_person(index)) return true;
  }
  return false;
}

// The start of the clause that holds `index`: after the last sentence mark, semicolon, colon or
// subordinator before it.
size_t ClauseStart(const std::vector<Token>& tokens, size_t index) {
  size_t from = index;
  while (index > 0 && from - index < kReach) {
    const Token& token = tokens[index - 1];
    if (index < tokens.size() && tokens[index].starts_block) break;
    if (IsBoundary(tokens, index - 1) &&
        (token.folded == "." || token.folded == ";" || token.folded == ":" || token.folded == "!" ||
         token.folded == "?" || token.folded == "(" || token.folded == ")")) {
      break;
    }
    if (token.is_word && IsSubordinator(token.folded) && token.folded != "as" &&
        token.folded != "so") {
      break;
    }
    --index;
  }
  return index;
}

// The subject at the start of a clause, read rightwards up to its first verb-like word.
std::pair<size_t, size_t> LeadingSubject(const std::vector<Token>& tokens, size_t start,
                                         size_t limit) {
  size_t end = start;
  while (end < limit && tokens[end].is_word) {
    std::string_view word = tokens[end].folded;
    if (IsVerbLike(word) || (grammar::IsPastForm(word) && end > start) || IsAdverb(word)) break;
    ++end;
  }
  return {start, end};
}

}  // namespace

VerbClause ReadVerbClause(const std::vector<Token>& tokens, size_t verb, size_t verb_end,
                          const PersonTest& is_person) {
  VerbClause clause;
  clause.group_first = verb;
  // The verb group, leftwards.
  bool be_before_verb = false;
  bool have_before_verb = false;
  bool only_adverbs_since_verb = true;
  size_t index = verb;
  while (index > 0 && verb - index < kReach) {
    const Token& token = tokens[index - 1];
    if (!token.is_word) break;
    std::string_view word = token.folded;
    if (IsPastAuxiliary(word)) clause.past = true;
    if (IsNegation(word)) {
      clause.negated = true;
      // A contracted negation is also its auxiliary ("wasn't followed" is a passive,
      // "shouldn't have" a modal perfect): read on as that auxiliary.
      std::string_view auxiliary = grammar::AuxiliaryOfNegation(word);
      if (auxiliary.empty()) {
        // "was not followed": the negation stands between the auxiliary and the verb.
        --index;
        clause.group_first = index;
        continue;
      }
      word = auxiliary;
    }
    if (IsModal(word)) {
      clause.modal = true;
    } else if (IsBeForm(word) || word == "got" || word == "get" || word == "gets") {
      if (only_adverbs_since_verb && !have_before_verb) be_before_verb = true;
    } else if (IsHaveForm(word)) {
      have_before_verb = true;
    } else if (IsDoForm(word)) {
    } else if (IsAdverb(word)) {
      index -= 1;
      continue;
    } else if (word == "to" && index >= 2 && verb - index < kReach && tokens[index - 2].is_word &&
               TakesInfinitive(tokens[index - 2].folded)) {
      // "chose to ignore": the group goes on with "chose".
      index -= 2;
      clause.group_first = index;
      only_adverbs_since_verb = false;
      continue;
    } else {
      break;
    }
    only_adverbs_since_verb = false;
    --index;
    clause.group_first = index;
  }
  // After an article or a possessive, the word is a noun ("their blocks", "the drop"): no verb,
  // no clause.
  static const std::unordered_set<std::string_view> kArticles = {
      "the", "a",    "an",   "their", "our",   "his",   "her", "its",
      "my",  "your", "this", "these", "those", "every", "each"};
  if (verb > 0 && tokens[verb - 1].is_word && kArticles.contains(tokens[verb - 1].folded)) {
    return clause;
  }
  std::string_view verb_word = tokens[verb].folded;
  if (clause.group_first == verb && grammar::IsPastForm(verb_word)) clause.past = true;
  clause.passive = be_before_verb && grammar::IsParticiple(verb_word);
  clause.perfect = have_before_verb && grammar::IsParticiple(verb_word);

  // The subject, leftwards from the group.
  size_t subject_end = clause.group_first;
  size_t subject_first = NounPhraseBefore(tokens, subject_end);
  bool relative = false;
  if (subject_first == subject_end && subject_end > 0 && tokens[subject_end - 1].is_word) {
    std::string_view joint = tokens[subject_end - 1].folded;
    if (joint == "who") {
      clause.agent = clause.passive ? Agent::kUnknown : Agent::kPerson;
      clause.subject_is_person = true;
      subject_first = subject_end - 1;
    } else if (joint == "that" || joint == "which") {
      // A relative clause: its antecedent acts.
      relative = true;
      subject_end = subject_end - 1;
      subject_first = NounPhraseBefore(tokens, subject_end);
    } else if (IsCoordinator(joint)) {
      // "merged the patch and then failed to watch": the clause's first subject acts.
      size_t start = ClauseStart(tokens, subject_end - 1);
      std::tie(subject_first, subject_end) = LeadingSubject(tokens, start, subject_end - 1);
    }
  }
  // "The DBA, who had been warned twice, omitted to …": the subject stands before the aside.
  if (subject_first == subject_end && subject_end > 0 && tokens[subject_end - 1].folded == ",") {
    size_t comma = subject_end - 1;
    while (comma > 0 && subject_end - comma < 30) {
      --comma;
      const Token& token = tokens[comma];
      if (!token.is_word && (token.folded == "." || token.folded == ";" || token.folded == "!" ||
                             token.folded == "?")) {
        break;
      }
      if (token.folded == ",") {
        size_t before = NounPhraseBefore(tokens, comma);
        if (before < comma) {
          subject_first = before;
          subject_end = comma;
        }
        break;
      }
    }
  }
  // "… shipped a build that crashed the client": when the antecedent of "that" is a thing, the
  // person who made or sent it is the agent.
  if (relative && subject_first < subject_end &&
      !AnyPerson(subject_first, subject_end, is_person) && subject_first > 0 &&
      tokens[subject_first - 1].is_word && grammar::IsPastForm(tokens[subject_first - 1].folded)) {
    size_t maker_end = subject_first - 1;
    size_t maker_first = NounPhraseBefore(tokens, maker_end);
    if (maker_first < maker_end && AnyPerson(maker_first, maker_end, is_person)) {
      subject_first = maker_first;
      subject_end = maker_end;
    }
  }
  clause.subject_first = subject_first;
  clause.subject_end = subject_end;
  if (subject_first < subject_end) {
    clause.subject_is_person =
        clause.subject_is_person || AnyPerson(subject_first, subject_end, is_person);
    for (size_t word = subject_first; word < subject_end; ++word) {
      std::string_view folded = tokens[word].folded;
      bool no_one = folded == "no" && word + 1 < subject_end && tokens[word + 1].folded == "one";
      if (grammar::IsNegativePronoun(folded) || no_one) {
        clause.negated = true;
        clause.subject_is_person = true;
      }
    }
  }

  if (clause.passive) {
    // The agent of a passive is its "by" phrase, if any, before the clause ends.
    clause.agent = Agent::kUnnamed;
    for (size_t after = verb_end; after < tokens.size() && after < verb_end + 12; ++after) {
      const Token& token = tokens[after];
      if (IsBoundary(tokens, after) ||
          (token.is_word && (IsSubordinator(token.folded) || IsCoordinator(token.folded)))) {
        break;
      }
      if (token.folded == "by") {
        size_t end = after + 1;
        while (end < tokens.size() && end < after + 6 && tokens[end].is_word &&
               !IsVerbLike(tokens[end].folded) && !IsPreposition(tokens[end].folded)) {
          ++end;
        }
        clause.agent = AnyPerson(after + 1, end, is_person) ? Agent::kPerson : Agent::kNotAPerson;
        break;
      }
    }
  } else if (clause.agent == Agent::kUnknown && subject_first < subject_end) {
    clause.agent = clause.subject_is_person ? Agent::kPerson : Agent::kNotAPerson;
  }
  return clause;
}

}  // namespace debrief::language
