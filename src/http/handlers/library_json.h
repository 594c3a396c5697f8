// The library's hits and facet counts as the API answers them. A search's answer is built in one
// monotonic buffer (`storage`), freed at once, instead of a few hundred separate allocations.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "store/library.h"

namespace debrief::http::handlers {

boost::json::array Strings(const std::vector<std::string>& values,
                           const boost::json::storage_ptr& storage = {});
// A hit as the API answers it. Its "score" is 1/rank (`rank` 1 for the first hit of all, not of
// the page): relevance scores come from statistics of the whole library, restricted reviews
// included, and would let a reader watching them learn that reviews they cannot see hold a word.
boost::json::object EncodeHit(const store::LibraryHit& hit, int64_t rank,
                              const boost::json::storage_ptr& storage = {});
// Hits in order, the first at `first_rank`.
boost::json::array EncodeHits(const std::vector<store::LibraryHit>& hits, int64_t first_rank = 1,
                              const boost::json::storage_ptr& storage = {});
boost::json::array EncodeCounts(const std::vector<store::FacetCount>& counts,
                                const boost::json::storage_ptr& storage = {});

}  // namespace debrief::http::handlers
