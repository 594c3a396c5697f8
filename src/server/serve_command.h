// `debrief serve`: the command that runs the web server and API over the application. It lives
// above both edges (http/ for the server, cli/ for the command-line plumbing), so neither needs
// the other.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace debrief::server {

// Registers the command's flags on `command`; when it is chosen, `run` starts the server and
// returns the process's exit code once it stops.
void AddServe(CLI::App& command, std::function<int()>& run);

}  // namespace debrief::server
