// ActionItem: follow-up work, owned by someone close to the incident, linked to the contributing
// factors it addresses.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/schema.h"

namespace debrief::core {

struct ActionItem : Record {
  static constexpr std::string_view kCollection = "action_items";
  static constexpr std::string_view kNoun = "action item";

  int64_t incident_id = 0;
  std::string title;
  std::string description;
  std::optional<int64_t> owner_id;  // A user id.
  std::optional<Date> due_on;
  ActionPriority priority = ActionPriority::kMedium;
  ActionStatus status = ActionStatus::kOpen;
  std::string wont_do_reason;  // Required when status is wont_do.
  ActionKind kind = ActionKind::kPrevent;
  std::vector<int64_t> factor_ids;
  std::string tracker_url;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &ActionItem::incident_id),
        Prose("title", &ActionItem::title, 200),
        Prose("description", &ActionItem::description, kLongTextLimit),
        Writable("owner_id", &ActionItem::owner_id),
        Writable("due_on", &ActionItem::due_on),
        Writable("priority", &ActionItem::priority),
        Writable("status", &ActionItem::status),
        Prose("wont_do_reason", &ActionItem::wont_do_reason, 10'000),
        Writable("kind", &ActionItem::kind),
        Writable("factor_ids", &ActionItem::factor_ids),
        Link("tracker_url", &ActionItem::tracker_url),
    };
  }
};

}  // namespace debrief::core
