// What reading and writing a backup's parts share (backup_json.cc and
// backup_incident_json.cc): a reader of one JSON object that names where a problem is
// ("incidents[3].events[0]: colour"), lists read item by item, and optional values.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "formats/json/record_json.h"

namespace debrief::formats::backup {

namespace bj = boost::json;

inline bj::value Optional(const std::optional<int64_t>& value) {
  return value ? bj::value(*value) : bj::value(nullptr);
}

inline bj::value OptionalTime(const std::optional<core::Timestamp>& value) {
  return value ? bj::value(core::FormatRfc3339(*value)) : bj::value(nullptr);
}

// Reads the fields of one JSON object, each by name and type, and remembers the first problem
// with where it is.
class Reader {
 public:
  Reader(const bj::value& value, std::string where) : where_(std::move(where)) {
    if (value.is_object()) {
      object_ = &value.get_object();
    } else {
      Fail("must be an object");
    }
  }

  int64_t Int(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr) return 0;
    if (!value->is_int64()) Fail(std::string(name) + " must be a whole number");
    return value->is_int64() ? value->get_int64() : 0;
  }
  std::optional<int64_t> OptionalInt(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return Int(name);
  }
  std::string String(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr) return {};
    if (!value->is_string()) Fail(std::string(name) + " must be a string");
    return value->is_string() ? std::string(value->get_string()) : std::string();
  }
  bool Bool(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr) return false;
    if (!value->is_bool()) Fail(std::string(name) + " must be true or false");
    return value->is_bool() && value->get_bool();
  }
  core::Timestamp Time(std::string_view name) {
    std::string text = String(name);
    auto parsed = core::ParseRfc3339(text);
    if (!parsed && ok()) Fail(std::string(name) + " must be an RFC 3339 time");
    return parsed.value_or(core::Timestamp{});
  }
  std::optional<core::Timestamp> OptionalTime(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return Time(name);
  }
  // A field later backups added: absent from older ones, which still restore.
  std::optional<core::Timestamp> AddedTime(std::string_view name) {
    if (object_ == nullptr || !object_->contains(name)) return std::nullopt;
    return OptionalTime(name);
  }
  const bj::array* Array(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr) return nullptr;
    if (!value->is_array()) Fail(std::string(name) + " must be a list");
    return value->is_array() ? &value->get_array() : nullptr;
  }
  const bj::object* Object() const { return object_; }

  bool ok() const { return error_.empty(); }
  core::Error error() const { return core::Error::InvalidArgument(error_); }
  void Fail(const std::string& message) {
    if (error_.empty()) error_ = where_ + ": " + message;
  }

 private:
  const bj::value* Find(std::string_view name) {
    if (object_ == nullptr) return nullptr;
    const bj::value* value = object_->if_contains(name);
    if (value == nullptr) Fail(std::string(name) + " is missing");
    return value;
  }

  const bj::object* object_ = nullptr;
  std::string where_;
  std::string error_;
};

inline std::string At(std::string_view where, size_t index) {
  return std::string(where) + "[" + std::to_string(index) + "]";
}

template <class T, class Decode>
core::Result<std::vector<T>> DecodeList(Reader& parent, std::string_view name,
                                        std::string_view where, Decode&& decode) {
  std::vector<T> out;
  const bj::array* items = parent.Array(name);
  if (!parent.ok()) return parent.error();
  if (items == nullptr) return out;
  for (size_t index = 0; index < items->size(); ++index) {
    Reader reader((*items)[index], At(std::string(where) + std::string(name), index));
    if (!reader.ok()) return reader.error();
    DEBRIEF_ASSIGN_OR_RETURN(T item, decode(reader));
    out.push_back(std::move(item));
  }
  return out;
}

template <class T>
core::Result<T> DecodeRecord(Reader& reader) {
  auto record = json::DecodeStored<T>(*reader.Object(), json::UnknownFields::kRefuse);
  if (!record) {
    if (record.error().violations().empty()) {
      reader.Fail(record.error().message());
    } else {
      // "role must be ..." names its field already; "unknown field colour" is told where.
      const core::FieldViolation& first = record.error().violations().front();
      reader.Fail(first.message.starts_with(first.field) ? first.message
                                                         : first.field + ": " + first.message);
    }
    return reader.error();
  }
  return *record;
}

}  // namespace debrief::formats::backup
