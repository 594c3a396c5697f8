// AlertHook: an inbound hook that an alerting system (Prometheus Alertmanager) posts its
// notifications to. Each hook has its own secret token and its own routes: label matchers that
// send alerts to a named incident. Alerts no route takes open a new incident in `investigating`
// when the hook is set to, and are counted and passed over otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/schema.h"
#include "core/time.h"

namespace debrief::core {

// Alerts whose labels match every matcher (Alertmanager's syntax: service="checkout",
// severity=~"page|critical", env!="staging") go to the incident with `incident_key`.
struct AlertRoute {
  std::vector<std::string> matchers;
  std::string incident_key;

  static constexpr std::string_view kNoun = "alert route";
  static constexpr auto Fields() {
    return std::tuple{
        Writable("matchers", &AlertRoute::matchers),
        Writable("incident_key", &AlertRoute::incident_key),
    };
  }
};

struct AlertHook {
  int64_t id = 0;
  int64_t version = 0;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::string name;
  // BLAKE2b of the hook's token (security/token.h); the token itself is shown once.
  std::string token_hash;
  std::vector<AlertRoute> routes;  // Tried in order; the first match wins.
  bool open_incidents = false;
  // Severity of the incidents the hook opens; empty takes the alert's `severity` label.
  std::string severity;
  bool active = true;
  int64_t created_by = 0;  // The admin who added it; incidents it opens are created as them.

  static constexpr std::string_view kNoun = "alert hook";
  static constexpr auto Fields() {
    return std::tuple{
        ServerSet("id", &AlertHook::id),
        ServerSet("version", &AlertHook::version),
        ServerSet("created_at", &AlertHook::created_at),
        ServerSet("updated_at", &AlertHook::updated_at),
        Writable("name", &AlertHook::name),
        Secret("token_hash", &AlertHook::token_hash, 1'000),
        Writable("routes", &AlertHook::routes),
        Writable("open_incidents", &AlertHook::open_incidents),
        Writable("severity", &AlertHook::severity),
        Writable("active", &AlertHook::active),
        ServerSet("created_by", &AlertHook::created_by),
    };
  }
};

// How many routes and matchers a hook may hold: a hook is configuration, not a database.
inline constexpr size_t kMaxAlertRoutes = 100;
inline constexpr size_t kMaxRouteMatchers = 20;

// A name of 1 to 100 characters, and at most kMaxAlertRoutes routes, each with 1 to
// kMaxRouteMatchers matchers and an incident key (matchers' syntax is checked by
// ingest::LabelMatcher, which knows it).
Result<void> ValidateAlertHook(const AlertHook& hook);

}  // namespace debrief::core
