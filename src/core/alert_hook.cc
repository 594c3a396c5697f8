#include "core/alert_hook.h"

#include <string>

#include "core/incident_key.h"

namespace debrief::core {

Result<void> ValidateAlertHook(const AlertHook& hook) {
  if (hook.name.empty() || hook.name.size() > 100) {
    return Error::InvalidArgument("name must be 1 to 100 characters", "name");
  }
  if (hook.routes.size() > kMaxAlertRoutes) {
    return Error::InvalidArgument(
        "a hook holds at most " + std::to_string(kMaxAlertRoutes) + " routes", "routes");
  }
  for (size_t index = 0; index < hook.routes.size(); ++index) {
    const AlertRoute& route = hook.routes[index];
    std::string where = "route " + std::to_string(index + 1);
    if (route.matchers.empty() || route.matchers.size() > kMaxRouteMatchers) {
      return Error::InvalidArgument(
          where + " needs 1 to " + std::to_string(kMaxRouteMatchers) + " matchers", "routes");
    }
    if (!ParseIncidentKey(route.incident_key)) {
      return Error::InvalidArgument(where +
                                        ": incident_key must be a key like INC-2026-0042, not \"" +
                                        route.incident_key + "\"",
                                    "routes");
    }
  }
  if (hook.severity.size() > 32) {
    return Error::InvalidArgument("severity is at most 32 characters", "severity");
  }
  return Ok();
}

}  // namespace debrief::core
