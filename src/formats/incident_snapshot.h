// The JSON form of an incident's document: what a published version stores (its snapshot) and
// what the JSON export writes. A persisted format, versioned apart from the API: snapshots
// written by older releases stay readable.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/result.h"
#include "render/incident_document.h"

namespace debrief::formats {

struct DocumentJsonOptions {
  // The document was anonymised (render::AnonymiseDocument): no user id is written, since ids
  // lead back to people; action owners, lesson authors and the facilitator are written by their
  // labels ("owner", "authors", "facilitator") instead.
  bool anonymised = false;
};

// {"format": "debrief-incident", "format_version": 1, "incident": {...}, "participants": [...],
//  "accounts": [{..., "entries": [...]}], "events": [...], "decisions": [...], ...,
//  "template": {...}, "answers": [...], "people": [{"id", "name"}]} — people being the users the
// records name by id (owners, lesson authors, the facilitator), with their names as they were,
// so a published version shows them.
boost::json::object IncidentDocumentJson(const render::IncidentDocument& document,
                                         DocumentJsonOptions options = {});

// The document back from its JSON form (a published snapshot), every record as it was. The
// format and its version are checked; user names come from "people" when the snapshot has it
// (published before it did, a snapshot has none: the caller fills them from the directory).
core::Result<render::IncidentDocument> DecodeIncidentDocument(const boost::json::object& json);

}  // namespace debrief::formats
