#include "ingest/json_fields.h"

#include <boost/json.hpp>

namespace debrief::ingest {
namespace bj = boost::json;

const bj::value* FindField(const bj::object& object, std::string_view path) {
  if (const bj::value* whole = object.if_contains(path)) return whole;
  const bj::object* at = &object;
  while (true) {
    size_t dot = path.find('.');
    const bj::value* found = at->if_contains(path.substr(0, dot));
    if (found == nullptr || dot == std::string_view::npos) return found;
    at = found->if_object();
    if (at == nullptr) return nullptr;
    path.remove_prefix(dot + 1);
  }
}

bool AppendFieldValue(const bj::value& value, std::string& out) {
  switch (value.kind()) {
    case bj::kind::string:
      out += value.get_string();
      return true;
    case bj::kind::null:
      return false;
    default:
      out += bj::serialize(value);
      return true;
  }
}

}  // namespace debrief::ingest
