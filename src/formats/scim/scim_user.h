// SCIM 2.0 (RFC 7643, RFC 7644) as identity providers speak it to provision debrief's users: a
// User resource read and written, the `userName eq "..."` filters they look people up with, and
// PATCH operations in both shapes providers send (Okta: lower-case ops with a value object and
// no path; Entra ID: capitalised ops, a path, booleans as the strings "True"/"False").
// Attributes debrief has no place for (titles, addresses, the enterprise extension) are read
// past, as providers send whatever their mapping holds.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/user.h"
#include "formats/scim/scim_message.h"

namespace debrief::formats::scim {

inline constexpr std::string_view kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
// What a provider says of a user; left out: not said.
struct UserAttributes {
  // The provider's name for them: an address, or a login name (then the address is in emails).
  std::optional<std::string> user_name;
  std::optional<std::string> email;  // The primary (or work, or first) address of emails.
  std::optional<std::string> display_name;
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<std::string> formatted_name;
  std::optional<bool> active;

  // The address to keep: the email, else a userName that is one.
  std::optional<std::string> Address() const;
  // The name to show: displayName, else name.formatted, else given and family names (both).
  std::optional<std::string> Name() const;
};

// A User resource (POST, PUT). kInvalidArgument (SCIM invalidValue/invalidSyntax) naming the
// attribute for one of the wrong type.
core::Result<UserAttributes> ParseUser(const boost::json::object& resource);

// A PatchOp (PATCH): the attributes it sets, in order (a later op wins). kInvalidArgument for
// what is not a PatchOp, an unknown op, or an add/replace without a value.
core::Result<UserAttributes> ParseUserPatch(const boost::json::object& patch);

// The filters providers look users up with: `<attribute> eq "<value>"` for userName, id or
// emails[.value]. kInvalidArgument (SCIM invalidFilter) for anything else, externalId too: none
// is kept.
core::Result<Filter> ParseFilter(std::string_view text);

// `user` as a SCIM User resource named `user_name`; `base_url` ends before "/Users".
boost::json::object EncodeUser(const core::User& user, std::string_view user_name,
                               std::string_view base_url);

}  // namespace debrief::formats::scim
