// The example incident `debrief demo` and `make run` add: a payment-latency outage with four
// people, their accounts (two released, one shared, one still private), imported alerts, a
// deploy, chat, a decision point, contributing factors, work as done, action items and a lesson.
// It shows every part of the product, including a disagreement and a gap in the timeline. A
// second, older incident comes already published (cli/demo_published.h), so the library is not
// empty on the first day.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::cli {

struct DemoSeed {
  std::string incident_key;
  std::string published_key;  // The example already published, in the library.
  // Set when an admin was created: the only time its password is known.
  std::optional<std::string> admin_email;
  std::optional<std::string> admin_password;
};

// Adds the example. Creates an admin (and the example people) when the database has no users.
core::Result<DemoSeed> SeedDemo(store::Store& store, const core::Clock& clock);

}  // namespace debrief::cli
