#include "app/alert_intake.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/validation.h"

namespace debrief::app {
namespace {

namespace bj = boost::json;

struct CompiledRoute {
  std::vector<ingest::LabelMatcher> matchers;
  std::string incident_key;
};

core::Result<std::vector<CompiledRoute>> CompileRoutes(const core::AlertHook& hook) {
  std::vector<CompiledRoute> routes;
  for (const core::AlertRoute& route : hook.routes) {
    CompiledRoute compiled{{}, route.incident_key};
    for (const std::string& text : route.matchers) {
      auto matcher = ingest::LabelMatcher::Parse(text);
      if (!matcher) {
        return core::Error::Internal("alert hook " + hook.name +
                                     " holds a matcher that no longer reads: " + text);
      }
      compiled.matchers.push_back(std::move(*matcher));
    }
    routes.push_back(std::move(compiled));
  }
  return routes;
}

// Where the notification's alerts go: incident key → indexes of alerts, in the order first seen.
struct Plan {
  std::vector<std::pair<std::string, std::vector<size_t>>> destinations;
  std::vector<size_t> unrouted;
  void Add(const std::string& key, size_t alert) {
    auto found = std::find_if(destinations.begin(), destinations.end(),
                              [&](const auto& destination) { return destination.first == key; });
    if (found == destinations.end()) {
      destinations.push_back({key, {alert}});
    } else {
      found->second.push_back(alert);
    }
  }
};

core::Result<bool> IncidentExists(store::Store& store, const std::string& key) {
  auto incident = store.GetIncident(key);
  if (incident) return true;
  if (incident.error().code() == core::ErrorCode::kNotFound) return false;
  return incident.error();
}

core::Result<Plan> PlanDestinations(store::Store& store, const core::AlertHook& hook,
                                    const ingest::AlertmanagerNotification& notification) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<CompiledRoute> routes, CompileRoutes(hook));
  std::map<std::string, bool> exists;  // By incident key: one lookup per route, not per alert.
  Plan plan;
  for (size_t index = 0; index < notification.alerts.size(); ++index) {
    const ingest::AlertmanagerAlert& alert = notification.alerts[index];
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<std::string> earlier,
                             store.AlertFiringIncident(hook.id, ingest::AlertFiringKey(alert)));
    if (earlier) {
      plan.Add(*earlier, index);
      continue;
    }
    auto route = std::find_if(routes.begin(), routes.end(), [&](const CompiledRoute& candidate) {
      return ingest::MatchesAll(candidate.matchers, alert.labels);
    });
    bool routed = false;
    if (route != routes.end()) {
      // A route naming an incident since deleted takes nothing: the alert falls through.
      auto known = exists.find(route->incident_key);
      if (known == exists.end()) {
        DEBRIEF_ASSIGN_OR_RETURN(bool found, IncidentExists(store, route->incident_key));
        known = exists.emplace(route->incident_key, found).first;
      }
      routed = known->second;
      if (routed) plan.Add(route->incident_key, index);
    }
    if (!routed) plan.unrouted.push_back(index);
  }
  return plan;
}

// The severity of an incident the hook opens: the hook's, else the alerts' severity label when
// the scale has it (any case), else the least severe level.
std::string SeverityFor(const core::AlertHook& hook, const core::SeverityScale& scale,
                        const ingest::AlertmanagerNotification& notification) {
  if (!hook.severity.empty()) return hook.severity;
  std::string label(ingest::LabelValue(notification.common_labels, "severity"));
  std::transform(label.begin(), label.end(), label.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const std::string& level : scale.levels) {
    if (level == label) return level;
  }
  return scale.levels.empty() ? std::string() : scale.levels.back();
}

core::Result<core::Incident> OpenIncident(store::Store& store, const core::SeverityScale& scale,
                                          const core::AlertHook& hook,
                                          const ingest::AlertmanagerNotification& notification,
                                          const std::vector<size_t>& alerts) {
  core::Incident incident;
  incident.title = ingest::IncidentTitleFor(notification);
  incident.summary = "Opened by alert hook \"" + hook.name + "\" from Alertmanager group " +
                     notification.group_key + ".";
  incident.severity = SeverityFor(hook, scale, notification);
  incident.status = core::IncidentStatus::kInvestigating;
  core::Timestamp first = notification.alerts[alerts.front()].starts_at;
  for (size_t index : alerts) first = std::min(first, notification.alerts[index].starts_at);
  incident.started_at = first;
  incident.detected_at = first;
  for (size_t index : alerts) {
    std::string service(ingest::LabelValue(notification.alerts[index].labels, "service"));
    if (!service.empty() && std::find(incident.services.begin(), incident.services.end(),
                                      service) == incident.services.end()) {
      incident.services.push_back(std::move(service));
    }
  }
  incident.tags = {"alertmanager"};
  incident.created_by = hook.created_by;
  DEBRIEF_RETURN_IF_ERROR(core::Validate(incident, scale));
  store::Change change;
  change.diff_json = bj::serialize(bj::object{{"via", "alert hook " + hook.name}});
  return store.CreateIncident(std::move(incident), change);
}

// Step 3 of the order above, for the alerts no earlier firing or route took.
core::Result<std::vector<OpenedIncident>> PlaceUnrouted(
    store::Store& store, const core::SeverityScale& scale, const core::AlertHook& hook,
    const ingest::AlertmanagerNotification& notification, Plan& plan, int64_t& ignored) {
  std::vector<OpenedIncident> opened;
  if (plan.unrouted.empty()) return opened;
  if (!hook.open_incidents) {
    ignored += static_cast<int64_t>(plan.unrouted.size());
    return opened;
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<std::string> group_incident,
                           store.AlertGroupIncident(hook.id, notification.group_key));
  if (group_incident) {
    DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, store.GetIncident(*group_incident));
    if (incident.status != core::IncidentStatus::kResolved) {
      for (size_t index : plan.unrouted) plan.Add(incident.key, index);
      return opened;
    }
  }
  std::vector<size_t> firing;
  for (size_t index : plan.unrouted) {
    if (notification.alerts[index].resolved) {
      ++ignored;  // Resolved before anyone heard of it: no incident to open for that.
    } else {
      firing.push_back(index);
    }
  }
  if (firing.empty()) return opened;
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident,
                           OpenIncident(store, scale, hook, notification, firing));
  for (size_t index : firing) plan.Add(incident.key, index);
  opened.push_back({incident.key, incident.title});
  return opened;
}

}  // namespace

core::Result<AlertIntake> TakeAlerts(store::Store& store, const core::SeverityScale& scale,
                                     const core::AlertHook& hook,
                                     const ingest::AlertmanagerNotification& notification) {
  AlertIntake intake;
  intake.alerts = static_cast<int64_t>(notification.alerts.size());
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(Plan plan, PlanDestinations(store, hook, notification));
    DEBRIEF_ASSIGN_OR_RETURN(intake.opened,
                             PlaceUnrouted(store, scale, hook, notification, plan, intake.ignored));
    for (const auto& [key, alerts] : plan.destinations) {
      DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, store.GetIncident(key));
      DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::EventImport> import,
                               store.BeginEventImport(incident.id));
      std::vector<core::TimelineEvent> events;
      for (size_t index : alerts) {
        for (core::TimelineEvent& event :
             ingest::AlertEvents(notification.alerts[index], notification.receiver)) {
          events.push_back(std::move(event));
        }
      }
      DEBRIEF_RETURN_IF_ERROR(import->Add(events));
      store::Change change;
      change.diff_json = bj::serialize(bj::object{{"via", "alert hook " + hook.name},
                                                  {"receiver", notification.receiver},
                                                  {"group_key", notification.group_key}});
      DEBRIEF_ASSIGN_OR_RETURN(
          store::ImportCounts counts,
          import->Commit(change, {"alertmanager",
                                  "alert hook " + hook.name + " (" + notification.receiver + ")"}));
      for (size_t index : alerts) {
        DEBRIEF_RETURN_IF_ERROR(
            store.RecordAlertFiring(hook.id, ingest::AlertFiringKey(notification.alerts[index]),
                                    notification.group_key, incident.id));
      }
      intake.added += counts.added;
      intake.skipped += counts.skipped;
      intake.incidents.push_back(
          {incident.key, static_cast<int64_t>(alerts.size()), counts.added, counts.skipped});
    }
    return core::Ok();
  }));
  return intake;
}

}  // namespace debrief::app
