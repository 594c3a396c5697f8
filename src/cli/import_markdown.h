// `debrief import markdown DIR|FILE...`: an archive of postmortems written in Markdown, each file
// a reviewed incident with its timeline, contributing factors, action items and lessons. With
// --dry-run it reads everything, stores nothing, and reports per file what was recognised and
// what was left as narrative; --rows lists each timeline row with the time it was placed at.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace debrief::cli {

void AddMarkdownImport(CLI::App& command, Runner& run);

}  // namespace debrief::cli
