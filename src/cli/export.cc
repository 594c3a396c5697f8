// `debrief export KEY`: a review as Markdown, a standalone HTML page or JSON on standard output,
// for archives, wikis and printing. Like the API, it holds only accounts released to the review;
// --anonymised replaces every name with the person's role in the incident.
#include <boost/json.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "http/incident_export.h"
#include "store/sqlite/sqlite_store.h"

namespace debrief::cli {
namespace {

struct ExportOptions {
  std::string database = DefaultDatabase();
  std::string key;
  std::string format = "md";
  bool anonymised = false;
};

int Export(const ExportOptions& options) {
  SystemClock clock;
  auto store = store::sqlite::SqliteStore::Open(options.database, clock);
  if (!store) return Fail(store.error());
  auto document = http::LoadIncidentDocument(**store, options.key);
  if (!document) return Fail(document.error());
  if (options.anonymised) {
    render::AnonymiseDocument(*document, render::DocumentAnonymiser(*document));
  }
  std::string out = options.format == "md" ? render::RenderMarkdown(*document)
                    : options.format == "html"
                        ? render::RenderHtml(*document)
                        : boost::json::serialize(http::IncidentDocumentJson(*document)) + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void AddExport(CLI::App& command, Runner& run) {
  auto options = std::make_shared<ExportOptions>();
  command.add_option("key", options->key, "The incident, e.g. INC-2026-0001")->required();
  command.add_option("--db", options->database, "SQLite database file (env DEBRIEF_DB)")
      ->capture_default_str();
  command.add_option("--format", options->format, "md, html or json")
      ->check(CLI::IsMember({"md", "html", "json"}))
      ->capture_default_str();
  command.add_flag("--anonymised", options->anonymised,
                   "Replace people's names with their role in the incident");
  command.callback([options, &run]() { run = [options]() { return Export(*options); }; });
}

}  // namespace debrief::cli
