// Review templates in JSON, as the API and published snapshots write them:
// {"severity", "version", "sections": [{"section": "timeline", "questions": ["..."]}]}.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "core/result.h"
#include "core/review_template.h"

namespace debrief::formats::json {

boost::json::object EncodeTemplate(const core::ReviewTemplate& review_template);

// The "sections" of `body`, strictly: a list of objects with a known "section" and an optional
// list of "questions", nothing else. Validate() checks the rest.
core::Result<std::vector<core::TemplateSection>> DecodeTemplateSections(
    const boost::json::object& body);

}  // namespace debrief::formats::json
