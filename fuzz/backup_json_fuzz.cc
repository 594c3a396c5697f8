// A JSON backup as `debrief restore` and `debrief import` read it: decoded, and when it decodes,
// written again and decoded again, which must give the same backup (nothing lost or invented).

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/backup/backup_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::system::error_code error;
  boost::json::value json = boost::json::parse(text, error);
  if (error) return 0;
  auto backup = formats::DecodeBackup(json);
  if (!backup) return 0;
  boost::json::object written = formats::EncodeBackup(*backup);
  auto reread = formats::DecodeBackup(written);
  if (!reread) __builtin_trap();
  if (formats::EncodeBackup(*reread) != written) __builtin_trap();
  return 0;
}
