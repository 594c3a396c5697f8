// Writing an incident's audience memberships (core::AudienceMembership) on a connection, for the
// store's own write and for an event import that lands them with its events.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/knowledge.h"
#include "core/result.h"
#include "store/postgres/connection.h"

namespace debrief::store::postgres {

// Puts `memberships` in place of those `source` recorded for the incident, inside the caller's
// write (a WriteScope that has locked the incident). One of a participant who is not (or no
// longer) in the incident, or one that ends where it starts, is left out.
core::Result<void> WriteAudienceMemberships(
    Connection& connection, int64_t incident_id, std::string_view source,
    const std::vector<core::AudienceMembership>& memberships);

}  // namespace debrief::store::postgres
