// debrief: one binary for the server and the command-line tools.
#include <mimalloc.h>

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "security/password.h"
#include "server/openapi_command.h"
#include "server/serve_command.h"

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
  // A TOML file of a command's flags, under its name: "[serve]" then `oidc-issuer = "..."`. Given
  // after the command too (`debrief serve --config debrief.toml`); a flag given as well wins.
  app.set_config("--config", "", "A TOML file of flags, by command ([serve] oidc-issuer = ...)");
  app.fallthrough();
  // A misspelt or misplaced key is an error, not a setting silently left out.
  app.allow_config_extras(CLI::config_extras_mode::error);
  Runner run;
  debrief::server::AddServe(*app.add_subcommand("serve", "Run the web server and API"), run);
  debrief::server::AddOpenApi(
      *app.add_subcommand("openapi", "Print the API's OpenAPI 3.1 document (JSON)"), run);
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
  // Memory one request frees, the next often wants again (a large incident's timeline is read
  // into fresh lists each time it changes): kept for two seconds instead of mimalloc's 25 ms
  // before it goes back to the system, the next request is spared its page faults (a first
  // timeline page of 100,000 events: about a third faster). The environment still decides.
  if (std::getenv("MIMALLOC_DECOMMIT_DELAY") == nullptr) {
    mi_option_set(mi_option_decommit_delay, 2000);
  }
  if (auto crypto = debrief::security::InitializeCrypto(); !crypto) return Fail(crypto.error());
  return run ? run() : kExitUsage;
}
