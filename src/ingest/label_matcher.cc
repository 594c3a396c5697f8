#include "ingest/label_matcher.h"

#include <re2/re2.h>

#include <algorithm>

namespace debrief::ingest {
namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A double-quoted value with Go's escapes \" \\ \n, or a bare one.
core::Result<std::string> ParseValue(std::string_view text, std::string_view matcher) {
  if (text.empty() || text.front() != '"') {
    if (text.find_first_of("\", =") != std::string_view::npos) {
      return core::Error::InvalidArgument("in matcher " + std::string(matcher) +
                                          ": quote a value that holds spaces, commas, quotes or =");
    }
    return std::string(text);
  }
  std::string value;
  for (size_t position = 1; position < text.size(); ++position) {
    char c = text[position];
    if (c == '"') {
      if (position + 1 != text.size()) break;
      return value;
    }
    if (c == '\\' && position + 1 < text.size()) {
      char escaped = text[++position];
      value += escaped == 'n' ? '\n' : escaped;
    } else {
      value += c;
    }
  }
  return core::Error::InvalidArgument("in matcher " + std::string(matcher) +
                                      ": the quoted value is not closed where the matcher ends");
}

std::string Quote(std::string_view value) {
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (c == '\n') {
      quoted += "\\n";
      continue;
    }
    quoted += c;
  }
  return quoted + '"';
}

}  // namespace

std::string_view LabelValue(const Labels& labels, std::string_view name) {
  auto found =
      std::lower_bound(labels.begin(), labels.end(), name,
                       [](const auto& label, std::string_view key) { return label.first < key; });
  if (found == labels.end() || found->first != name) return {};
  return found->second;
}

core::Result<LabelMatcher> LabelMatcher::Parse(std::string_view text) {
  std::string_view matcher = Trim(text);
  size_t name_end = 0;
  if (matcher.empty() || !IsNameStart(matcher.front())) {
    return core::Error::InvalidArgument("matcher \"" + std::string(text) +
                                        "\" must start with a label name, as in service=\"api\"");
  }
  while (name_end < matcher.size() && IsNameChar(matcher[name_end])) ++name_end;
  LabelMatcher result;
  result.name_ = std::string(matcher.substr(0, name_end));
  std::string_view rest = Trim(matcher.substr(name_end));
  if (rest.starts_with("=~")) {
    result.operator_ = Operator::kMatches;
  } else if (rest.starts_with("!~")) {
    result.operator_ = Operator::kNotMatches;
  } else if (rest.starts_with("!=")) {
    result.operator_ = Operator::kNotEqual;
  } else if (rest.starts_with("=")) {
    result.operator_ = Operator::kEqual;
  } else {
    return core::Error::InvalidArgument("matcher \"" + std::string(text) +
                                        "\" needs one of =, !=, =~ or !~ after the label name");
  }
  rest = Trim(rest.substr(result.operator_ == Operator::kEqual ? 1 : 2));
  DEBRIEF_ASSIGN_OR_RETURN(result.value_, ParseValue(rest, matcher));
  if (result.operator_ == Operator::kMatches || result.operator_ == Operator::kNotMatches) {
    RE2::Options options;
    options.set_log_errors(false);
    auto pattern = std::make_shared<const RE2>("^(?:" + result.value_ + ")$", options);
    if (!pattern->ok()) {
      return core::Error::InvalidArgument("in matcher " + std::string(matcher) +
                                          ": the regular expression is not valid (" +
                                          pattern->error() + ")");
    }
    result.pattern_ = std::move(pattern);
  }
  return result;
}

bool LabelMatcher::Matches(const Labels& labels) const {
  std::string_view value = LabelValue(labels, name_);
  switch (operator_) {
    case Operator::kEqual:
      return value == value_;
    case Operator::kNotEqual:
      return value != value_;
    case Operator::kMatches:
      return RE2::FullMatch(value, *pattern_);
    case Operator::kNotMatches:
      return !RE2::FullMatch(value, *pattern_);
  }
  return false;
}

std::string LabelMatcher::ToString() const {
  constexpr std::string_view kOperators[] = {"=", "!=", "=~", "!~"};
  return name_ + std::string(kOperators[static_cast<int>(operator_)]) + Quote(value_);
}

bool MatchesAll(const std::vector<LabelMatcher>& matchers, const Labels& labels) {
  return std::all_of(matchers.begin(), matchers.end(),
                     [&](const LabelMatcher& matcher) { return matcher.Matches(labels); });
}

}  // namespace debrief::ingest
