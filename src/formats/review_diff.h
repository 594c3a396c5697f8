// What changed between two published versions of a review, record by record:
//
//   {"changes": [{"section": "incident", "id": 4, "change": "changed",
//                 "fields": {"title": {"from": "...", "to": "..."}}},
//                {"section": "lessons", "id": 9, "change": "added", "record": {...}},
//                {"section": "entries", "id": 31, "account_id": 7, "change": "removed", ...}]}
//
// Sections follow the export format (incident_export.h); entries are compared inside their
// accounts. Record versions and timestamps are not changes of content and are left out.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace debrief::formats {

boost::json::array DiffReviews(const boost::json::object& before, const boost::json::object& after);

}  // namespace debrief::formats
