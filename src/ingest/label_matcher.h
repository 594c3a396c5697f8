// LabelMatcher: one condition on an alert's labels, written as Alertmanager writes them:
// service="checkout", env!="staging", severity=~"page|critical", team!~"db-.*". Quotes are
// optional around a value without spaces or commas. Regular expressions use RE2's syntax (the
// one Alertmanager uses) and must match the whole value; a missing label reads as "".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace re2 {
class RE2;
}

namespace debrief::ingest {

// Label names and values, sorted by name.
using Labels = std::vector<std::pair<std::string, std::string>>;

// The value of a label, or "" when the labels lack it.
std::string_view LabelValue(const Labels& labels, std::string_view name);

class LabelMatcher {
 public:
  enum class Operator { kEqual, kNotEqual, kMatches, kNotMatches };

  static core::Result<LabelMatcher> Parse(std::string_view text);

  bool Matches(const Labels& labels) const;
  // The matcher in canonical form: name, operator, quoted value.
  std::string ToString() const;

 private:
  std::string name_;
  Operator operator_ = Operator::kEqual;
  std::string value_;
  std::shared_ptr<const re2::RE2> pattern_;  // For kMatches and kNotMatches; shared by copies.
};

// Whether the labels satisfy every matcher.
bool MatchesAll(const std::vector<LabelMatcher>& matchers, const Labels& labels);

}  // namespace debrief::ingest
