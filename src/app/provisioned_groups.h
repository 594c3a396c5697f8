// Groups as the organisation's identity provider provisions them over SCIM (formats/scim): looked
// up by name, created, renamed, their members added and removed, and deleted. With a role map
// (ProvisioningPolicy::group_roles), each change of membership is a change of role for the people
// it touches, made through app::ChangeUser in the same transaction as the membership: a lower
// role ends their sessions at once, and no change may take the admin role from the last active
// admin (kConflict, nothing written).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/provisioning.h"
#include "core/group.h"
#include "core/result.h"
#include "formats/scim/scim_group.h"
#include "store/store.h"

namespace debrief::app {

// A group with what the provider is shown of its members: their id and address.
struct ProvisionedGroup {
  core::Group group;
  std::vector<std::pair<int64_t, std::string>> members;
};

// The groups `filter` (displayName or id eq) selects, every group without one; by id.
core::Result<std::vector<ProvisionedGroup>> FindProvisionedGroups(
    store::Store& store, const std::optional<formats::scim::Filter>& filter);

core::Result<ProvisionedGroup> GetProvisionedGroup(store::Store& store, int64_t id);

// Creates the group with its members. kAlreadyExists (SCIM uniqueness) for a name taken in any
// case; kInvalidArgument for a member who is no user.
core::Result<ProvisionedGroup> ProvisionGroup(store::Store& store,
                                              const formats::scim::GroupResource& given,
                                              const ProvisioningPolicy& policy);

// PUT: the group becomes `given` (its name and exactly its members).
core::Result<ProvisionedGroup> ReplaceProvisionedGroup(store::Store& store, int64_t id,
                                                       const formats::scim::GroupResource& given,
                                                       const ProvisioningPolicy& policy);

// PATCH: `changes` applied in order to the group as it is now. A write that meets another
// provider's change to the same group reads it again and applies the changes to that.
core::Result<ProvisionedGroup> PatchProvisionedGroup(
    store::Store& store, int64_t id, const std::vector<formats::scim::GroupChange>& changes,
    const ProvisioningPolicy& policy);

// Deletes the group; its members stay, their roles following their other groups.
core::Result<void> DeleteProvisionedGroup(store::Store& store, int64_t id,
                                          const ProvisioningPolicy& policy);

}  // namespace debrief::app
