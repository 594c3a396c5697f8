// `debrief import BACKUP`: restores a backup made by `debrief export --all` into a new, empty
// database — every incident, record, published version, user, token, rule and audit entry, with
// their ids, versions and timestamps — and indexes the published reviews for the library. A
// backup that cannot be read, or a database that is not empty, changes nothing.

#include "cli/backup.h"
#include "cli/commands.h"
#include "cli/import_events.h"
#include "cli/import_markdown.h"
#include "cli/options.h"

namespace debrief::cli {
namespace {

struct ImportOptions {
  std::string database = DefaultDatabase();
  std::string file;
};

int Import(const ImportOptions& options) {
  return RestoreJsonBackup(options.file, options.database);
}

}  // namespace

void AddImport(CLI::App& command, Runner& run) {
  auto options = std::make_shared<ImportOptions>();
  command.add_option("backup", options->file, "A backup written by `debrief export --all`");
  command
      .add_option("--db", options->database,
                  "Database, new or empty: an SQLite file or a postgres:// URL (env DEBRIEF_DB)")
      ->capture_default_str();
  AddEventImport(
      *command.add_subcommand("jsonl", "Timeline events from JSON Lines, one object per line"), run,
      "jsonl");
  AddEventImport(*command.add_subcommand("csv", "Timeline events from CSV with a header row"), run,
                 "csv");
  AddEventImport(*command.add_subcommand(
                     "json", "Timeline events from a JSON document holding an array of records"),
                 run, "json");
  AddEventImport(*command.add_subcommand(
                     "slack", "Timeline events from a Slack workspace export (zip or folder)"),
                 run, "slack");
  AddEventImport(*command.add_subcommand(
                     "chat", "Timeline events from a plain-text chat log ([10:02] <nick> text)"),
                 run, "chat");
  AddEventImport(*command.add_subcommand(
                     "paste", "Timeline events typed one per line, time first (14:05 - text)"),
                 run, "paste");
  AddEventImport(*command.add_subcommand("journald", "Timeline events from journalctl -o json"),
                 run, "journald");
  AddEventImport(
      *command.add_subcommand("kubectl", "Timeline events from kubectl get events -o json"), run,
      "kubectl");
  AddEventImport(
      *command.add_subcommand("pagerduty",
                              "Timeline events from a PagerDuty incident's log entries (REST "
                              "API JSON)"),
      run, "pagerduty");
  AddEventImport(*command.add_subcommand(
                     "opsgenie", "Timeline events from Opsgenie's webhook payloads (a JSON array)"),
                 run, "opsgenie");
  AddEventImport(*command.add_subcommand(
                     "alertmanager",
                     "Timeline events from Alertmanager's notifications (one, an array, or "
                     "one per line) or its API's alerts (amtool alert query -o json)"),
                 run, "alertmanager");
  AddMarkdownImport(*command.add_subcommand(
                        "markdown", "Postmortems written in Markdown: files, or folders of them"),
                    run);
  command.require_subcommand(0, 1);
  command.callback([options, &command, &run]() {
    if (!command.get_subcommands().empty()) return;  // An event import: its own callback ran.
    if (options->file.empty()) {
      throw CLI::RequiredError(
          "a backup file, or the kind of events to import (jsonl, csv, json, journald, kubectl, "
          "pagerduty, opsgenie, alertmanager, chat, paste, slack)");
    }
    run = [options]() { return Import(*options); };
  });
}

}  // namespace debrief::cli
