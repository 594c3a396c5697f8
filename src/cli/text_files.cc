#include "cli/text_files.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "core/utf8.h"

namespace debrief::cli {

core::Result<std::string> ReadTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::InvalidArgument(path.string() + ": cannot be read");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find('\0') != std::string::npos) {
    return core::Error::InvalidArgument(path.string() + ": looks like a binary file, not text");
  }
  size_t bad = 0;
  if (!core::IsValidUtf8(text, &bad)) {
    return core::Error::InvalidArgument(path.string() + ": is not valid UTF-8 (byte " +
                                        std::to_string(bad) + ")");
  }
  return text;
}

core::Result<std::string> ReadSecret(const std::string& file, const char* variable,
                                     std::string_view flag) {
  if (file.empty()) {
    const char* given = std::getenv(variable);
    return std::string(given == nullptr ? "" : given);
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::string secret, ReadTextFile(file));
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) {
    return core::Error::InvalidArgument(std::string(flag) + " " + file + " is empty");
  }
  return secret;
}

core::Result<language::RulePack> LoadRulePack(const std::string& path) {
  auto pack = language::DefaultRulePack();
  if (!pack || path.empty()) return pack;
  DEBRIEF_ASSIGN_OR_RETURN(std::string organisation, ReadTextFile(path));
  return language::LayerRulePack(std::move(*pack), organisation, path);
}

}  // namespace debrief::cli
