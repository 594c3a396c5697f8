// An incident gathered for export: the document the Markdown and HTML renderers read, and its
// JSON form. Shared by GET /incidents/{key}/export and `debrief export`.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/result.h"
#include "render/incident_document.h"
#include "store/store.h"

namespace debrief::http {

// Everything the review shares: accounts released to the review (never private or withdrawn
// ones) with their entries, and every review record.
core::Result<render::IncidentDocument> LoadIncidentDocument(store::Store& store,
                                                            const std::string& key);

// {"format": "debrief-incident", "format_version": 1, "incident": {...}, "participants": [...],
//  "accounts": [{..., "entries": [...]}], "events": [...], "decisions": [...], ...}
boost::json::object IncidentDocumentJson(const render::IncidentDocument& document);

// The document back from its JSON form (a published snapshot), every record as it was. The
// format and its version are checked; user names are not part of it.
core::Result<render::IncidentDocument> DecodeIncidentDocument(const boost::json::object& json);

}  // namespace debrief::http
