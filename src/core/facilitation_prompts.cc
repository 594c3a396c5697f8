#include "core/facilitation_prompts.h"

#include "core/utf8.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace debrief::core {
namespace {

struct Word {
  std::string folded;
  size_t begin = 0;
  size_t end = 0;
};

// Words of letters and apostrophes, folded to lower case, with where they are in the text.
std::vector<Word> WordsOf(std::string_view text) {
  std::vector<Word> words;
  size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && !std::isalpha(static_cast<unsigned char>(text[at]))) ++at;
    size_t begin = at;
    std::string folded;
    while (at < text.size() &&
           (std::isalpha(static_cast<unsigned char>(text[at])) || text[at] == '\'')) {
      folded += static_cast<char>(std::tolower(static_cast<unsigned char>(text[at])));
      ++at;
    }
    if (!folded.empty()) words.push_back({std::move(folded), begin, at});
  }
  return words;
}

bool OneOf(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// The text from the first to the last of `count` words starting at `first`.
std::string Span(std::string_view text, const std::vector<Word>& words, size_t first,
                 size_t count) {
  size_t last = std::min(words.size() - 1, first + count - 1);
  return std::string(text.substr(words[first].begin, words[last].end - words[first].begin));
}

std::string Quote(std::string_view text) {
  std::string quoted(Utf8Prefix(text, 120));
  if (text.size() > 120) quoted += "\u2026";
  return "\u201c" + quoted + "\u201d";
}

}  // namespace

std::string_view PromptKindName(PromptKind kind) {
  switch (kind) {
    case PromptKind::kObvious:
      return "obvious";
    case PromptKind::kKnew:
      return "knew";
    case PromptKind::kDecision:
      return "decision";
    case PromptKind::kObservation:
      return "observation";
  }
  return "observation";
}

std::string KnowledgeClaim(std::string_view text) {
  std::vector<Word> words = WordsOf(text);
  for (size_t index = 0; index < words.size(); ++index) {
    if (!OneOf(words[index].folded, {"i", "we"})) continue;
    // "I knew", "I just knew", "we were sure", "I was certain", "I could tell", "I realised".
    for (size_t next = index + 1; next < words.size() && next <= index + 3; ++next) {
      const std::string& word = words[next].folded;
      if (OneOf(word, {"not", "never", "didn't", "wasn't", "weren't", "couldn't"})) break;
      if (OneOf(word, {"knew", "know", "sure", "certain", "convinced", "realised", "realized",
                       "recognised", "recognized"}) ||
          (word == "tell" && words[next - 1].folded == "could")) {
        return Span(text, words, index, next - index + 1);
      }
      if (!OneOf(word, {"just", "already", "immediately", "was", "were", "could", "totally",
                        "absolutely", "pretty", "fairly", "quite", "instantly"})) {
        break;
      }
    }
  }
  return {};
}

std::string ChoiceWords(std::string_view text) {
  std::vector<Word> words = WordsOf(text);
  for (size_t index = 0; index < words.size(); ++index) {
    const std::string& word = words[index].folded;
    if (OneOf(word, {"decided", "decide", "chose", "choose", "opted", "elected"})) {
      return Span(text, words, index, 1);
    }
    auto word_at = [&](size_t at) {
      return at < words.size() ? std::string_view(words[at].folded) : std::string_view();
    };
    std::string_view next = word_at(index + 1);
    std::string_view after = word_at(index + 2);
    if (OneOf(word, {"went", "go", "going"}) && next == "with") return Span(text, words, index, 2);
    if (OneOf(word, {"made", "make"}) && next == "the" && after == "call") {
      return Span(text, words, index, 3);
    }
    if (word == "agreed" && OneOf(next, {"to", "on"})) return Span(text, words, index, 2);
  }
  return {};
}

std::optional<FacilitationPrompt> PromptForEntry(const AccountEntry& entry, std::string_view author,
                                                 const std::optional<ObviousWords>& obvious) {
  std::string who = author.empty() ? std::string("they") : std::string(author);
  if (obvious) {
    return FacilitationPrompt{PromptKind::kObvious, obvious->field, obvious->quote,
                              who + " wrote " + Quote(obvious->quote) +
                                  ". Was this obvious to everyone at the time, or only looking "
                                  "back? What made it visible?"};
  }
  const std::array<std::pair<std::string_view, const std::string*>, 4> fields{
      {{"did", &entry.did},
       {"saw", &entry.saw},
       {"expected", &entry.expected},
       {"assumed", &entry.assumed}}};
  for (const auto& [field, text] : fields) {
    std::string claim = KnowledgeClaim(*text);
    if (!claim.empty()) {
      return FacilitationPrompt{PromptKind::kKnew, std::string(field), claim,
                                who + " wrote " + Quote(claim) +
                                    ". How did you know? What told you, and could others see it?"};
    }
  }
  std::string choice = ChoiceWords(entry.did);
  if (!choice.empty()) {
    return FacilitationPrompt{PromptKind::kDecision, "did", entry.did,
                              who + " wrote " + Quote(entry.did) +
                                  ". What other options were there then, and what pressures "
                                  "shaped the choice?"};
  }
  if (!entry.saw.empty()) {
    return FacilitationPrompt{PromptKind::kObservation, "saw", entry.saw,
                              who + " saw " + Quote(entry.saw) +
                                  ". What cues made it look off, and what did it look like "
                                  "compared with a normal day?"};
  }
  return std::nullopt;
}

std::optional<FacilitationPrompt> PromptForDecision(const DecisionPoint& decision) {
  bool options = decision.options.size() >= 2;
  bool pressures = !decision.pressures.empty();
  if (options && pressures) return std::nullopt;
  std::string who = decision.who.empty() ? std::string("whoever decided") : decision.who;
  std::string situation = decision.situation.empty() ? decision.choice : decision.situation;
  std::string asked = !options && !pressures ? "What other options were there, and what pressures?"
                      : !options             ? "What other options were there?"
                                             : "What pressures were on " + who + " then?";
  return FacilitationPrompt{PromptKind::kDecision, !options ? "options" : "pressures", situation,
                            "At this decision (" + Quote(situation) + ", " + who + "): " + asked};
}

}  // namespace debrief::core
