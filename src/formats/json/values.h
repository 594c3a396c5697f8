// Conversions between Boost.JSON values and the field types of the domain, with errors that name
// the field and say what was expected. Used by the schema-driven codec (record_codec.h).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/enums.h"
#include "core/result.h"
#include "core/time.h"

namespace debrief::formats::json {

namespace bj = boost::json;
using core::Result;

struct FieldLimits {
  std::string_view name;
  size_t max_length = 0;
};

bj::value ToJson(const std::string& value);
bj::value ToJson(int64_t value);
bj::value ToJson(int value);
bj::value ToJson(bool value);
bj::value ToJson(core::Timestamp value);
bj::value ToJson(core::Date value);
bj::value ToJson(const std::vector<std::string>& values);
bj::value ToJson(const std::vector<int64_t>& values);
// A value that is itself an entity with a field schema (an alert hook's routes), and lists of
// them: an object of its fields. Defined in record_json.h, with the codec they share.
template <class T>
concept HasFields = requires {
  T::Fields();
};
template <HasFields T>
bj::value ToJson(const T& value);
template <HasFields T>
bj::value ToJson(const std::vector<T>& values);
template <HasFields T>
Result<void> FromJson(const bj::value& json, FieldLimits field, T& out);
template <HasFields T>
Result<void> FromJson(const bj::value& json, FieldLimits field, std::vector<T>& out);

template <core::DomainEnum E>
bj::value ToJson(E value) {
  return bj::value(core::ToString(value));
}
template <class T>
bj::value ToJson(const std::optional<T>& value) {
  return value ? ToJson(*value) : bj::value(nullptr);
}

Result<void> FromJson(const bj::value& json, FieldLimits field, std::string& out);
Result<void> FromJson(const bj::value& json, FieldLimits field, int64_t& out);
Result<void> FromJson(const bj::value& json, FieldLimits field, int& out);
Result<void> FromJson(const bj::value& json, FieldLimits field, bool& out);
Result<void> FromJson(const bj::value& json, FieldLimits field, core::Timestamp& out);
Result<void> FromJson(const bj::value& json, FieldLimits field, core::Date& out);
Result<void> FromJson(const bj::value& json, FieldLimits field, std::vector<std::string>& out);
Result<void> FromJson(const bj::value& json, FieldLimits field, std::vector<int64_t>& out);

template <core::DomainEnum E>
Result<void> FromJson(const bj::value& json, FieldLimits field, E& out) {
  std::optional<E> parsed;
  if (json.is_string()) parsed = core::ParseEnum<E>(std::string_view(json.get_string()));
  if (!parsed) {
    return core::Error::InvalidArgument(
        std::string(field.name) + " must be " + core::AllowedValues<E>(), std::string(field.name));
  }
  out = *parsed;
  return core::Ok();
}

template <class T>
Result<void> FromJson(const bj::value& json, FieldLimits field, std::optional<T>& out) {
  if (json.is_null()) {
    out.reset();
    return core::Ok();
  }
  T value{};
  DEBRIEF_RETURN_IF_ERROR(FromJson(json, field, value));
  out = std::move(value);
  return core::Ok();
}

}  // namespace debrief::formats::json
