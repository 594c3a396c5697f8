// Alertmanager's webhook notification (payload version 4) and the timeline events its alerts
// become. Read as 0.25 sends it (no notification_reason or routeLabels; amtool's nanosecond
// startsAt; "0001-01-01T00:00:00Z" for an end not yet known) and as later versions do.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "core/timeline_event.h"
#include "ingest/label_matcher.h"

namespace debrief::ingest {

struct AlertmanagerAlert {
  bool resolved = false;
  Labels labels;
  Labels annotations;
  core::Timestamp starts_at{};
  std::optional<core::Timestamp> ends_at;  // Absent while unknown (the zero time).
  std::string generator_url;
  // Alertmanager's hash of the labels; versions before 0.19 send none, and one is made here
  // from the labels the same way for every delivery.
  std::string fingerprint;
};

struct AlertmanagerNotification {
  std::string receiver;
  bool resolved = false;  // Every alert of the group resolved.
  std::string group_key;
  Labels group_labels;
  Labels common_labels;
  Labels common_annotations;
  std::string external_url;
  int64_t truncated_alerts = 0;
  std::vector<AlertmanagerAlert> alerts;
};

// Rejects with a reason naming the field: a body that is not JSON, a version other than "4", an
// alert without labels or with a time that is not RFC 3339, a resolved alert with no end.
core::Result<AlertmanagerNotification> ParseAlertmanagerNotification(std::string_view body);

// What identifies one firing of an alert across deliveries: its fingerprint and start.
std::string AlertFiringKey(const AlertmanagerAlert& alert);

// The alert's events: "firing" at its start and, once resolved, "resolved" at its end. Sources
// are import:alertmanager:<fingerprint>@<start in ms>[/resolved], so a notification delivered
// again, or repeated while the alert fires, adds nothing. Visible to the notified receiver.
std::vector<core::TimelineEvent> AlertEvents(const AlertmanagerAlert& alert,
                                             std::string_view receiver);

// A title for an incident opened by the notification: its summary, else its alert name.
std::string IncidentTitleFor(const AlertmanagerNotification& notification);

}  // namespace debrief::ingest
