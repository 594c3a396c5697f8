// Alerts coming in through an alert hook (Alertmanager's webhook receiver, POST
// /hooks/alertmanager). Each alert of a notification goes to an incident, in this order:
//   1. the incident an earlier delivery put the same firing (fingerprint and start) into, so a
//      notification sent again, or repeated while the alert fires, lands where the first did;
//   2. the incident of the first of the hook's routes whose matchers the alert's labels meet;
//   3. when the hook opens incidents: the incident its group's latest firing went to while that
//      incident is not resolved, else a new incident in `investigating` (never for an alert that
//      is already resolved when it is first seen).
// Anything else is counted as ignored. Each incident's events land through one EventImport, all
// in one transaction with the record of where each firing went: a delivery lands whole or not.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/alert_hook.h"
#include "core/result.h"
#include "core/validation.h"
#include "ingest/alertmanager.h"
#include "store/store.h"

namespace debrief::app {

// Alerts that went to one incident.
struct AlertDelivery {
  std::string key;
  int64_t alerts = 0;
  int64_t added = 0;    // Events.
  int64_t skipped = 0;  // Events already there.
};

struct OpenedIncident {
  std::string key;
  std::string title;
};

struct AlertIntake {
  int64_t alerts = 0;
  int64_t added = 0;
  int64_t skipped = 0;
  int64_t ignored = 0;  // Alerts no incident took.
  std::vector<AlertDelivery> incidents;
  std::vector<OpenedIncident> opened;
};

// Takes the alerts of `notification` in through `hook`, in one transaction.
core::Result<AlertIntake> TakeAlerts(store::Store& store, const core::SeverityScale& scale,
                                     const core::AlertHook& hook,
                                     const ingest::AlertmanagerNotification& notification);

}  // namespace debrief::app
