// The command-line sub-commands of `debrief` (serve, the server, is registered beside them by
// server/main.cc). Each Add* function registers its command on the CLI11 app and sets `run` to
// the code to execute when it is chosen; main calls it and returns its exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace debrief::cli {

using Runner = std::function<int()>;

struct Command {
  const char* name;
  const char* help;
  void (*add)(CLI::App& command, Runner& run);
};

void AddDemo(CLI::App& command, Runner& run);
void AddUser(CLI::App& command, Runner& run);
void AddMigrate(CLI::App& command, Runner& run);
void AddLint(CLI::App& command, Runner& run);
void AddExport(CLI::App& command, Runner& run);
void AddImport(CLI::App& command, Runner& run);
void AddBackup(CLI::App& command, Runner& run);
void AddRestore(CLI::App& command, Runner& run);
void AddCopy(CLI::App& command, Runner& run);

// The table of command-line sub-commands, in the order --help lists them (after serve).
inline constexpr Command kCommands[] = {
    {"demo", "Add an example incident (and an admin user if there is none)", &AddDemo},
    {"user", "Manage users, roles and API tokens", &AddUser},
    {"migrate", "Bring the database schema up to date and exit", &AddMigrate},
    {"lint", "Check Markdown for language that gets in the way of blameless learning", &AddLint},
    {"export", "Write a review as Markdown, HTML or JSON (optionally anonymised), or --all",
     &AddExport},
    {"import",
     "Restore a backup made by `export --all` into an empty database, or import timeline events "
     "(jsonl, csv, json, chat, journald, kubectl, pagerduty)",
     &AddImport},
    {"backup", "Copy the database as of one moment while it is in use, and check the copy",
     &AddBackup},
    {"restore", "Restore a backup (a copy, or the JSON form) into a new database, and check it",
     &AddRestore},
    {"copy",
     "Copy everything (sessions excepted) from one database into a new or empty one, such as "
     "SQLite to PostgreSQL",
     &AddCopy},
};

}  // namespace debrief::cli
