// Mentions in people's text: "@Priya Raman", "@priya", "@priya.raman@example.com". A comment
// that mentions someone tells them (app/notifications). Names are matched after Unicode folding,
// longest first, so "@Sam Okafor" is Sam Okafor even when another Sam exists; a first name alone
// counts only when one person has it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace debrief::language {

struct MentionCandidate {
  int64_t id = 0;
  std::string name;   // "Priya Raman"
  std::string email;  // "priya.raman@example.com"
};

// The ids of the people `text` mentions, each once, in the order first mentioned.
std::vector<int64_t> MentionedPeople(std::string_view text,
                                     const std::vector<MentionCandidate>& people);

}  // namespace debrief::language
