// An incident's review as one standalone, printable HTML page: the Markdown document
// (render/incident_markdown.h) rendered by cmark-gfm, with inline CSS for screen and print. It
// makes no external request and runs nothing: the Markdown it renders holds no raw HTML, unsafe
// link or image, and cmark's safe mode would drop any that slipped through.
#pragma once

#include <string>

#include "render/incident_document.h"

namespace debrief::render {

std::string RenderHtml(const IncidentDocument& document);

}  // namespace debrief::render
