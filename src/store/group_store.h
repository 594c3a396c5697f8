// Groups of users (core::Group) as the identity provider provisions them, with their members.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/group.h"
#include "core/result.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

class GroupStore {
 public:
  virtual ~GroupStore() = default;

  // Creates the group with its members (id, version and created_at are set here). kAlreadyExists
  // (field "name") when a group of that name in any case exists; kInvalidArgument (field
  // "members") naming a member who is no user.
  virtual Result<core::Group> CreateGroup(core::Group group, const Change& change) = 0;
  virtual Result<core::Group> GetGroup(int64_t id) = 0;
  // The group named `name`, in any case of ASCII letters; kNotFound when none is.
  virtual Result<core::Group> FindGroupByName(std::string_view name) = 0;
  // Every group with its members, by id.
  virtual Result<std::vector<core::Group>> ListGroups() = 0;
  // The ids of the groups `user_id` is in, ascending.
  virtual Result<std::vector<int64_t>> ListGroupIdsOf(int64_t user_id) = 0;
  // Replaces the group's name and members with `group`'s, if it is still at `group.version`
  // (kFailedPrecondition when someone changed it since; kNotFound when it is gone); errors as
  // CreateGroup. Returns it at its new version.
  virtual Result<core::Group> UpdateGroup(const core::Group& group, const Change& change) = 0;
  // kNotFound when there is none. Its members stay users; only the membership goes.
  virtual Result<void> DeleteGroup(int64_t id, const Change& change) = 0;
};

}  // namespace debrief::store
