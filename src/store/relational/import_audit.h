// The audit entry of a committed event import, the same on every back end: it names the unit its
// events point to (for readers bringing a copy of the events up to date) and adds the counts to
// the caller's description of the import.
#pragma once

#include <string>

#include "core/timeline_event.h"
#include "core/user.h"
#include "store/store.h"

namespace debrief::store::relational {

inline core::AuditEntry ImportAuditEntry(const Change& change, int64_t incident_id,
                                         const ImportCounts& counts, int64_t import_id,
                                         core::Timestamp at) {
  core::AuditEntry entry;
  entry.at = at;
  entry.actor_id = change.actor_id;
  entry.action = "import";
  entry.entity = std::string(core::TimelineEvent::kCollection);
  entry.incident_id = incident_id;
  entry.entity_id = counts.added > 0 ? import_id : 0;
  std::string diff = change.diff_json.empty() ? "{}" : change.diff_json;
  std::string numbers = "\"added\":" + std::to_string(counts.added) +
                        ",\"skipped\":" + std::to_string(counts.skipped) +
                        (counts.added > 0 ? ",\"import_id\":" + std::to_string(import_id) : "");
  diff.insert(diff.size() - 1, diff.size() > 2 ? "," + numbers : numbers);
  entry.diff_json = std::move(diff);
  return entry;
}

}  // namespace debrief::store::relational
