// POST /hooks/alertmanager[/{token}]: Alertmanager's webhook receiver. Where each alert goes is
// app::TakeAlerts's policy (app/alert_intake.h); this decodes the notification and encodes the
// answer.
#include <boost/json.hpp>

#include "app/alert_intake.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "ingest/alertmanager.h"

namespace debrief::http::handlers {

namespace bj = boost::json;

core::Result<ApiResponse> ReceiveAlertmanager(Context& context) {
  const core::AlertHook& hook = *context.alert_hook;
  DEBRIEF_ASSIGN_OR_RETURN(ingest::AlertmanagerNotification notification,
                           ingest::ParseAlertmanagerNotification(context.request.body));
  DEBRIEF_ASSIGN_OR_RETURN(
      app::AlertIntake intake,
      app::TakeAlerts(context.store(), context.services.severity_scale, hook, notification));
  bj::array incidents;
  for (const app::AlertDelivery& delivery : intake.incidents) {
    incidents.push_back({{"key", delivery.key},
                         {"alerts", delivery.alerts},
                         {"added", delivery.added},
                         {"skipped", delivery.skipped}});
  }
  bj::array opened;
  for (const app::OpenedIncident& incident : intake.opened) {
    opened.push_back({{"key", incident.key}, {"title", incident.title}});
  }
  return ApiResponse::Json({{"hook", hook.name},
                            {"alerts", intake.alerts},
                            {"added", intake.added},
                            {"skipped", intake.skipped},
                            {"ignored", intake.ignored},
                            {"incidents", std::move(incidents)},
                            {"opened", std::move(opened)}});
}

}  // namespace debrief::http::handlers
