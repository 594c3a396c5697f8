// Field schemas: each entity lists its fields once, as (name, member, access, length limit). The
// JSON codec, both store adapters and the audit diff walk that one list, so a field added to an
// entity is decoded, validated, stored and audited without a second list to keep in step.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "core/time.h"

namespace debrief::core {

enum class FieldAccess {
  kWritable,    // Set on create and changed by PATCH.
  kCreateOnly,  // Set on create; PATCH rejects it.
  kServer,      // Set by the server; shown in JSON, rejected on input.
  kInternal,    // Stored, never shown in JSON (it is in the URL).
  // Stored and kept in backups, never shown by the API nor taken from a request: a password's
  // hash, a token's hash, a signing secret (set by the code that makes them).
  kSecret,
};

inline constexpr size_t kShortTextLimit = 300;
inline constexpr size_t kLongTextLimit = 100'000;
// For stored text whose length the server decides (a published snapshot): no limit.
inline constexpr size_t kUnlimitedText = static_cast<size_t>(-1);

template <class Entity, class Member>
struct Field {
  std::string_view name;
  Member Entity::*member;
  FieldAccess access = FieldAccess::kWritable;
  size_t max_length = kShortTextLimit;  // For strings, and for each string in a list.
  // Written by people in their own words: the language checker reads it on every write.
  bool prose = false;
  // A web address (or a list of them) that people will click: only http(s) is accepted.
  bool link = false;
};

template <class Entity, class Member>
constexpr Field<Entity, Member> Writable(std::string_view name, Member Entity::*member,
                                         size_t max_length = kShortTextLimit) {
  return {name, member, FieldAccess::kWritable, max_length, false};
}
// A writable field people write in their own words (a narrative, a rationale, a title).
template <class Entity, class Member>
constexpr Field<Entity, Member> Prose(std::string_view name, Member Entity::*member,
                                      size_t max_length = kShortTextLimit) {
  return {name, member, FieldAccess::kWritable, max_length, true};
}
// A writable web address, or list of them, shown as links: http and https only, so a stored
// "javascript:" or "data:" address can never run in a reader's browser.
template <class Entity, class Member>
constexpr Field<Entity, Member> Link(std::string_view name, Member Entity::*member,
                                     size_t max_length = 2'000) {
  return {name, member, FieldAccess::kWritable, max_length, false, true};
}
template <class Entity, class Member>
constexpr Field<Entity, Member> CreateOnly(std::string_view name, Member Entity::*member) {
  return {name, member, FieldAccess::kCreateOnly, kShortTextLimit, false};
}
template <class Entity, class Member>
constexpr Field<Entity, Member> ServerSet(std::string_view name, Member Entity::*member,
                                          size_t max_length = kShortTextLimit) {
  return {name, member, FieldAccess::kServer, max_length, false};
}
template <class Entity, class Member>
constexpr Field<Entity, Member> Secret(std::string_view name, Member Entity::*member,
                                       size_t max_length = kShortTextLimit) {
  return {name, member, FieldAccess::kSecret, max_length, false};
}
template <class Entity, class Member>
constexpr Field<Entity, Member> Internal(std::string_view name, Member Entity::*member) {
  return {name, member, FieldAccess::kInternal, kShortTextLimit, false};
}

// Entities that are not records of an incident (users, webhooks, alert hooks, review rules,
// published versions) list their id, version and timestamps among their fields, as they have
// them. Records of an incident derive from Record, whose four fields the codec adds itself.
//
// What every stored record has. `version` starts at 1 and grows by one with every write; a write
// names the version it read, and a stale one is refused (optimistic concurrency).
struct Record {
  int64_t id = 0;
  int64_t version = 0;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// Calls fn(field) for every field of Entity, in declaration order.
template <class Entity, class Fn>
constexpr void ForEachField(Fn&& fn) {
  std::apply([&](const auto&... field) { (fn(field), ...); }, Entity::Fields());
}

// Calls fn(field name, index, text) for every text people wrote in their own words in `record`
// (fields marked prose): a text field with no index, each text of a list with its index. The
// language checker reads these and nothing else.
template <class Entity, class Fn>
void ForEachProseText(const Entity& record, Fn&& fn) {
  ForEachField<Entity>([&](const auto& field) {
    if (!field.prose) return;
    const auto& value = record.*(field.member);
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, std::string>) {
      fn(field.name, std::optional<size_t>(), value);
    } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
      for (size_t index = 0; index < value.size(); ++index) {
        fn(field.name, std::optional<size_t>(index), value[index]);
      }
    }
  });
}

}  // namespace debrief::core
