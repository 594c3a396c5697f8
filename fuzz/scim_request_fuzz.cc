// What an identity provider sends to the SCIM endpoint: a filter (the first line) and a body
// (the rest), read as a User and a Group resource and as a PatchOp of each. Nothing may crash
// whatever the bytes; a user accepted has a userName, an address read has an "@", a group
// accepted has a name and members that are user ids, and a filter read names an attribute
// debrief looks users or groups up by.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/scim/scim_group.h"
#include "formats/scim/scim_user.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t line = text.find('\n');
  std::string_view filter_text = text.substr(0, line);
  if (auto filter = formats::scim::ParseFilter(filter_text)) {
    if (filter->attribute != "username" && filter->attribute != "id" &&
        filter->attribute != "emails.value") {
      __builtin_trap();
    }
  }
  if (auto filter = formats::scim::ParseGroupFilter(filter_text)) {
    if (filter->attribute != "displayname" && filter->attribute != "id") __builtin_trap();
  }
  if (line == std::string_view::npos) return 0;
  boost::json::parse_options options;
  options.max_depth = 32;  // As the API reads bodies.
  boost::system::error_code error;
  boost::json::value body = boost::json::parse(text.substr(line + 1), error, {}, options);
  if (error || !body.is_object()) return 0;
  if (auto user = formats::scim::ParseUser(body.as_object())) {
    if (!user->user_name || user->user_name->empty()) __builtin_trap();
    if (auto address = user->Address(); address && address->find('@') == std::string::npos) {
      __builtin_trap();
    }
    (void)user->Name();
  }
  if (auto patch = formats::scim::ParseUserPatch(body.as_object())) {
    if (auto address = patch->Address(); address && address->find('@') == std::string::npos) {
      __builtin_trap();
    }
    (void)patch->Name();
  }
  if (auto group = formats::scim::ParseGroup(body.as_object())) {
    if (group->display_name.empty()) __builtin_trap();
    for (int64_t id : group->member_ids) {
      if (id <= 0) __builtin_trap();
    }
  }
  if (auto changes = formats::scim::ParseGroupPatch(body.as_object())) {
    core::Group applied = formats::scim::ApplyGroupChanges(core::Group{}, *changes);
    for (size_t index = 0; index < applied.member_ids.size(); ++index) {
      if (applied.member_ids[index] <= 0) __builtin_trap();
      if (index > 0 && applied.member_ids[index - 1] >= applied.member_ids[index]) __builtin_trap();
    }
  }
  return 0;
}
