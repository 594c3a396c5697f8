// `debrief migrate`: applies the embedded schema migrations and reports the version.
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "store/open.h"

namespace debrief::cli {

void AddMigrate(CLI::App& command, Runner& run) {
  auto database = std::make_shared<std::string>(DefaultDatabase());
  command.add_option("--db", *database, store::kDatabaseHelp)->capture_default_str();
  command.callback([database, &run]() {
    run = [database]() {
      SystemClock clock;
      auto store = store::OpenStore(*database, clock);
      if (!store) return Fail(store.error());
      std::printf("%s is at schema version %d\n", store::DescribeLocation(*database).c_str(),
                  (*store)->schema_version());
      return kExitOk;
    };
  });
}

}  // namespace debrief::cli
