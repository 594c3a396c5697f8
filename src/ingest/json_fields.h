// Fields of a JSON record by path, as the importers of JSON read them.
#pragma once

#include <boost/json/fwd.hpp>
#include <string>
#include <string_view>

namespace debrief::ingest {

// The value at a dotted path ("involvedObject.name"); a key holding dots itself is found whole
// first. Null when missing.
const boost::json::value* FindField(const boost::json::object& object, std::string_view path);

// Appends a value as a field's text: strings as they are, numbers, booleans, objects and arrays
// as JSON. Null counts as missing (returns false).
bool AppendFieldValue(const boost::json::value& value, std::string& out);

}  // namespace debrief::ingest
