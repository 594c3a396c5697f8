// The JSON form of every entity, derived from its field schema (core/schema.h):
// - Encode(): the Record fields (id, version, created_at, updated_at) then every field that is
//   not internal.
// - Apply(): copies the fields present in a JSON object onto an entity, for a create or a
//   PATCH. Unknown fields, server-set fields, and create-only fields on PATCH are refused, each
//   with a message naming the field; every problem is reported, not just the first.
// - Diff(): the changed fields between two encodings, for the audit log.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema.h"
#include "formats/json/values.h"

namespace debrief::formats::json {

// A name from the input as an error repeats it: at most 64 bytes (cut at a character's start),
// so a hostile key of megabytes makes an error line of a few dozen.
inline std::string QuotedName(std::string_view name) {
  constexpr size_t kMost = 64;
  if (name.size() <= kMost) return std::string(name);
  size_t cut = kMost;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return std::string(name.substr(0, cut)) + "…";
}

enum class ApplyMode { kCreate, kPatch };

template <class T>
constexpr bool kIsRecord = std::is_base_of_v<core::Record, T>;

// The entity as the API shows it: no internal field, no secret.
template <class T>
bj::object Encode(const T& record) {
  bj::object object;
  object.reserve(16);
  if constexpr (kIsRecord<T>) {
    object.emplace("id", record.id);
    object.emplace("version", record.version);
    object.emplace("created_at", core::FormatRfc3339(record.created_at));
    object.emplace("updated_at", core::FormatRfc3339(record.updated_at));
  }
  core::ForEachField<T>([&](const auto& field) {
    if (field.access == core::FieldAccess::kInternal ||
        field.access == core::FieldAccess::kSecret) {
      return;
    }
    object.emplace(field.name, ToJson(record.*(field.member)));
  });
  return object;
}

// The entity as a backup keeps it: what Encode() shows, and its secrets (a password's hash, a
// webhook's signing secret), which only a restore reads back.
template <class T>
bj::object EncodeStored(const T& record) {
  bj::object object = Encode(record);
  core::ForEachField<T>([&](const auto& field) {
    if (field.access == core::FieldAccess::kSecret) {
      object.emplace(field.name, ToJson(record.*(field.member)));
    }
  });
  return object;
}

template <class T>
Result<void> Apply(const bj::object& input, ApplyMode mode, T& record) {
  std::vector<core::FieldViolation> violations;
  // Named members, not a structured binding: the field lambdas below refer to them, which
  // clang before 16 does not allow of a binding.
  for (const bj::key_value_pair& member : input) {
    const bj::string_view key = member.key();
    const bj::value& value = member.value();
    std::string_view name(key.data(), key.size());
    bool known = false;
    core::ForEachField<T>([&](const auto& field) {
      if (field.name != name) return;
      known = true;
      if (field.access == core::FieldAccess::kInternal ||
          field.access == core::FieldAccess::kSecret) {
        known = false;
        return;
      }
      if (field.access == core::FieldAccess::kServer) {
        violations.push_back({std::string(name), std::string(name) + " is set by the server"});
        return;
      }
      if (field.access == core::FieldAccess::kCreateOnly && mode == ApplyMode::kPatch) {
        violations.push_back(
            {std::string(name), std::string(name) + " cannot be changed once created"});
        return;
      }
      auto decoded = FromJson(value, {field.name, field.max_length}, record.*(field.member));
      if (!decoded) {
        for (const core::FieldViolation& violation : decoded.error().violations()) {
          violations.push_back(violation);
        }
      }
    });
    if (!known) {
      bool is_record_field =
          name == "id" || name == "version" || name == "created_at" || name == "updated_at";
      violations.push_back({QuotedName(name), is_record_field
                                                  ? std::string(name) + " is set by the server"
                                                  : "unknown field " + QuotedName(name) + " for " +
                                                        std::string(T::kNoun)});
    }
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  return core::Ok();
}

// What DecodeStored does with a field this release does not know (retired since, or added by a
// later release).
enum class UnknownFields {
  // Published snapshots: they are read, never written back, and outlive the schema that wrote
  // them, so what this release knows is shown and the rest is skipped.
  kSkip,
  // Backups: a restore must lose nothing, so a field it could not keep is refused, by name.
  kRefuse,
};

// A record as Encode() wrote it, every field read back (id, version, timestamps and server-set
// fields too): for published snapshots and backups, which hold records exactly as stored. Fields
// missing from the JSON keep their defaults; unknown fields are skipped or refused as `unknown`
// says. A known field with a wrong value is always refused, naming the field. Internal fields
// are not in the JSON, so the caller sets them (an incident id, say) from where the record sits.
template <class T>
Result<T> DecodeStored(const bj::object& input, UnknownFields unknown) {
  T record;
  std::vector<core::FieldViolation> violations;
  auto read = [&](const bj::value& value, FieldLimits limits, auto& member) {
    auto decoded = FromJson(value, limits, member);
    if (!decoded) {
      for (const core::FieldViolation& violation : decoded.error().violations()) {
        violations.push_back(violation);
      }
    }
  };
  // Named members, not a structured binding: the field lambdas below refer to them, which
  // clang before 16 does not allow of a binding.
  for (const bj::key_value_pair& member : input) {
    const bj::string_view key = member.key();
    const bj::value& value = member.value();
    std::string_view name(key.data(), key.size());
    bool record_field = false;
    if constexpr (kIsRecord<T>) {
      record_field = true;
      if (name == "id") {
        read(value, {"id", 0}, record.id);
      } else if (name == "version") {
        read(value, {"version", 0}, record.version);
      } else if (name == "created_at") {
        read(value, {"created_at", 0}, record.created_at);
      } else if (name == "updated_at") {
        read(value, {"updated_at", 0}, record.updated_at);
      } else {
        record_field = false;
      }
    }
    if (!record_field) {
      bool known = false;
      core::ForEachField<T>([&](const auto& field) {
        if (field.name != name || field.access == core::FieldAccess::kInternal) return;
        known = true;
        read(value, {field.name, field.max_length}, record.*(field.member));
      });
      if (!known && unknown == UnknownFields::kRefuse) {
        violations.push_back({QuotedName(name), "unknown field " + QuotedName(name) + " for " +
                                                    std::string(T::kNoun)});
      }
    }
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  return record;
}

// {"field": {"from": before, "to": after}} for every field whose value differs; a field missing
// on one side shows as null. Versions and timestamps of the record itself are left out.
bj::object DiffFields(const bj::object& before, const bj::object& after);
// The same, serialised, as the audit log stores it.
std::string Diff(const bj::object& before, const bj::object& after);

template <HasFields T>
bj::value ToJson(const T& value) {
  return Encode(value);
}
template <HasFields T>
bj::value ToJson(const std::vector<T>& values) {
  bj::array array;
  array.reserve(values.size());
  for (const T& value : values) array.push_back(Encode(value));
  return array;
}
template <HasFields T>
Result<void> FromJson(const bj::value& json, FieldLimits field, T& out) {
  if (!json.is_object()) {
    return core::Error::InvalidArgument(std::string(field.name) + " must be an object",
                                        std::string(field.name));
  }
  DEBRIEF_ASSIGN_OR_RETURN(out, DecodeStored<T>(json.get_object(), UnknownFields::kRefuse));
  return core::Ok();
}
template <HasFields T>
Result<void> FromJson(const bj::value& json, FieldLimits field, std::vector<T>& out) {
  if (!json.is_array()) {
    return core::Error::InvalidArgument(std::string(field.name) + " must be a list",
                                        std::string(field.name));
  }
  std::vector<T> values;
  for (const bj::value& item : json.get_array()) {
    T value{};
    DEBRIEF_RETURN_IF_ERROR(FromJson(item, field, value));
    values.push_back(std::move(value));
  }
  out = std::move(values);
  return core::Ok();
}
}  // namespace debrief::formats::json
