#include "ingest/action_owner.h"

#include <array>
#include <cctype>

#include "ingest/plain_text.h"

namespace debrief::ingest {
namespace {

constexpr std::array<std::string_view, 5> kOwnerWords = {"owners", "owner", "assignees", "assignee",
                                                         "assigned to"};

bool IsHandleCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

// "@alice" (a handle and nothing else).
bool IsHandle(std::string_view text) {
  if (text.size() < 2 || text.front() != '@') return false;
  for (char c : text.substr(1)) {
    if (!IsHandleCharacter(c)) return false;
  }
  return true;
}

// "owner: X", "assignee: X", "assigned to X" -> X; empty when `text` does not start so. A colon
// is needed after "owner" ("(owner approval needed)" is words).
std::string_view AfterOwnerWord(std::string_view text) {
  std::string lower = AsciiLower(text.substr(0, 12));
  for (std::string_view word : kOwnerWords) {
    if (!std::string_view(lower).starts_with(word)) continue;
    std::string_view rest = text.substr(word.size());
    bool introduced = word == "assigned to" ? rest.starts_with(' ') : rest.starts_with(':');
    if (!introduced) continue;
    return TrimSpace(rest.substr(1));
  }
  return {};
}

OwnedItem Owned(std::string_view title, std::string_view owner) {
  title = TrimSpace(title);
  // The separator left behind: "Add alerting —", "Add alerting -", "Add alerting,".
  for (std::string_view dash : {"\u2014", "\u2013", "-", ",", ";", ":"}) {
    if (title.ends_with(dash)) {
      title = TrimSpace(title.substr(0, title.size() - dash.size()));
      break;
    }
  }
  return {std::string(title), std::string(TrimSpace(owner))};
}

}  // namespace

OwnedItem SplitOwner(std::string_view item) {
  std::string_view text = TrimSpace(item);
  // A closing bracket at the end: "(owner: @alice)", "[assignee: Bob Li]", "(@alice)".
  if (!text.empty() && (text.back() == ')' || text.back() == ']')) {
    char open = text.back() == ')' ? '(' : '[';
    size_t start = text.rfind(open);
    if (start != std::string_view::npos && start > 0) {
      std::string_view inside = TrimSpace(text.substr(start + 1, text.size() - start - 2));
      std::string_view owner = AfterOwnerWord(inside);
      if (owner.empty() && IsHandle(inside)) owner = inside;
      if (!owner.empty()) return Owned(text.substr(0, start), owner);
    }
  }
  // After a separator or the end of a sentence: "Add alerting - owner: bob", "Add alerting —
  // @alice", "Add alerting. Owner: @alice".
  for (std::string_view separator : {" \u2014 ", " \u2013 ", " - ", "; ", ", ", ". "}) {
    size_t at = text.rfind(separator);
    if (at == std::string_view::npos || at == 0) continue;
    std::string_view rest = TrimSpace(text.substr(at + separator.size()));
    std::string_view owner = AfterOwnerWord(rest);
    if (owner.empty() && IsHandle(rest)) owner = rest;
    if (!owner.empty()) {
      // A sentence keeps its full stop; a dash or comma before an owner goes.
      return Owned(text.substr(0, separator == ". " ? at + 1 : at), owner);
    }
  }
  // A handle as the last word: "Add alerting on lag @alice".
  size_t space = text.rfind(' ');
  if (space != std::string_view::npos && IsHandle(text.substr(space + 1))) {
    return Owned(text.substr(0, space), text.substr(space + 1));
  }
  return {std::string(text), ""};
}

}  // namespace debrief::ingest
