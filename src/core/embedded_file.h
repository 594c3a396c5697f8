// A file compiled into the binary by cmake/Embed.cmake (migrations, rule packs, web assets).
#pragma once

#include <string_view>

namespace debrief::core {

struct EmbeddedFile {
  std::string_view path;
  std::string_view content;
};

}  // namespace debrief::core
