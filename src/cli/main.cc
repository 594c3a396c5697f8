// debrief: one binary for the server and the command-line tools.
#include <mimalloc.h>
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "security/password.h"

#ifndef DEBRIEF_VERSION
#define DEBRIEF_VERSION "dev"
#endif

int main(int argc, char** argv) {
  using namespace debrief::cli;
  CLI::App app{"debrief: blameless post-incident reviews"};
  // Naming the allocator also keeps the linker from dropping it as unused.
  app.set_version_flag("--version", std::string("debrief ") + DEBRIEF_VERSION + " (mimalloc " +
                                        std::to_string(mi_version()) + ")");
  app.require_subcommand(1);
  Runner run;
  for (const Command& command : kCommands) {
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    command.add(*sub, run);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (auto crypto = debrief::security::InitializeCrypto(); !crypto) return Fail(crypto.error());
  return run ? run() : kExitUsage;
}
