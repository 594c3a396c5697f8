#include "formats/scim/scim_user.h"

#include <boost/json.hpp>

#include "core/time.h"
#include "ingest/plain_text.h"

namespace debrief::formats::scim {
namespace {

namespace bj = boost::json;

core::Error Invalid(std::string_view attribute, std::string_view what) {
  return core::Error::InvalidArgument(std::string(attribute) + " " + std::string(what),
                                      std::string(attribute));
}

core::Result<std::string> Text(const bj::value& value, std::string_view attribute) {
  if (!value.is_string()) return Invalid(attribute, "must be a string");
  return std::string(value.as_string());
}

// SCIM booleans; Entra ID has sent them as the strings "True" and "False".
core::Result<bool> Boolean(const bj::value& value, std::string_view attribute) {
  if (value.is_bool()) return value.as_bool();
  if (value.is_string()) {
    std::string text = ingest::AsciiLower(value.as_string());
    if (text == "true") return true;
    if (text == "false") return false;
  }
  return Invalid(attribute, "must be true or false");
}

// The address emails[] names first: the primary one, else the work one, else the first.
core::Result<std::optional<std::string>> PrimaryEmail(const bj::value& emails) {
  if (!emails.is_array()) return Invalid("emails", "must be a list");
  const bj::object* chosen = nullptr;
  int chosen_rank = -1;
  for (const bj::value& entry : emails.as_array()) {
    if (!entry.is_object()) return Invalid("emails", "must hold objects");
    const bj::object& email = entry.as_object();
    const bj::value* value = email.if_contains("value");
    if (value == nullptr || !value->is_string()) continue;
    int rank = 0;
    if (const bj::value* type = email.if_contains("type");
        type != nullptr && type->is_string() && ingest::AsciiLower(type->as_string()) == "work") {
      rank = 1;
    }
    if (const bj::value* primary = email.if_contains("primary")) {
      auto is_primary = Boolean(*primary, "emails.primary");
      if (!is_primary) return is_primary.error();
      if (*is_primary) rank = 2;
    }
    if (rank > chosen_rank) {
      chosen = &email;
      chosen_rank = rank;
    }
  }
  if (chosen == nullptr) return std::optional<std::string>();
  return std::optional<std::string>(std::string(chosen->at("value").as_string()));
}

// The attribute path without the User schema's prefix, in lower case ("name.givenname").
std::string UserPath(std::string_view path) { return NormalPath(path, kUserSchema); }

// Sets the attribute at `path` (lower case) from `value`; paths debrief keeps nothing of are
// read past.
core::Result<void> Apply(UserAttributes& user, const std::string& path, const bj::value& value) {
  if (value.is_null()) return core::Ok();  // Unassigned (RFC 7643 2.5): nothing said.
  if (path == "username") {
    DEBRIEF_ASSIGN_OR_RETURN(user.user_name, Text(value, "userName"));
  } else if (path == "displayname") {
    DEBRIEF_ASSIGN_OR_RETURN(user.display_name, Text(value, "displayName"));
  } else if (path == "active") {
    DEBRIEF_ASSIGN_OR_RETURN(user.active, Boolean(value, "active"));
  } else if (path == "name.givenname") {
    DEBRIEF_ASSIGN_OR_RETURN(user.given_name, Text(value, "name.givenName"));
  } else if (path == "name.familyname") {
    DEBRIEF_ASSIGN_OR_RETURN(user.family_name, Text(value, "name.familyName"));
  } else if (path == "name.formatted") {
    DEBRIEF_ASSIGN_OR_RETURN(user.formatted_name, Text(value, "name.formatted"));
  } else if (path == "name") {
    if (!value.is_object()) return Invalid("name", "must be an object");
    for (const auto& [key, part] : value.as_object()) {
      DEBRIEF_RETURN_IF_ERROR(Apply(user, "name." + ingest::AsciiLower(key), part));
    }
  } else if (path == "emails") {
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<std::string> email, PrimaryEmail(value));
    if (email) user.email = std::move(email);
  } else if (path == R"(emails[type eq "work"].value)" || path == "emails.value" ||
             path == R"(emails[primary eq true].value)") {
    DEBRIEF_ASSIGN_OR_RETURN(user.email, Text(value, "emails.value"));
  }
  return core::Ok();
}

}  // namespace

std::optional<std::string> UserAttributes::Address() const {
  if (email && email->find('@') != std::string::npos) return email;
  if (user_name && user_name->find('@') != std::string::npos) return user_name;
  return std::nullopt;
}

std::optional<std::string> UserAttributes::Name() const {
  auto present = [](const std::optional<std::string>& text) { return text && !text->empty(); };
  if (present(display_name)) return display_name;
  if (present(formatted_name)) return formatted_name;
  // One part alone (a PATCH of the surname) says nothing of the whole name kept here.
  if (present(given_name) && present(family_name)) return *given_name + " " + *family_name;
  return std::nullopt;
}

core::Result<UserAttributes> ParseUser(const bj::object& resource) {
  UserAttributes user;
  for (const auto& [key, value] : resource) {
    std::string path = UserPath(key);
    // The enterprise extension and the rest: nothing of it is kept here.
    if (path == "schemas" || path == "id" || path == "meta" || path == "externalid") continue;
    DEBRIEF_RETURN_IF_ERROR(Apply(user, path, value));
  }
  if (!user.user_name || user.user_name->empty()) {
    return core::Error::InvalidArgument("userName is required", "userName");
  }
  return user;
}

core::Result<UserAttributes> ParseUserPatch(const bj::object& patch) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<PatchOperation> operations, ReadPatchOperations(patch));
  UserAttributes user;
  for (const PatchOperation& operation : operations) {
    if (operation.op == "remove") continue;  // Nothing debrief keeps may be left empty.
    if (operation.path) {
      DEBRIEF_RETURN_IF_ERROR(Apply(user, UserPath(*operation.path), *operation.value));
      continue;
    }
    // No path: the value is an object of attributes, by name or by dotted path.
    if (!operation.value->is_object()) {
      return core::Error::InvalidArgument("without a path, the value must be an object", "value");
    }
    for (const auto& [key, field] : operation.value->as_object()) {
      DEBRIEF_RETURN_IF_ERROR(Apply(user, UserPath(key), field));
    }
  }
  return user;
}

core::Result<Filter> ParseFilter(std::string_view text) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Filter filter,
      ParseEqualityFilter(text, kUserSchema, {"username", "id", "emails", "emails.value"}));
  if (filter.attribute == "emails") filter.attribute = "emails.value";
  return filter;
}

bj::object EncodeUser(const core::User& user, std::string_view user_name,
                      std::string_view base_url) {
  std::string id = std::to_string(user.id);
  return {
      {"schemas", bj::array{kUserSchema}},
      {"id", id},
      {"userName", user_name},
      {"displayName", user.name},
      {"name", {{"formatted", user.name}}},
      {"emails", bj::array{bj::object{{"value", user.email}, {"type", "work"}, {"primary", true}}}},
      {"active", !user.disabled},
      {"meta",
       {{"resourceType", "User"},
        {"created", core::FormatRfc3339(user.created_at)},
        {"version", "W/\"" + std::to_string(user.version) + "\""},
        {"location", std::string(base_url) + "/Users/" + id}}},
  };
}

}  // namespace debrief::formats::scim
