#include "formats/scim/scim_group.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "core/time.h"
#include "ingest/plain_text.h"

namespace debrief::formats::scim {
namespace {

namespace bj = boost::json;

std::string GroupPath(std::string_view path) { return NormalPath(path, kGroupSchema); }

// A member's id: the string (or number) of one of debrief's user ids.
core::Result<int64_t> MemberId(const bj::value& value) {
  int64_t id = 0;
  if (value.is_int64()) {
    id = value.as_int64();
  } else if (value.is_string()) {
    std::string_view text = value.as_string();
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size()) id = 0;
  }
  if (id <= 0) {
    return core::Error::InvalidArgument(
        "members[].value must be the id of a user of this debrief (" + bj::serialize(value) + ")",
        "members");
  }
  return id;
}

// A members list: objects with the user's id as "value" (a "display" or "$ref" beside it is read
// past; a "type" other than User is a nested group, refused).
core::Result<std::vector<int64_t>> MemberIds(const bj::value& members) {
  if (!members.is_array()) {
    return core::Error::InvalidArgument("members must be a list", "members");
  }
  std::vector<int64_t> ids;
  for (const bj::value& entry : members.as_array()) {
    if (!entry.is_object()) {
      return core::Error::InvalidArgument("members must hold objects", "members");
    }
    const bj::value* value = nullptr;
    for (const auto& [key, field] : entry.as_object()) {
      std::string name = ingest::AsciiLower(key);
      if (name == "value") value = &field;
      if (name == "type" && field.is_string() && ingest::AsciiLower(field.as_string()) != "user") {
        return core::Error::InvalidArgument(
            "members are people here; a group within a group is not supported", "members");
      }
    }
    if (value == nullptr) {
      return core::Error::InvalidArgument("each member needs a value (a user id)", "members");
    }
    DEBRIEF_ASSIGN_OR_RETURN(int64_t id, MemberId(*value));
    ids.push_back(id);
  }
  return ids;
}

core::Result<std::string> DisplayName(const bj::value& value) {
  if (!value.is_string() || ingest::TrimSpace(value.as_string()).empty()) {
    return core::Error::InvalidArgument("displayName must be a name", "displayName");
  }
  std::string name(ingest::TrimSpace(value.as_string()));
  if (name.size() > 255) {
    return core::Error::InvalidArgument("displayName is at most 255 characters", "displayName");
  }
  return name;
}

// The member a path such as `members[value eq "12"]` names, or nullopt for another path.
core::Result<std::optional<int64_t>> FilteredMember(std::string_view path) {
  size_t open = path.find('[');
  if (open == std::string_view::npos || GroupPath(path.substr(0, open)) != "members") {
    return std::optional<int64_t>();
  }
  if (path.back() != ']') {
    return core::Error::InvalidArgument("a members path ends its filter with ]", "path");
  }
  auto filter =
      ParseEqualityFilter(path.substr(open + 1, path.size() - open - 2), kGroupSchema, {"value"});
  if (!filter) {
    return core::Error::InvalidArgument("members can be picked by value eq \"<id>\" only", "path");
  }
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, MemberId(bj::value(filter->value)));
  return std::optional<int64_t>(id);
}

// The changes an operation with a path makes.
core::Result<void> ReadPathOperation(const PatchOperation& operation,
                                     std::vector<GroupChange>& changes) {
  const std::string& path = *operation.path;
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<int64_t> picked, FilteredMember(path));
  if (picked) {
    if (operation.op != "remove") {
      return core::Error::InvalidArgument("a member picked by a filter can only be removed",
                                          "path");
    }
    changes.push_back({GroupChange::Kind::kRemoveMembers, {}, {*picked}});
    return core::Ok();
  }
  std::string attribute = GroupPath(path);
  if (attribute == "displayname") {
    if (operation.op == "remove") {
      return core::Error::InvalidArgument("a group keeps its displayName", "displayName");
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::string name, DisplayName(*operation.value));
    changes.push_back({GroupChange::Kind::kRename, std::move(name), {}});
    return core::Ok();
  }
  if (attribute == "members") {
    if (operation.op == "remove" && operation.value == nullptr) {
      changes.push_back({GroupChange::Kind::kRemoveAllMembers, {}, {}});
      return core::Ok();
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> ids, MemberIds(*operation.value));
    GroupChange::Kind kind = operation.op == "add"      ? GroupChange::Kind::kAddMembers
                             : operation.op == "remove" ? GroupChange::Kind::kRemoveMembers
                                                        : GroupChange::Kind::kReplaceMembers;
    changes.push_back({kind, {}, std::move(ids)});
    return core::Ok();
  }
  // externalId and the rest: nothing of it is kept here.
  return core::Ok();
}

}  // namespace

core::Result<GroupResource> ParseGroup(const bj::object& resource) {
  GroupResource group;
  bool named = false;
  for (const auto& [key, value] : resource) {
    std::string path = GroupPath(key);
    if (path == "displayname") {
      DEBRIEF_ASSIGN_OR_RETURN(group.display_name, DisplayName(value));
      named = true;
    } else if (path == "members" && !value.is_null()) {
      DEBRIEF_ASSIGN_OR_RETURN(group.member_ids, MemberIds(value));
    }
  }
  if (!named) return core::Error::InvalidArgument("displayName is required", "displayName");
  return group;
}

core::Result<std::vector<GroupChange>> ParseGroupPatch(const bj::object& patch) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<PatchOperation> operations, ReadPatchOperations(patch));
  std::vector<GroupChange> changes;
  for (const PatchOperation& operation : operations) {
    if (operation.path) {
      DEBRIEF_RETURN_IF_ERROR(ReadPathOperation(operation, changes));
      continue;
    }
    if (operation.op == "remove") {
      return core::Error::InvalidArgument("remove needs a path", "path");
    }
    // No path: the value is an object of attributes (Okta's rename sends the id beside the name).
    if (!operation.value->is_object()) {
      return core::Error::InvalidArgument("without a path, the value must be an object", "value");
    }
    for (const auto& [key, field] : operation.value->as_object()) {
      DEBRIEF_RETURN_IF_ERROR(ReadPathOperation({operation.op, key, &field}, changes));
    }
  }
  return changes;
}

core::Group ApplyGroupChanges(core::Group group, const std::vector<GroupChange>& changes) {
  std::vector<int64_t>& members = group.member_ids;
  for (const GroupChange& change : changes) {
    switch (change.kind) {
      case GroupChange::Kind::kRename:
        group.name = change.name;
        break;
      case GroupChange::Kind::kAddMembers:
        members.insert(members.end(), change.member_ids.begin(), change.member_ids.end());
        break;
      case GroupChange::Kind::kRemoveMembers:
        std::erase_if(members, [&](int64_t id) {
          return std::find(change.member_ids.begin(), change.member_ids.end(), id) !=
                 change.member_ids.end();
        });
        break;
      case GroupChange::Kind::kRemoveAllMembers:
        members.clear();
        break;
      case GroupChange::Kind::kReplaceMembers:
        members = change.member_ids;
        break;
    }
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return group;
}

core::Result<Filter> ParseGroupFilter(std::string_view text) {
  return ParseEqualityFilter(text, kGroupSchema, {"displayname", "id"});
}

bj::object EncodeGroup(const core::Group& group,
                       const std::vector<std::pair<int64_t, std::string>>& members,
                       bool with_members, std::string_view base_url) {
  std::string id = std::to_string(group.id);
  bj::object resource{
      {"schemas", bj::array{kGroupSchema}},
      {"id", id},
      {"displayName", group.name},
      {"meta",
       {{"resourceType", "Group"},
        {"created", core::FormatRfc3339(group.created_at)},
        {"version", "W/\"" + std::to_string(group.version) + "\""},
        {"location", std::string(base_url) + "/Groups/" + id}}},
  };
  if (with_members) {
    bj::array listed;
    for (const auto& [member_id, display] : members) {
      std::string member = std::to_string(member_id);
      listed.push_back({{"value", member},
                        {"display", display},
                        {"type", "User"},
                        {"$ref", std::string(base_url) + "/Users/" + member}});
    }
    resource["members"] = std::move(listed);
  }
  return resource;
}

}  // namespace debrief::formats::scim
