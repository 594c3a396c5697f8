// Groups of users as the organisation's identity provider keeps them (SCIM): named, with their
// members. A group can give its members a role (serve --scim-role-map) and, with restricted
// incidents, the right to read one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace debrief::core {

struct Group {
  int64_t id = 0;
  // One more with every change, so two providers' writes to one group cannot undo each other.
  int64_t version = 1;
  std::string name;                 // Unique in any case of ASCII letters.
  std::vector<int64_t> member_ids;  // User ids, ascending, each once.
  Timestamp created_at{};
};

// The form a group's name is unique and found in: ASCII letters in lower case, blanks around it
// removed ("SRE On-Call " and "sre on-call" are one group).
inline std::string GroupNameKey(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  std::string key(name);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

}  // namespace debrief::core
