// JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) of the entities with a field schema,
// generated from that one list of fields so that the published API description cannot drift from
// the codec that reads and writes them.
//
// - kRead: what the API answers: every field but internal ones and secrets, all of them present
//   (an absent optional value is null), nothing else.
// - kCreate: what a create accepts: writable and create-only fields, each optional here (which
//   ones a create needs is the domain's rule, answered with a field error).
// - kPatch: what a change accepts: writable fields only.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/enums.h"
#include "core/schema.h"
#include "core/time.h"
#include "formats/json/record_json.h"

namespace debrief::formats::json {

enum class SchemaUse { kRead, kCreate, kPatch };

template <class T>
bj::object Schema(SchemaUse use = SchemaUse::kRead);

inline bj::object SchemaOf(std::type_identity<std::string>) { return {{"type", "string"}}; }
inline bj::object SchemaOf(std::type_identity<int64_t>) {
  return {{"type", "integer"}, {"format", "int64"}};
}
inline bj::object SchemaOf(std::type_identity<int>) {
  return {{"type", "integer"}, {"format", "int32"}};
}
inline bj::object SchemaOf(std::type_identity<bool>) { return {{"type", "boolean"}}; }
inline bj::object SchemaOf(std::type_identity<core::Timestamp>) {
  return {{"type", "string"}, {"format", "date-time"}};
}
inline bj::object SchemaOf(std::type_identity<core::Date>) {
  return {{"type", "string"}, {"format", "date"}};
}
template <core::DomainEnum E>
bj::object SchemaOf(std::type_identity<E>) {
  bj::array names;
  for (const auto& [value, name] : core::EnumNames<E>::kNames) names.emplace_back(name);
  return {{"type", "string"}, {"enum", std::move(names)}};
}
template <HasFields T>
bj::object SchemaOf(std::type_identity<T>) {
  return Schema<T>();
}
template <class T>
bj::object SchemaOf(std::type_identity<std::vector<T>>) {
  return {{"type", "array"}, {"items", SchemaOf(std::type_identity<T>{})}};
}
// An optional value is null when absent: the type, or null (and null among the enum's values).
template <class T>
bj::object SchemaOf(std::type_identity<std::optional<T>>) {
  bj::object schema = SchemaOf(std::type_identity<T>{});
  schema["type"] = bj::array{schema["type"], "null"};
  if (bj::value* values = schema.if_contains("enum")) values->get_array().emplace_back(nullptr);
  return schema;
}

template <class T>
bj::object Schema(SchemaUse use) {
  bj::object properties;
  bj::array required;
  auto add = [&](std::string_view name, bj::object schema) {
    properties[name] = std::move(schema);
    if (use == SchemaUse::kRead) required.emplace_back(name);
  };
  if constexpr (kIsRecord<T>) {
    if (use == SchemaUse::kRead) {
      add("id", SchemaOf(std::type_identity<int64_t>{}));
      add("version", SchemaOf(std::type_identity<int64_t>{}));
      add("created_at", SchemaOf(std::type_identity<core::Timestamp>{}));
      add("updated_at", SchemaOf(std::type_identity<core::Timestamp>{}));
    }
  }
  core::ForEachField<T>([&](const auto& field) {
    using core::FieldAccess;
    bool shown = false;
    switch (use) {
      case SchemaUse::kRead:
        shown = field.access != FieldAccess::kInternal && field.access != FieldAccess::kSecret;
        break;
      case SchemaUse::kCreate:
        shown = field.access == FieldAccess::kWritable || field.access == FieldAccess::kCreateOnly;
        break;
      case SchemaUse::kPatch:
        shown = field.access == FieldAccess::kWritable;
        break;
    }
    if (!shown) return;
    using Member = std::remove_cvref_t<decltype(std::declval<T>().*(field.member))>;
    bj::object schema = SchemaOf(std::type_identity<Member>{});
    // The length limit holds for a text, and for each text of a list.
    if constexpr (std::is_same_v<Member, std::string>) {
      if (field.max_length != core::kUnlimitedText) schema["maxLength"] = field.max_length;
    } else if constexpr (std::is_same_v<Member, std::vector<std::string>>) {
      schema["items"].as_object()["maxLength"] = field.max_length;
    }
    if (field.link) {
      // An http(s) address, or nothing; a list of links says so of each item.
      bj::value* items = schema.if_contains("items");
      (items != nullptr ? items->get_object() : schema)["pattern"] = "^$|^[Hh][Tt][Tt][Pp][Ss]?://";
    }
    add(field.name, std::move(schema));
  });
  bj::object schema{
      {"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

}  // namespace debrief::formats::json
