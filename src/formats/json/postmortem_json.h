// A postmortem as the Markdown importer read it, as JSON for a preview: each timeline row with
// the instant or day it was placed at, the zone and where its day and zone came from, and how
// sure the placing is; the lines read as no row. `debrief import markdown --dry-run --format
// json` and the web upload's preview show the same.
#pragma once

#include <boost/json/object.hpp>

#include "ingest/markdown_postmortem.h"

namespace debrief::formats::json {

boost::json::object EncodeTimelineRow(const ingest::PostmortemRow& row);

// {"title", "date", "rows": [...], "unread_lines": [{"line", "text"}], "factors", "action_items",
// "lessons"} (counts).
boost::json::object EncodePostmortemPreview(const ingest::Postmortem& postmortem);

}  // namespace debrief::formats::json
