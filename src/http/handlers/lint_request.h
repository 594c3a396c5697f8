// What the language checker's routes read alike from a request body: the options a text is
// checked with ("participants", "markdown", "incident").
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "core/error.h"
#include "http/api.h"
#include "language/checker.h"

namespace debrief::http::handlers {

// The options in `body`; what is wrong with them is added to `violations`.
language::CheckOptions ReadLintOptions(const boost::json::object& body,
                                       std::vector<core::FieldViolation>& violations);

// Adds the participants' names of the incident `body` names ("incident"), if it names one.
core::Result<void> AddIncidentNames(Context& context, const boost::json::object& body,
                                    language::CheckOptions& options);

}  // namespace debrief::http::handlers
