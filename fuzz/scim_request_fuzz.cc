// What an identity provider sends to the SCIM endpoint: a filter (the first line) and a body
// (the rest), read as a User resource and as a PatchOp. Nothing may crash whatever the bytes; a
// resource accepted has a userName, an address read has an "@", and a filter read names an
// attribute debrief looks users up by.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

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
  return 0;
}
