// The anonymised view of incident data: applied in one place (the router) to every successful
// read of an incident, its records, the incident list and the action-item list, for readers who
// see incidents anonymised (core::SeesAnonymised). Every text of the response goes through the
// incident's render::Anonymiser, so a name cannot slip out through a field someone adds later.
#pragma once

#include "http/api.h"
#include "render/anonymise.h"

namespace debrief::http {

// Whether responses of this route can be anonymised: incident reads and the lists of incidents
// and action items.
bool Anonymisable(std::string_view route_pattern);

// Whether the request asks for the anonymised view (?anonymised=true|false); 400 otherwise.
core::Result<bool> AnonymisedRequested(const Context& context);
// Whether the caller reads anonymised: viewers always, others when they ask.
core::Result<bool> ReadsAnonymised(const Context& context);

// Whether the handler rendered the response from anonymised records itself (an export), and
// marked it with Debrief-Anonymised: a second pass would only rewrite labels.
bool AlreadyAnonymised(const ApiResponse& response);

// Rewrites a JSON response of `route_pattern` in place; other responses are left alone.
core::Result<void> AnonymiseResponse(Context& context, std::string_view route_pattern,
                                     ApiResponse& response);

}  // namespace debrief::http
