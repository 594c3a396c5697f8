// An incident's imports as people manage them: each import is one unit, listed with who brought
// in what and how much, and undone whole (every event it added taken away) until the review is
// published. A published review's timeline changes only after the review is reopened.
#pragma once

#include <vector>

#include "core/incident.h"
#include "store/store.h"

namespace debrief::app {

core::Result<std::vector<store::EventImportRecord>> ListImports(store::Store& store,
                                                                const core::Incident& incident);

// kConflict while the review is published; kFailedPrecondition for an import undone before.
core::Result<store::EventImportRecord> UndoImport(store::Store& store,
                                                  const core::Incident& incident, int64_t import_id,
                                                  int64_t actor_id);

}  // namespace debrief::app
