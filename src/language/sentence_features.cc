#include "language/sentence_features.h"

#include <algorithm>

#include "language/clause.h"
#include "language/grammar.h"

namespace debrief::language {
namespace {

constexpr std::string_view kName = "xname";
constexpr std::string_view kQuote = "xquote";
constexpr std::string_view kNumber = "0";
constexpr std::string_view kPersonAgent = "xagentperson";
constexpr std::string_view kNegatedPerson = "xnegatedperson";
constexpr std::string_view kPassiveUnnamed = "xpassiveunnamed";
constexpr std::string_view kModalPerfect = "xmodalperfect";

// A full stop ends a sentence when a space or the end follows it and it closes no initial or
// abbreviation ("v1.8.4", "e.g.", "J. Smith").
bool EndsSentence(const std::vector<Token>& tokens, size_t index) {
  const Token& token = tokens[index];
  if (token.is_word) return false;
  if (token.folded == "!" || token.folded == "?" || token.folded == ";") return true;
  if (token.folded != ".") return false;
  if (index + 1 < tokens.size() && tokens[index + 1].begin == token.end) return false;
  return index == 0 || !tokens[index - 1].is_word || tokens[index - 1].folded.size() > 1;
}

// A word that makes a clause of the words around it: an auxiliary, a modal or a past form.
bool FiniteVerb(std::string_view word) {
  return grammar::IsBeForm(word) || grammar::IsHaveForm(word) || grammar::IsDoForm(word) ||
         grammar::IsModal(word) || grammar::IsPastForm(word) || grammar::IsNegation(word) ||
         word == "'s" || word == "'re" || word == "'m";
}

bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Marks that change how a sentence reads ("?" asks, ":" labels); the rest is layout.
bool KeptMark(std::string_view mark) {
  return mark == "?" || mark == "!" || mark == "," || mark == ":" || mark == "(" || mark == ")";
}

void Append(std::string& line, std::string_view feature) {
  if (!line.empty()) line += ' ';
  line += feature;
}

// A present-tense verb, known by the person before it: "engineers need …", "Raj rushes …".
bool AfterASubject(const std::vector<Token>& tokens, size_t first, size_t index,
                   const detail::Context& context) {
  if (index == first || !tokens[index - 1].is_word) return false;
  std::string_view subject = tokens[index - 1].folded;
  std::string_view word = tokens[index].folded;
  bool person = grammar::IsPersonalPronoun(subject) || detail::RoleNouns().contains(subject) ||
                context.IsListedName(tokens[index - 1]);
  return person && !grammar::IsPreposition(word) && !grammar::IsCoordinator(word) &&
         !grammar::IsDeterminer(word) && !grammar::IsRelativePronoun(word) && word != "'s";
}

SentenceFeatures Read(const std::vector<Token>& tokens, size_t first, size_t end,
                      const detail::Context& context) {
  SentenceFeatures sentence;
  sentence.first = first;
  sentence.end = end;
  bool clause = false;
  bool table_row = false;
  for (size_t index = first; index < end; ++index) {
    const Token& token = tokens[index];
    if (!token.is_word) {
      table_row = table_row || token.folded == "|";
      continue;
    }
    ++sentence.words;
    clause = clause || FiniteVerb(token.folded) || AfterASubject(tokens, first, index, context);
  }
  sentence.prose = sentence.words >= 5 && clause && !table_row;
  std::string& line = sentence.line;
  std::string_view previous;
  bool words = false;
  for (size_t index = first; index < end; ++index) {
    const Token& token = tokens[index];
    std::string_view feature;
    if (!token.is_word) {
      if (!KeptMark(token.folded)) continue;
      feature = token.folded;
    } else if (token.in_inline_quote) {
      feature = kQuote;
    } else if (HasDigit(token.folded)) {
      feature = kNumber;
    } else if (context.IsListedName(token) || (token.capitalised && context.IsPersonAt(index) &&
                                               !detail::Pronouns().contains(token.folded) &&
                                               !detail::RoleNouns().contains(token.folded))) {
      feature = kName;
    } else {
      feature = token.folded;
    }
    // One placeholder stands for a run: "Mei-Ling Chou", a quoted phrase, "10:42".
    bool placeholder = feature == kQuote || feature == kNumber || feature == kName;
    if (placeholder && feature == previous) continue;
    words = words || token.is_word;
    Append(line, feature);
    previous = feature;
  }
  if (!words) {
    line.clear();
    return sentence;
  }
  // Who does what, from the clause reader: "Kofi deleted" and "the cron job deleted" share
  // their words but not their agent.
  for (size_t index = first; index < end; ++index) {
    const Token& token = tokens[index];
    if (!token.is_word || token.in_inline_quote) continue;
    // A verb: a past form, or the word after "did not", "never", "should", "didn't" …
    bool after_auxiliary =
        index > first && tokens[index - 1].is_word &&
        (grammar::IsNegation(tokens[index - 1].folded) ||
         grammar::IsDoForm(tokens[index - 1].folded) || grammar::IsModal(tokens[index - 1].folded));
    if (!grammar::IsPastForm(token.folded) && !after_auxiliary) continue;
    VerbClause clause =
        ReadVerbClause(tokens, index, index + 1, [&](size_t at) { return context.IsPersonAt(at); });
    if (clause.agent == Agent::kPerson) Append(line, kPersonAgent);
    if (clause.negated && clause.subject_is_person) Append(line, kNegatedPerson);
    if (clause.passive && clause.agent == Agent::kUnnamed) {
      Append(line, kPassiveUnnamed);
      sentence.agentless_passive = true;
    }
    if (clause.modal && clause.perfect) Append(line, kModalPerfect);
  }
  return sentence;
}

}  // namespace

bool IsPlaceholder(std::string_view feature) {
  return feature == kName || feature == kQuote || feature == kNumber || feature == kPersonAgent ||
         feature == kNegatedPerson || feature == kPassiveUnnamed || feature == kModalPerfect;
}

std::vector<SentenceFeatures> ReadSentenceFeatures(const std::vector<Token>& tokens,
                                                   const detail::Context& context) {
  std::vector<SentenceFeatures> sentences;
  size_t first = 0;
  auto close = [&](size_t end) {
    if (end > first) sentences.push_back(Read(tokens, first, end, context));
    first = end;
  };
  for (size_t index = 0; index < tokens.size(); ++index) {
    if (index > first && (tokens[index].starts_block || index - first >= kMaxSentenceTokens)) {
      close(index);
    }
    if (EndsSentence(tokens, index)) close(index + 1);
  }
  close(tokens.size());
  std::erase_if(sentences, [](const SentenceFeatures& sentence) { return sentence.line.empty(); });
  return sentences;
}

}  // namespace debrief::language
