// `debrief import markdown DIR|FILE...`: an archive of postmortems written in Markdown, each file
// a reviewed incident with its timeline, contributing factors, action items and lessons, the
// file kept beside it (see app/postmortem_import.h). Every file is read first and the archive lands
// in one transaction; a file imported before adds nothing. Reports per file what was recognised
// and what was left as narrative; --dry-run stores nothing, --rows lists each timeline row with
// the time it was placed at.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace debrief::cli {

void AddMarkdownImport(CLI::App& command, Runner& run);

}  // namespace debrief::cli
