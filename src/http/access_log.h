// AccessLog: one JSON line per request on a FILE (stdout by default): time, request id, method,
// path, route, status, duration, response size, user id and client address. Query strings,
// headers and bodies are never logged: they may hold search terms, tokens or passwords.
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string_view>

#include "core/time.h"

namespace debrief::http {

struct AccessRecord {
  core::Timestamp at{};
  std::string_view request_id;
  std::string_view method;
  std::string_view path;
  std::string_view route;
  unsigned status = 0;
  std::chrono::nanoseconds duration{};
  size_t bytes = 0;
  std::optional<int64_t> user_id;
  std::string_view client_address;
};

class AccessLog {
 public:
  explicit AccessLog(std::FILE* out) : out_(out) {}
  void Write(const AccessRecord& record);
  // Lines are buffered for speed; the server flushes them every second and at shutdown.
  void Flush();
  // Also used for server events ("listening", "shutting down"), as {"event": ..., "detail": ...}.
  void Event(core::Timestamp at, std::string_view event, std::string_view detail);

 private:
  std::FILE* out_;
};

}  // namespace debrief::http
