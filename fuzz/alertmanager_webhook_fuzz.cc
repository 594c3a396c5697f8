// An Alertmanager webhook body as the alert-intake route receives it, through to the events and
// the incident title made from it.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/alertmanager.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto notification = ingest::ParseAlertmanagerNotification(body);
  if (!notification) return 0;
  ingest::IncidentTitleFor(*notification);
  for (const auto& alert : notification->alerts) {
    ingest::AlertFiringKey(alert);
    ingest::AlertEvents(alert, notification->receiver);
  }
  return 0;
}
