// Helpers every handler shares: loading the incident named in the path, how the caller relates
// to it, and the audit Change for a write.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "core/authorization.h"
#include "core/incident.h"
#include "core/participant.h"
#include "http/api.h"

namespace debrief::http::handlers {

// The incident whose key is the first path parameter.
core::Result<core::Incident> LoadIncident(Context& context);

// Whether the caller takes part in the incident or facilitates it.
core::IncidentRelation RelationOf(const Context& context, const core::Incident& incident,
                                  const std::vector<core::Participant>& participants);

store::Change ChangeBy(const Context& context, const boost::json::object& before,
                       const boost::json::object& after);

// A 201 response with the created record, its ETag and a Location header.
ApiResponse Created(const Context& context, const boost::json::object& record);

// Fails unless every id names an event of the incident.
core::Result<void> CheckEventsExist(Context& context, int64_t incident_id,
                                    const std::vector<int64_t>& event_ids, std::string_view field);
// Fails unless the user exists.
core::Result<void> CheckUserExists(Context& context, int64_t user_id, std::string_view field);

}  // namespace debrief::http::handlers
