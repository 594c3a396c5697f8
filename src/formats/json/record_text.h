// The text of record_json.h's Encode(), written straight into a string: for the answers that
// list a hundred thousand records (the whole timeline of a large import), where building each
// record's document only to serialize it was most of the time. Byte for byte what
// boost::json::serialize(Encode(record)) writes; tests/http/record_text_test.cc holds it to
// that for every kind of value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/schema.h"
#include "core/time.h"

namespace debrief::formats::json {

// A JSON string, escaped as Boost.JSON escapes it.
void AppendJson(std::string& out, std::string_view value);
void AppendJson(std::string& out, int64_t value);
void AppendJson(std::string& out, uint64_t value);
void AppendJson(std::string& out, bool value);
void AppendJson(std::string& out, core::Timestamp value);
void AppendJson(std::string& out, core::Date value);
void AppendJson(std::string& out, const std::vector<std::string>& values);
void AppendJson(std::string& out, const std::vector<int64_t>& values);
inline void AppendJson(std::string& out, const std::string& value) {
  AppendJson(out, std::string_view(value));
}
inline void AppendJson(std::string& out, const char* value) {
  AppendJson(out, std::string_view(value));
}
template <core::DomainEnum E>
void AppendJson(std::string& out, E value) {
  AppendJson(out, core::ToString(value));
}
template <class T>
void AppendJson(std::string& out, const std::optional<T>& value) {
  if (value) {
    AppendJson(out, *value);
  } else {
    out += "null";
  }
}

// Appends the text of Encode(record): the Record fields, then every field that is not internal.
template <class T>
void AppendEncoded(std::string& out, const T& record) {
  out += "{\"id\":";
  AppendJson(out, record.id);
  out += ",\"version\":";
  AppendJson(out, record.version);
  out += ",\"created_at\":";
  AppendJson(out, record.created_at);
  out += ",\"updated_at\":";
  AppendJson(out, record.updated_at);
  core::ForEachField<T>([&](const auto& field) {
    if (field.access == core::FieldAccess::kInternal ||
        field.access == core::FieldAccess::kSecret) {
      return;
    }
    // Field names are identifiers: nothing in them to escape.
    out += ",\"";
    out += field.name;
    out += "\":";
    AppendJson(out, record.*(field.member));
  });
  out += '}';
}

}  // namespace debrief::formats::json
