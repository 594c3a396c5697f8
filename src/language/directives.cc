#include "language/directives.h"

#include <algorithm>
#include <set>

namespace debrief::language {
namespace {

constexpr std::string_view kWhitespace = " \t\r\n";

std::string_view Trim(std::string_view text) {
  size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

std::vector<std::string> RuleIds(std::string_view list) {
  std::vector<std::string> ids;
  size_t position = 0;
  while (position < list.size()) {
    size_t start = list.find_first_not_of(" \t\r\n,", position);
    if (start == std::string_view::npos) break;
    size_t end = list.find_first_of(" \t\r\n,", start);
    if (end == std::string_view::npos) end = list.size();
    ids.emplace_back(list.substr(start, end - start));
    position = end;
  }
  return ids;
}

// Which rules are off at a point of the text, as a sweep over the directives sets them.
class SwitchState {
 public:
  // Turns the named rules (or all, when none are named) off or back on.
  void Switch(const std::vector<std::string>& rules, bool off) {
    if (rules.empty()) {
      all_off_ = off;
      exceptions_.clear();
      return;
    }
    // An exception differs from the general state: "on" while all are off, or the reverse.
    for (const std::string& rule : rules) {
      if (off != all_off_) {
        exceptions_.insert(rule);
      } else {
        exceptions_.erase(rule);
      }
    }
  }

  bool IsOff(const std::string& rule) const {
    // With every rule off, the exceptions are the ones back on; otherwise, the ones off.
    return all_off_ != exceptions_.contains(rule);
  }

 private:
  bool all_off_ = false;
  std::set<std::string, std::less<>> exceptions_;
};

bool Names(const std::vector<std::string>& rules, const std::string& id) {
  return rules.empty() || std::find(rules.begin(), rules.end(), id) != rules.end();
}

}  // namespace

std::vector<Directive> FindDirectives(std::string_view text) {
  std::vector<Directive> directives;
  for (size_t open = text.find("<!--"); open != std::string_view::npos;
       open = text.find("<!--", open)) {
    size_t close = text.find("-->", open + 4);
    if (close == std::string_view::npos) break;
    std::string_view body = Trim(text.substr(open + 4, close - open - 4));
    // Longest keyword first: "debrief-disable" is a prefix of "debrief-disable-next-line".
    static constexpr std::pair<std::string_view, Directive::Kind> kKeywords[] = {
        {"debrief-disable-next-line", Directive::Kind::kDisableNextLine},
        {"debrief-disable", Directive::Kind::kDisable},
        {"debrief-enable", Directive::Kind::kEnable},
    };
    for (const auto& [keyword, kind] : kKeywords) {
      if (!body.starts_with(keyword)) continue;
      std::string_view rest = body.substr(keyword.size());
      if (!rest.empty() && kWhitespace.find(rest.front()) == std::string_view::npos) break;
      directives.push_back({kind, open, close + 3, RuleIds(rest)});
      break;
    }
    open = close + 3;
  }
  return directives;
}

void ApplyDirectives(const std::vector<Directive>& directives, std::string_view text,
                     std::vector<Finding>& findings) {
  if (directives.empty()) return;
  SwitchState state;
  size_t next_directive = 0;
  std::erase_if(findings, [&](const Finding& finding) {
    // Directives that end before the finding have taken effect.
    while (next_directive < directives.size() && directives[next_directive].end <= finding.begin) {
      const Directive& directive = directives[next_directive++];
      if (directive.kind == Directive::Kind::kDisable) state.Switch(directive.rules, true);
      if (directive.kind == Directive::Kind::kEnable) state.Switch(directive.rules, false);
    }
    if (state.IsOff(finding.rule->id)) return true;
    // A disable-next-line covers the line after the comment's last line.
    for (size_t index = next_directive; index-- > 0;) {
      const Directive& directive = directives[index];
      if (directive.kind != Directive::Kind::kDisableNextLine) continue;
      size_t line_end = text.find('\n', directive.end);
      if (line_end == std::string_view::npos || finding.begin <= line_end) continue;
      size_t next_line_end = text.find('\n', line_end + 1);
      if (next_line_end != std::string_view::npos && finding.begin > next_line_end) break;
      if (Names(directive.rules, finding.rule->id)) return true;
    }
    return false;
  });
}

}  // namespace debrief::language
