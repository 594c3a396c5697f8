// Where an incident's review stands, as GET /incidents/{key}/review shows it; shared by the
// review handlers and the publish check.
#pragma once

#include <boost/json/object.hpp>

#include "core/incident.h"
#include "core/review.h"
#include "http/api.h"

namespace debrief::http::handlers {

// {"version" (the incident's), "status", "rule", "approvals", "approvals_needed", "due_on",
//  "overdue", "reviewers": [{..., "name"}], "comments": {"open", "resolved"}}
core::Result<boost::json::object> ReviewState(Context& context, const core::Incident& incident);

// The rule for the incident's severity.
core::Result<core::ReviewRule> ReviewRuleOf(Context& context, const core::Incident& incident);

}  // namespace debrief::http::handlers
