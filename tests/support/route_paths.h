// Turns a route pattern of the router table into a concrete path for tests that walk every route.
#pragma once

#include <string>
#include <string_view>

namespace debrief::testing {

struct RouteIds {
  std::string incident_key;
  int64_t account_id = 0;  // For /accounts/{id}.
  int64_t entry_id = 0;    // For {entry_id}.
  int64_t user_id = 0;     // For /users/{id}.
  int64_t other_id = 0;    // For every other {id}.
};

inline std::string FillRoute(std::string_view pattern, const RouteIds& ids) {
  std::string path(pattern);
  auto replace = [&](std::string_view name, const std::string& value) {
    for (size_t at = path.find(name); at != std::string::npos; at = path.find(name)) {
      path.replace(at, name.size(), value);
    }
  };
  bool account_route = pattern.find("/accounts/{id}") != std::string_view::npos;
  bool user_route = pattern.find("/users/{id}") != std::string_view::npos;
  replace("{key}", ids.incident_key);
  replace("{entry_id}", std::to_string(ids.entry_id));
  replace("{severity}", "SEV4");
  replace("{token}", "dbh_not-a-hook-token");
  replace("{delivery_id}", std::to_string(ids.other_id));
  replace("{id}", std::to_string(account_route ? ids.account_id
                                 : user_route  ? ids.user_id
                                               : ids.other_id));
  return path;
}

}  // namespace debrief::testing
