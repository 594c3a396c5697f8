#include "formats/json/record_json.h"

#include <boost/json.hpp>

namespace debrief::formats::json {

bj::object DiffFields(const bj::object& before, const bj::object& after) {
  bj::object changes;
  auto note = [&](std::string_view key, const bj::value& from, const bj::value& to) {
    if (key == "id" || key == "version" || key == "updated_at" || key == "created_at") return;
    if (from != to) changes[key] = {{"from", from}, {"to", to}};
  };
  for (const auto& [key, value] : after) {
    const bj::value* previous = before.if_contains(key);
    note(key, previous ? *previous : bj::value(nullptr), value);
  }
  for (const auto& [key, value] : before) {
    if (!after.contains(key)) note(key, value, nullptr);
  }
  return changes;
}

std::string Diff(const bj::object& before, const bj::object& after) {
  return bj::serialize(DiffFields(before, after));
}

}  // namespace debrief::formats::json
