// Settings shared by the sub-commands, with their environment-variable fallbacks.
#pragma once

#include <cstdlib>
#include <string>

namespace debrief::cli {

inline std::string EnvOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

inline std::string DefaultDatabase() { return EnvOr("DEBRIEF_DB", "var/debrief.db"); }
inline std::string DefaultListen() { return EnvOr("DEBRIEF_LISTEN", "127.0.0.1:8080"); }

}  // namespace debrief::cli
