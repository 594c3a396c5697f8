#include "store/columns.h"

#include <algorithm>
#include <boost/json.hpp>

namespace debrief::store {

namespace json = boost::json;

std::string EncodeStringList(const std::vector<std::string>& values) {
  // Imports bind a list (visible_to) for every event: strings that need no escaping are written
  // directly, exactly as Boost.JSON would write them; the rest goes through it.
  auto plain = [](const std::string& value) {
    return std::none_of(value.begin(), value.end(), [](char c) {
      return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
  };
  if (std::all_of(values.begin(), values.end(), plain)) {
    std::string text = "[";
    for (const std::string& value : values) {
      if (text.size() > 1) text += ',';
      text += '"';
      text += value;
      text += '"';
    }
    text += ']';
    return text;
  }
  json::array array;
  for (const std::string& value : values) array.emplace_back(value);
  return json::serialize(array);
}

std::string EncodeIdList(const std::vector<int64_t>& values) {
  json::array array(values.begin(), values.end());
  return json::serialize(array);
}

namespace {

// The reverse of BindColumn's direct path, for the lists it writes most (`["all"]` on every
// imported event): printable ASCII strings with nothing to unescape, as `["a","b"]`. Reading a
// hundred thousand events, the parser's document per row was a tenth of the time. Anything else
// (escapes, other bytes, spaces from another writer) returns false, for the parser to read.
bool ReadPlainStringList(std::string_view text, std::vector<std::string>& out) {
  if (text.size() < 4 || text.front() != '[' || text.back() != ']') return false;
  out.clear();
  size_t at = 1;
  while (true) {
    if (text[at] != '"') return false;
    size_t end = at + 1;
    for (; end < text.size() && text[end] != '"'; ++end) {
      auto byte = static_cast<unsigned char>(text[end]);
      if (byte == '\\' || byte < 0x20 || byte > 0x7e) return false;
    }
    if (end + 1 >= text.size()) return false;  // The closing quote must come before the ']'.
    out.emplace_back(text.substr(at + 1, end - at - 1));
    if (text[end + 1] == ']') return end + 2 == text.size();
    if (text[end + 1] != ',') return false;
    at = end + 2;
  }
}

}  // namespace

bool DecodeStringList(std::string_view text, std::vector<std::string>& out) {
  // Most lists are empty; skip the parser for them.
  if (text == "[]") {
    out.clear();
    return true;
  }
  if (ReadPlainStringList(text, out)) return true;
  boost::system::error_code error;
  json::value value = json::parse(text, error);
  if (error || !value.is_array()) return false;
  out.clear();
  for (const json::value& item : value.as_array()) {
    if (!item.is_string()) return false;
    out.emplace_back(item.as_string());
  }
  return true;
}

bool DecodeIdList(std::string_view text, std::vector<int64_t>& out) {
  if (text == "[]") {
    out.clear();
    return true;
  }
  boost::system::error_code error;
  json::value value = json::parse(text, error);
  if (error || !value.is_array()) return false;
  out.clear();
  for (const json::value& item : value.as_array()) {
    if (!item.is_int64()) return false;
    out.push_back(item.as_int64());
  }
  return true;
}

}  // namespace debrief::store
