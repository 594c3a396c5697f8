// The OpenAPI 3.1 document of the API, served at /api/v1/openapi.json, printed by
// `debrief openapi` and committed as docs/openapi.json (from which the web UI's types are
// generated). Built from three sources, none of them a copy of another:
// - the route table (http/router.h): paths, methods, summaries, permissions, what each exchanges;
// - the field schemas of the entities (core/, through formats/json/json_schema.h): records as
//   read ("Incident"), created ("IncidentCreate"), changed ("IncidentPatch") and listed
//   ("IncidentList");
// - http/openapi/schemas/*.json: the views the API composes (timeline, library, review state,
//   ...), and fields the API adds to a record (an incident's metrics).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

namespace debrief::http::openapi {

// Built once, on first use.
const boost::json::object& Document();

// Schemas the route table names that the document does not define, as "METHOD /path: Name".
// Empty when the document is whole.
std::vector<std::string> UndefinedSchemas();

}  // namespace debrief::http::openapi
