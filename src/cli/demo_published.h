// The example's second incident, already reviewed and published, so that a new team's library
// is not empty on its first day: a search-index rebuild that starved an API of disk I/O, months
// ago, with two released accounts, its factors, a finished action item and its lessons.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::cli {

struct ExamplePerson {
  int64_t user_id = 0;
  std::string name;
};

// `people` are the example's first two people (an on-call engineer and an incident commander);
// `admin_id` opens the incident. Returns the published incident's key.
core::Result<std::string> SeedPublishedExample(store::Store& store, const core::Clock& clock,
                                               const std::vector<ExamplePerson>& people,
                                               int64_t admin_id);

}  // namespace debrief::cli
