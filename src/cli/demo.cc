// `debrief demo`: adds the example incident, and the first admin when there are no users.
#include <cstdio>

#include "cli/commands.h"
#include "cli/demo_incident.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "store/open.h"

namespace debrief::cli {
namespace {

struct DemoOptions {
  std::string database = DefaultDatabase();
  bool if_empty = false;
};

int Demo(const DemoOptions& options) {
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
  if (!store) return Fail(store.error());
  if (options.if_empty) {
    store::IncidentQuery query;
    query.limit = 1;
    auto page = (*store)->ListIncidents(query);
    if (!page) return Fail(page.error());
    if (!page->incidents.empty()) {
      std::fprintf(stderr, "%s already has incidents; not adding the example\n",
                   store::DescribeLocation(options.database).c_str());
      return kExitOk;
    }
  }
  auto seed = SeedDemo(**store, clock);
  if (!seed) return Fail(seed.error());
  std::printf("added example incident %s\n", seed->incident_key.c_str());
  if (seed->admin_email) {
    std::printf(
        "\n  Sign in as %s with password %s\n  (shown once; change it with "
        "'debrief user' or the API)\n\n",
        seed->admin_email->c_str(), seed->admin_password->c_str());
  }
  return kExitOk;
}

}  // namespace

void AddDemo(CLI::App& command, Runner& run) {
  auto options = std::make_shared<DemoOptions>();
  command.add_option("--db", options->database, store::kDatabaseHelp)->capture_default_str();
  command.add_flag("--if-empty", options->if_empty,
                   "Do nothing when the database already has incidents");
  command.callback([options, &run]() { run = [options]() { return Demo(*options); }; });
}

}  // namespace debrief::cli
