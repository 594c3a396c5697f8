// SCIM 2.0 Group resources (RFC 7643 4.2) as identity providers provision them: a displayName and
// members (users, by id). Read as a whole resource (POST, PUT) or as the PATCH operations Okta and
// Entra ID send for renames and membership changes:
//   Okta:  {"op":"add","path":"members","value":[{"value":"12","display":"dana@example.com"}]}
//          {"op":"remove","path":"members[value eq \"12\"]"}
//          {"op":"replace","value":{"id":"3","displayName":"SRE"}}
//   Entra: {"op":"Add","path":"members","value":[{"value":"12"}]}
//          {"op":"Remove","path":"members","value":[{"value":"12"}]}
//          {"op":"Replace","path":"displayName","value":"SRE"}
// Nested groups (a member that is a group) are refused: membership here is of people.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/group.h"
#include "core/result.h"
#include "formats/scim/scim_message.h"

namespace debrief::formats::scim {

inline constexpr std::string_view kGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

// A Group resource as given (POST, PUT).
struct GroupResource {
  std::string display_name;
  std::vector<int64_t> member_ids;  // As listed.
};
// kInvalidArgument naming the attribute: no displayName, members not a list of user ids.
core::Result<GroupResource> ParseGroup(const boost::json::object& resource);

// One change a PATCH makes to a group, in order.
struct GroupChange {
  enum class Kind { kRename, kAddMembers, kRemoveMembers, kRemoveAllMembers, kReplaceMembers };
  Kind kind;
  std::string name;                 // kRename.
  std::vector<int64_t> member_ids;  // kAddMembers, kRemoveMembers, kReplaceMembers.
};
core::Result<std::vector<GroupChange>> ParseGroupPatch(const boost::json::object& patch);

// `group` with `changes` applied in order (members ascending, each once).
core::Group ApplyGroupChanges(core::Group group, const std::vector<GroupChange>& changes);

// `displayName eq "..."` or `id eq "..."`; kInvalidArgument (invalidFilter) for anything else.
core::Result<Filter> ParseGroupFilter(std::string_view text);

// `group` as a SCIM Group resource; `members` are (id, display) of its members, left out when
// `with_members` is false (excludedAttributes=members, which Entra ID asks for). `base_url` ends
// before "/Groups".
boost::json::object EncodeGroup(const core::Group& group,
                                const std::vector<std::pair<int64_t, std::string>>& members,
                                bool with_members, std::string_view base_url);

}  // namespace debrief::formats::scim
