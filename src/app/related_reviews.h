// Related reviews: the published reviews most like an incident, by the services it touched, the
// categories of its contributing factors and the words that say what its title is about.
#pragma once

#include <vector>

#include "core/incident.h"
#include "core/result.h"
#include "store/library.h"
#include "store/store.h"

namespace debrief::app {

// At most `limit` hits, best first, from the named copy or (for `anonymised` readers) the
// anonymised one; none of the incidents in `hidden` (ascending: those the reader may not see).
core::Result<std::vector<store::LibraryHit>> RelatedReviews(store::Store& store,
                                                            const core::Incident& incident,
                                                            bool anonymised, int limit,
                                                            std::vector<int64_t> hidden);

}  // namespace debrief::app
