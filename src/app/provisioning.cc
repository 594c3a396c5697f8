#include "app/provisioning.h"

#include <boost/json.hpp>
#include <charconv>

#include "app/users.h"
#include "ingest/plain_text.h"

namespace debrief::app {
namespace {

// The provisioning client acts with the organisation's authority, not as a user here.
const core::Principal kProvider{0, core::Role::kAdmin};

// The SCIM userName of each user that has one, by user id.
core::Result<std::vector<core::UserIdentity>> ScimNames(store::Store& store) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::UserIdentity> identities, store.ListUserIdentities());
  std::erase_if(identities,
                [](const core::UserIdentity& identity) { return identity.issuer != kScimIssuer; });
  return identities;
}

std::string NameOf(const core::User& user, const std::vector<core::UserIdentity>& names) {
  for (const core::UserIdentity& name : names) {
    if (name.user_id == user.id) return name.subject;
  }
  return user.email;
}

// userName is not case-exact (RFC 7643 4.1.1): kept and compared in lower case.
std::string Folded(std::string_view user_name) { return ingest::AsciiLower(user_name); }

// The user with `email`, if any (as a list of none or one).
core::Result<std::vector<ProvisionedUser>> ByEmail(store::Store& store, std::string_view email) {
  auto user = store.FindUserByEmail(core::NormalizeEmail(email));
  if (!user) {
    if (user.error().code() == core::ErrorCode::kNotFound) return std::vector<ProvisionedUser>();
    return user.error();
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::UserIdentity> names, ScimNames(store));
  std::string user_name = NameOf(*user, names);
  return std::vector<ProvisionedUser>{{std::move(*user), std::move(user_name)}};
}

}  // namespace

core::Result<std::vector<ProvisionedUser>> FindProvisionedUsers(
    store::Store& store, const std::optional<formats::scim::Filter>& filter) {
  if (!filter) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::UserIdentity> names, ScimNames(store));
    std::vector<ProvisionedUser> all;
    for (core::User& user : users) {
      std::string user_name = NameOf(user, names);
      all.push_back({std::move(user), std::move(user_name)});
    }
    return all;
  }
  if (filter->attribute == "id") {
    int64_t id = 0;
    auto [end, error] =
        std::from_chars(filter->value.data(), filter->value.data() + filter->value.size(), id);
    if (error != std::errc() || end != filter->value.data() + filter->value.size()) {
      return std::vector<ProvisionedUser>();
    }
    auto user = GetProvisionedUser(store, id);
    if (!user) {
      if (user.error().code() == core::ErrorCode::kNotFound) return std::vector<ProvisionedUser>();
      return user.error();
    }
    return std::vector<ProvisionedUser>{std::move(*user)};
  }
  if (filter->attribute == "username") {
    // The name a provider gave wins over an address that happens to read the same; a user who
    // was here before provisioning began is found by address.
    std::string user_name = Folded(filter->value);
    auto named = store.FindUserByIdentity(kScimIssuer, user_name);
    if (named) return std::vector<ProvisionedUser>{{std::move(*named), user_name}};
    if (named.error().code() != core::ErrorCode::kNotFound) return named.error();
  }
  return ByEmail(store, filter->value);
}

core::Result<ProvisionedUser> GetProvisionedUser(store::Store& store, int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::UserIdentity> names, ScimNames(store));
  std::string user_name = NameOf(user, names);
  return ProvisionedUser{std::move(user), std::move(user_name)};
}

core::Result<ProvisionedUser> ProvisionUser(store::Store& store,
                                            const formats::scim::UserAttributes& given,
                                            const ProvisioningPolicy& policy) {
  std::optional<std::string> address = given.Address();
  if (!address || !given.user_name || given.user_name->size() > 255) {
    return core::Error::InvalidArgument(
        "userName (at most 255 characters) and an email address (in userName or emails) are "
        "needed",
        "userName");
  }
  core::User user;
  user.email = core::NormalizeEmail(*address);
  user.name = given.Name().value_or(user.email);
  user.role = policy.role;
  user.disabled = given.active.has_value() && !*given.active;
  user.password_hash = "";  // They sign in through the provider.
  core::UserIdentity name{0, std::string(kScimIssuer), Folded(*given.user_name), {}};
  boost::json::object audit{{"email", user.email},
                            {"name", user.name},
                            {"role", core::ToString(user.role)},
                            {"disabled", user.disabled},
                            {"via", "SCIM"}};
  auto created =
      store.CreateUserWithIdentity(user, name, {std::nullopt, boost::json::serialize(audit)});
  if (!created) {
    if (created.error().code() != core::ErrorCode::kAlreadyExists) return created.error();
    return core::Error::AlreadyExists(
        created.error().field() == "email"
            ? "a user with the address " + user.email + " exists"
            : "a user with the userName " + *given.user_name + " exists",
        "userName");
  }
  return ProvisionedUser{std::move(*created), name.subject};
}

core::Result<ProvisionedUser> UpdateProvisionedUser(store::Store& store, int64_t id,
                                                    const formats::scim::UserAttributes& changes) {
  DEBRIEF_ASSIGN_OR_RETURN(ProvisionedUser current, GetProvisionedUser(store, id));
  const core::User& user = current.user;
  bool other_name = changes.user_name && Folded(*changes.user_name) != current.user_name &&
                    core::NormalizeEmail(*changes.user_name) != user.email;
  bool other_address = changes.email && core::NormalizeEmail(*changes.email) != user.email;
  if (other_name || other_address) {
    return core::Error::InvalidArgument(
        "a user's userName and address are who they are in debrief and cannot change; "
        "provision a new user for the new ones",
        "userName");
  }
  UserChanges change;
  if (std::optional<std::string> name = changes.Name(); name && *name != user.name) {
    change.name = *name;
  }
  if (changes.active && *changes.active == user.disabled) change.disabled = !*changes.active;
  if (!change.name && !change.disabled) return current;
  if (change.disabled.value_or(false)) {
    DEBRIEF_ASSIGN_OR_RETURN(bool last, IsLastActiveAdmin(store, user));
    if (last) {
      return core::Error::Conflict(
          "the last active admin cannot be deprovisioned: make someone else an admin first");
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(current.user, ChangeUser(store, kProvider, id, change));
  return current;
}

}  // namespace debrief::app
