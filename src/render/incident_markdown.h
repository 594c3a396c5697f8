// An incident's review as one GitHub-flavoured Markdown document: key facts and durations, the
// people, the merged timeline with where accounts disagree and where nothing was recorded, each
// released account in full, decision points with what their people could see, contributing
// factors with their evidence, work as imagined and as done, action items with their details,
// and lessons with their authors. Everything the review page shows, for reading outside debrief.
//
// Sections follow the review template (their order, and the answers to its questions in each);
// a section the template hides is left out only when it holds nothing.
//
// People's plain text is shown literally and their Markdown fields keep their formatting without
// raw HTML, unsafe links or images (render/markdown_text.h). Pure: the caller gathers (and, for
// anonymised readers, anonymises) the document.
#pragma once

#include <string>

#include "render/field_text.h"
#include "render/incident_document.h"

namespace debrief::render {

std::string RenderMarkdown(const IncidentDocument& document);

// The same document with people's fields written by `fields` (render/field_text.h).
std::string RenderMarkdown(const IncidentDocument& document, FieldText& fields);

}  // namespace debrief::render
