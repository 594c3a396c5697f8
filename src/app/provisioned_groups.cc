#include "app/provisioned_groups.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <set>

#include "app/auth/identity_sign_in.h"
#include "app/incident_access.h"
#include "app/users.h"

namespace debrief::app {
namespace {

namespace bj = boost::json;
namespace scim = formats::scim;

// The provisioning client acts with the organisation's authority, not as a user here.
const core::Principal kProvider{0, core::Role::kAdmin};

// A group's write may meet another's; a PATCH is read and applied again this often.
constexpr int kPatchAttempts = 3;

// The groups with their members' addresses, from one read of the users.
core::Result<std::vector<ProvisionedGroup>> WithMembers(store::Store& store,
                                                        std::vector<core::Group> groups) {
  std::map<int64_t, std::string> addresses;
  if (std::any_of(groups.begin(), groups.end(),
                  [](const core::Group& group) { return !group.member_ids.empty(); })) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
    for (core::User& user : users) addresses.emplace(user.id, std::move(user.email));
  }
  std::vector<ProvisionedGroup> out;
  out.reserve(groups.size());
  for (core::Group& group : groups) {
    ProvisionedGroup provisioned{std::move(group), {}};
    for (int64_t id : provisioned.group.member_ids) {
      auto address = addresses.find(id);
      provisioned.members.emplace_back(
          id, address == addresses.end() ? std::string() : address->second);
    }
    out.push_back(std::move(provisioned));
  }
  return out;
}

core::Result<ProvisionedGroup> WithMembers(store::Store& store, core::Group group) {
  std::vector<core::Group> one;
  one.push_back(std::move(group));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<ProvisionedGroup> read, WithMembers(store, std::move(one)));
  return std::move(read.front());
}

// The role `user_id`'s groups give them under `policy`.
core::Role RoleOf(int64_t user_id, const std::vector<core::Group>& groups,
                  const ProvisioningPolicy& policy) {
  std::vector<std::string> names;
  for (const core::Group& group : groups) {
    if (std::binary_search(group.member_ids.begin(), group.member_ids.end(), user_id)) {
      names.push_back(core::GroupNameKey(group.name));
    }
  }
  auth::IdentityPolicy keyed;
  for (const auto& [name, role] : policy.group_roles) {
    keyed.group_roles.emplace_back(name == "*" ? name : core::GroupNameKey(name), role);
  }
  return auth::RoleForGroups(names, keyed).value_or(policy.role);
}

// Brings the roles of `user_ids` in line with their groups as they now are.
core::Result<void> FollowGroupRoles(store::Store& store, const std::set<int64_t>& user_ids,
                                    const ProvisioningPolicy& policy) {
  if (policy.group_roles.empty() || user_ids.empty()) return core::Ok();
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Group> groups, store.ListGroups());
  for (int64_t id : user_ids) {
    DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(id));
    core::Role role = RoleOf(id, groups, policy);
    if (role == user.role) continue;
    if (role != core::Role::kAdmin) {
      DEBRIEF_ASSIGN_OR_RETURN(bool last, IsLastActiveAdmin(store, user));
      if (last) {
        return core::Error::Conflict("this would take the admin role from " + user.email +
                                     ", the last active admin: make someone else an admin first");
      }
    }
    UserChanges change;
    change.role = role;
    DEBRIEF_RETURN_IF_ERROR(ChangeUser(store, kProvider, id, change));
  }
  return core::Ok();
}

// A group's members changed or it went: people who left it no longer see the restricted
// incidents it reads, and what they were told of those is taken back.
core::Result<void> ForgetForGroup(store::Store& store, int64_t group_id) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::RestrictedIncident> restricted,
                           store.ListRestrictedIncidents());
  for (const core::RestrictedIncident& incident : restricted) {
    const std::vector<int64_t>& groups = incident.readers.group_ids;
    if (std::find(groups.begin(), groups.end(), group_id) == groups.end()) continue;
    DEBRIEF_RETURN_IF_ERROR(ForgetWhatTheUnseeingWereTold(store, incident));
  }
  return core::Ok();
}

bj::array Ids(const std::vector<int64_t>& ids) {
  bj::array out;
  for (int64_t id : ids) out.push_back(id);
  return out;
}

// Who is in one of the lists and not the other.
std::vector<int64_t> Missing(const std::vector<int64_t>& from, const std::vector<int64_t>& in) {
  std::vector<int64_t> missing;
  std::set_difference(from.begin(), from.end(), in.begin(), in.end(), std::back_inserter(missing));
  return missing;
}

// Writes `after` over `before` (same id and version) with the roles it changes, in one
// transaction. The audit entry names the group and who joined or left.
core::Result<core::Group> WriteGroup(store::Store& store, const core::Group& before,
                                     const core::Group& after, const ProvisioningPolicy& policy) {
  std::vector<int64_t> joined = Missing(after.member_ids, before.member_ids);
  std::vector<int64_t> left = Missing(before.member_ids, after.member_ids);
  bool renamed = after.name != before.name;
  if (!renamed && joined.empty() && left.empty()) return before;
  bj::object diff{{"via", "SCIM"}};
  if (renamed) diff["name"] = {{"from", before.name}, {"to", after.name}};
  if (!joined.empty()) diff["joined"] = Ids(joined);
  if (!left.empty()) diff["left"] = Ids(left);
  // A rename can change what the role map says of every member.
  std::set<int64_t> touched(joined.begin(), joined.end());
  touched.insert(left.begin(), left.end());
  if (renamed) touched.insert(after.member_ids.begin(), after.member_ids.end());
  core::Group written;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(written,
                             store.UpdateGroup(after, {std::nullopt, bj::serialize(diff)}));
    DEBRIEF_RETURN_IF_ERROR(FollowGroupRoles(store, touched, policy));
    if (left.empty()) return core::Ok();
    return ForgetForGroup(store, after.id);
  }));
  return written;
}

core::Group Normalised(core::Group group) { return scim::ApplyGroupChanges(std::move(group), {}); }

}  // namespace

core::Result<std::vector<ProvisionedGroup>> FindProvisionedGroups(
    store::Store& store, const std::optional<scim::Filter>& filter) {
  std::vector<core::Group> groups;
  if (!filter) {
    DEBRIEF_ASSIGN_OR_RETURN(groups, store.ListGroups());
  } else {
    auto found = core::Result<core::Group>(core::Error::NotFound("no group"));
    if (filter->attribute == "id") {
      int64_t id = 0;
      auto [end, error] =
          std::from_chars(filter->value.data(), filter->value.data() + filter->value.size(), id);
      if (error == std::errc() && end == filter->value.data() + filter->value.size()) {
        found = store.GetGroup(id);
      }
    } else {
      found = store.FindGroupByName(filter->value);
    }
    if (found) {
      groups.push_back(std::move(*found));
    } else if (found.error().code() != core::ErrorCode::kNotFound) {
      return found.error();
    }
  }
  return WithMembers(store, std::move(groups));
}

core::Result<ProvisionedGroup> GetProvisionedGroup(store::Store& store, int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Group group, store.GetGroup(id));
  return WithMembers(store, std::move(group));
}

core::Result<ProvisionedGroup> ProvisionGroup(store::Store& store, const scim::GroupResource& given,
                                              const ProvisioningPolicy& policy) {
  core::Group group;
  group.name = given.display_name;
  group.member_ids = given.member_ids;
  group = Normalised(std::move(group));
  bj::object diff{{"name", group.name}, {"joined", Ids(group.member_ids)}, {"via", "SCIM"}};
  core::Group created;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(created,
                             store.CreateGroup(group, {std::nullopt, bj::serialize(diff)}));
    return FollowGroupRoles(store, {created.member_ids.begin(), created.member_ids.end()}, policy);
  }));
  return WithMembers(store, std::move(created));
}

core::Result<ProvisionedGroup> ReplaceProvisionedGroup(store::Store& store, int64_t id,
                                                       const scim::GroupResource& given,
                                                       const ProvisioningPolicy& policy) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Group before, store.GetGroup(id));
  core::Group after = before;
  after.name = given.display_name;
  after.member_ids = given.member_ids;
  DEBRIEF_ASSIGN_OR_RETURN(core::Group written,
                           WriteGroup(store, before, Normalised(std::move(after)), policy));
  return WithMembers(store, std::move(written));
}

core::Result<ProvisionedGroup> PatchProvisionedGroup(store::Store& store, int64_t id,
                                                     const std::vector<scim::GroupChange>& changes,
                                                     const ProvisioningPolicy& policy) {
  for (int attempt = 1;; ++attempt) {
    DEBRIEF_ASSIGN_OR_RETURN(core::Group before, store.GetGroup(id));
    auto written = WriteGroup(store, before, scim::ApplyGroupChanges(before, changes), policy);
    if (written) return WithMembers(store, std::move(*written));
    if (written.error().code() != core::ErrorCode::kFailedPrecondition ||
        attempt == kPatchAttempts) {
      return written.error();
    }
  }
}

core::Result<void> DeleteProvisionedGroup(store::Store& store, int64_t id,
                                          const ProvisioningPolicy& policy) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Group group, store.GetGroup(id));
  bj::object diff{{"name", group.name}, {"via", "SCIM"}};
  // The incidents it read, before the readers' rows go with it.
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::RestrictedIncident> restricted,
                           store.ListRestrictedIncidents());
  return store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_RETURN_IF_ERROR(store.DeleteGroup(id, {std::nullopt, bj::serialize(diff)}));
    DEBRIEF_RETURN_IF_ERROR(
        FollowGroupRoles(store, {group.member_ids.begin(), group.member_ids.end()}, policy));
    for (core::RestrictedIncident& incident : restricted) {
      std::vector<int64_t>& groups = incident.readers.group_ids;
      if (std::find(groups.begin(), groups.end(), id) == groups.end()) continue;
      std::erase(groups, id);
      DEBRIEF_RETURN_IF_ERROR(ForgetWhatTheUnseeingWereTold(store, incident));
    }
    return core::Ok();
  });
}

}  // namespace debrief::app
