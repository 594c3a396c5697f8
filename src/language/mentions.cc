#include "language/mentions.h"

#include <algorithm>
#include <map>
#include <set>

#include "language/text.h"

namespace debrief::language {
namespace {

// The forms by which a person may be mentioned, folded: the whole name, the email and its local
// part, and each word of the name that nobody else's name holds.
struct Form {
  std::vector<std::string> words;  // Folded words, to match word by word after the '@'.
  int64_t id = 0;
};

std::vector<std::string> FoldedWords(std::string_view text) {
  std::vector<std::string> words;
  for (const Token& token : Tokenize(text)) {
    if (token.is_word) words.emplace_back(token.folded);
  }
  return words;
}

}  // namespace

std::vector<int64_t> MentionedPeople(std::string_view text,
                                     const std::vector<MentionCandidate>& people) {
  std::vector<int64_t> mentioned;
  if (text.find('@') == std::string_view::npos) return mentioned;
  std::vector<Form> forms;
  // Single words (parts of names, the local parts of addresses) by the people they could mean.
  std::map<std::string, std::set<int64_t>> word_owners;
  for (const MentionCandidate& person : people) {
    for (const std::string& word : FoldedWords(person.name)) word_owners[word].insert(person.id);
    std::vector<std::string> local = FoldedWords(person.email.substr(0, person.email.find('@')));
    if (local.size() == 1) word_owners[local[0]].insert(person.id);
  }
  for (const MentionCandidate& person : people) {
    std::vector<std::string> words = FoldedWords(person.name);
    if (!words.empty()) forms.push_back({words, person.id});
    if (!person.email.empty()) {
      forms.push_back({FoldedWords(person.email), person.id});
      std::vector<std::string> local = FoldedWords(person.email.substr(0, person.email.find('@')));
      if (local.size() > 1) forms.push_back({std::move(local), person.id});
    }
    // A single word stands for a person only when it can mean nobody else.
    for (const auto& [word, owners] : word_owners) {
      if (owners.size() == 1 && *owners.begin() == person.id && word.size() > 1) {
        forms.push_back({{word}, person.id});
      }
    }
  }
  // Longest forms first: "@Sam Okafor" must not stop at "Sam".
  std::stable_sort(forms.begin(), forms.end(),
                   [](const Form& a, const Form& b) { return a.words.size() > b.words.size(); });
  TokenizedText tokens = Tokenize(text);
  for (size_t index = 0; index < tokens.size(); ++index) {
    const Token& at = tokens[index];
    if (at.is_word || text.substr(at.begin, at.end - at.begin) != "@") continue;
    // "@" must start the mention (not inside an address, "ops@example.com") and be followed
    // by it at once ("@ raman" mentions nobody).
    if (at.begin > 0 && index > 0 && tokens[index - 1].end == at.begin &&
        tokens[index - 1].is_word) {
      continue;
    }
    if (index + 1 >= tokens.size() || tokens[index + 1].begin != at.end) continue;
    for (const Form& form : forms) {
      size_t word = index + 1;
      bool matches = true;
      for (const std::string& part : form.words) {
        while (word < tokens.size() && !tokens[word].is_word &&
               tokens[word].begin == tokens[word - 1].end) {
          ++word;  // Punctuation inside a form, as in "priya.raman@example.com".
        }
        if (word >= tokens.size() || !tokens[word].is_word || tokens[word].folded != part) {
          matches = false;
          break;
        }
        ++word;
      }
      if (!matches) continue;
      if (std::find(mentioned.begin(), mentioned.end(), form.id) == mentioned.end()) {
        mentioned.push_back(form.id);
      }
      break;
    }
  }
  return mentioned;
}

}  // namespace debrief::language
