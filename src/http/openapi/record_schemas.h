// The component schemas generated from the entities' field schemas.
#pragma once

#include <boost/json/object.hpp>

namespace debrief::http::openapi {

// Adds, for every entity with a field schema that the API exchanges, its schemas as read,
// created, changed and listed.
void AddRecordSchemas(boost::json::object& schemas);

}  // namespace debrief::http::openapi
