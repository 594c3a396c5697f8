// An incident gathered for export or publishing: the document the Markdown, HTML and JSON
// renderers read. Shared by GET /incidents/{key}/export, publishing and `debrief export`.
#pragma once

#include <string>

#include "core/result.h"
#include "render/incident_document.h"
#include "store/store.h"

namespace debrief::app {

// Everything the review shares: accounts released to the review (never private or withdrawn
// ones) with their entries, and every review record.
core::Result<render::IncidentDocument> LoadIncidentDocument(store::Store& store,
                                                            const std::string& key);

}  // namespace debrief::app
