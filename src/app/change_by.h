// The audit log's account of a write: who made it, and the fields it changed (before and after,
// each as the API shows the record; empty before a create, empty after a delete).
#pragma once

#include <boost/json/object.hpp>

#include "core/authorization.h"
#include "formats/json/record_json.h"
#include "store/store.h"

namespace debrief::app {

inline store::Change ChangeBy(const core::Principal& caller, const boost::json::object& before,
                              const boost::json::object& after) {
  return {caller.user_id, formats::json::Diff(before, after)};
}

}  // namespace debrief::app
