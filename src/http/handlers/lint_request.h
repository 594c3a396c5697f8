// What the language checker's routes read alike from a request body: the options a text is
// checked with ("participants", "markdown", "incident"), a finding's offsets, and the answer to a
// dismissal.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "app/language_feedback.h"
#include "core/error.h"
#include "http/api.h"
#include "language/checker.h"

namespace debrief::http::handlers {

// The options in `body`; what is wrong with them is added to `violations`.
language::CheckOptions ReadLintOptions(const boost::json::object& body,
                                       std::vector<core::FieldViolation>& violations);

// A finding's offset from the body ("start", "end": UTF-16 code units, as findings give them)
// as a byte offset in `text`; what is wrong is added to `violations`.
size_t ReadFindingOffset(const boost::json::object& body, std::string_view name,
                         std::string_view text, std::vector<core::FieldViolation>& violations);

// The answer to a dismissal: 201 when it was recorded, 200 when it had been already.
ApiResponse DismissalAnswer(const app::DismissalOutcome& outcome);

// Adds the participants' names of the incident `body` names ("incident"), if it names one.
core::Result<void> AddIncidentNames(Context& context, const boost::json::object& body,
                                    language::CheckOptions& options);

}  // namespace debrief::http::handlers
