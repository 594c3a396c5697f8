// `debrief import jsonl|csv|json|chat|paste|journald|kubectl|pagerduty|slack FILE --incident KEY`:
// timeline events from a structured log, added to an incident in one transaction. A malformed line
// rejects the whole file (its path, line and reason are printed); events already imported are
// passed over;
// --dry-run reads and counts everything and stores nothing; Ctrl-C leaves the database as it was.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "ingest/text_import.h"

namespace debrief::cli {

struct EventImportOptions {
  std::string database;
  std::string file;
  std::string incident;
  bool dry_run = false;
  // The format ("slack" too) and, for every other, how the file's lines become events.
  ingest::TextImportSettings text;
  // Slack exports only.
  std::string channel;
  std::string from;
  std::string to;
  bool all_messages = false;
  std::vector<std::string> key_reactions = {"pushpin", "round_pushpin", "key"};
};

// Adds the options of an event import in `format` ("jsonl", "csv", or a preset) to
// `command`, and sets `run` when it is chosen.
void AddEventImport(CLI::App& command, Runner& run, const std::string& format);

}  // namespace debrief::cli
