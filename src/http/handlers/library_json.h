// The library's hits and facet counts as the API answers them. A search's answer is built in one
// monotonic buffer (`storage`), freed at once, instead of a few hundred separate allocations.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "store/library.h"

namespace debrief::http::handlers {

boost::json::array Strings(const std::vector<std::string>& values,
                           const boost::json::storage_ptr& storage = {});
boost::json::object EncodeHit(const store::LibraryHit& hit,
                              const boost::json::storage_ptr& storage = {});
boost::json::array EncodeHits(const std::vector<store::LibraryHit>& hits,
                              const boost::json::storage_ptr& storage = {});
boost::json::array EncodeCounts(const std::vector<store::FacetCount>& counts,
                                const boost::json::storage_ptr& storage = {});

}  // namespace debrief::http::handlers
