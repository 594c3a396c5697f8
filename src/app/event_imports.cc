#include "app/event_imports.h"

namespace debrief::app {

core::Result<std::vector<store::EventImportRecord>> ListImports(store::Store& store,
                                                                const core::Incident& incident) {
  return store.ListEventImports(incident.id);
}

core::Result<store::EventImportRecord> UndoImport(store::Store& store,
                                                  const core::Incident& incident, int64_t import_id,
                                                  int64_t actor_id) {
  if (incident.review_status == core::ReviewStatus::kPublished) {
    return core::Error::Conflict(
        "the review is published, so its timeline stays as published; reopen the review to "
        "undo an import");
  }
  return store.UndoEventImport(incident.id, import_id, {actor_id, "{}"});
}

}  // namespace debrief::app
