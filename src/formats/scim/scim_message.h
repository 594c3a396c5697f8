// What every SCIM 2.0 request (RFC 7644) shares, whatever resource it is about: the message
// schemas, the `<attribute> eq "<value>"` filters providers look resources up with, and the
// operations of a PatchOp in both shapes providers send (Okta: lower-case ops; Entra ID:
// capitalised ones).
#pragma once

#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::formats::scim {

inline constexpr std::string_view kListSchema =
    "urn:ietf:params:scim:api:messages:2.0:ListResponse";
inline constexpr std::string_view kPatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
inline constexpr std::string_view kErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

// An attribute path in lower case without the resource's core schema prefix (`schema`):
// "urn:...:User:name.givenName" → "name.givenname".
std::string NormalPath(std::string_view path, std::string_view schema);

// `<attribute> eq "<value>"`, the attribute name and the operator in any case.
struct Filter {
  std::string attribute;  // NormalPath of the attribute: "username", "displayname", ...
  std::string value;
};
// kInvalidArgument (field "filter", SCIM invalidFilter) for any other form, or an attribute not
// among `attributes` (lower case).
core::Result<Filter> ParseEqualityFilter(std::string_view text, std::string_view schema,
                                         std::initializer_list<std::string_view> attributes);

// One operation of a PatchOp.
struct PatchOperation {
  std::string op;                   // "add", "replace" or "remove".
  std::optional<std::string> path;  // As sent.
  const boost::json::value* value;  // Into the PatchOp read; null when none was sent.
};
// The operations of `patch`, in order. kInvalidArgument for what is not a PatchOp, an unknown
// op, or an add or replace without a value.
core::Result<std::vector<PatchOperation>> ReadPatchOperations(const boost::json::object& patch);

}  // namespace debrief::formats::scim
