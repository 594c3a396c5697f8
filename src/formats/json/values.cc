#include "formats/json/values.h"

#include <boost/json.hpp>

namespace debrief::formats::json {
namespace {

core::Error WrongType(FieldLimits field, std::string_view expected) {
  return core::Error::InvalidArgument(std::string(field.name) + " must be " + std::string(expected),
                                      std::string(field.name));
}

}  // namespace

bj::value ToJson(const std::string& value) { return bj::value(value); }
bj::value ToJson(int64_t value) { return bj::value(value); }
bj::value ToJson(int value) { return bj::value(static_cast<int64_t>(value)); }
bj::value ToJson(bool value) { return bj::value(value); }
bj::value ToJson(core::Timestamp value) { return bj::value(core::FormatRfc3339(value)); }
bj::value ToJson(core::Date value) { return bj::value(core::FormatDate(value)); }

bj::value ToJson(const std::vector<std::string>& values) {
  bj::array array;
  array.reserve(values.size());
  for (const std::string& value : values) array.emplace_back(value);
  return array;
}

bj::value ToJson(const std::vector<int64_t>& values) {
  return bj::array(values.begin(), values.end());
}

Result<void> FromJson(const bj::value& json, FieldLimits field, std::string& out) {
  if (!json.is_string()) return WrongType(field, "a string");
  const bj::string& text = json.get_string();
  if (field.max_length != 0 && text.size() > field.max_length) {
    return core::Error::InvalidArgument(std::string(field.name) + " can be at most " +
                                            std::to_string(field.max_length) + " bytes long",
                                        std::string(field.name));
  }
  for (char c : text) {
    // Control characters other than tab and line breaks have no place in review text.
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return core::Error::InvalidArgument(std::string(field.name) + " contains a control character",
                                          std::string(field.name));
    }
  }
  out.assign(text.data(), text.size());
  return core::Ok();
}

Result<void> FromJson(const bj::value& json, FieldLimits field, int64_t& out) {
  if (json.is_int64()) {
    out = json.get_int64();
    return core::Ok();
  }
  if (json.is_uint64() && json.get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    out = static_cast<int64_t>(json.get_uint64());
    return core::Ok();
  }
  return WrongType(field, "an integer");
}

Result<void> FromJson(const bj::value& json, FieldLimits field, int& out) {
  int64_t wide = 0;
  DEBRIEF_RETURN_IF_ERROR(FromJson(json, field, wide));
  if (wide < INT32_MIN || wide > INT32_MAX) return WrongType(field, "a smaller integer");
  out = static_cast<int>(wide);
  return core::Ok();
}

Result<void> FromJson(const bj::value& json, FieldLimits field, bool& out) {
  if (!json.is_bool()) return WrongType(field, "true or false");
  out = json.get_bool();
  return core::Ok();
}

Result<void> FromJson(const bj::value& json, FieldLimits field, core::Timestamp& out) {
  std::optional<core::Timestamp> parsed;
  if (json.is_string()) parsed = core::ParseRfc3339(std::string_view(json.get_string()));
  if (!parsed) {
    return WrongType(field, "an RFC 3339 time such as \"2026-03-14T09:26:53Z\"");
  }
  out = *parsed;
  return core::Ok();
}

Result<void> FromJson(const bj::value& json, FieldLimits field, core::Date& out) {
  std::optional<core::Date> parsed;
  if (json.is_string()) parsed = core::ParseDate(std::string_view(json.get_string()));
  if (!parsed) return WrongType(field, "a date such as \"2026-04-01\"");
  out = *parsed;
  return core::Ok();
}

Result<void> FromJson(const bj::value& json, FieldLimits field, std::vector<std::string>& out) {
  if (!json.is_array()) return WrongType(field, "an array of strings");
  const bj::array& array = json.get_array();
  if (array.size() > 200) return WrongType(field, "an array of at most 200 strings");
  out.clear();
  for (const bj::value& item : array) {
    std::string value;
    DEBRIEF_RETURN_IF_ERROR(FromJson(item, field, value));
    out.push_back(std::move(value));
  }
  return core::Ok();
}

Result<void> FromJson(const bj::value& json, FieldLimits field, std::vector<int64_t>& out) {
  if (!json.is_array()) return WrongType(field, "an array of integers");
  const bj::array& array = json.get_array();
  if (array.size() > 1000) return WrongType(field, "an array of at most 1000 integers");
  out.clear();
  for (const bj::value& item : array) {
    int64_t value = 0;
    DEBRIEF_RETURN_IF_ERROR(FromJson(item, field, value));
    out.push_back(value);
  }
  return core::Ok();
}

}  // namespace debrief::formats::json
