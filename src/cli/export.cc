// `debrief export KEY`: a review as Markdown, a standalone HTML page or JSON on standard output,
// for archives, wikis and printing. Like the API, it holds only accounts released to the review;
// --anonymised replaces every name with the person's role in the incident.
// `debrief export --all`: the whole database as a backup (formats/backup/backup_json.h), which
// `debrief import` restores into an empty database. It holds everything, private accounts and
// password hashes included: keep it as safe as the database.
#include <boost/json.hpp>
#include <cstdio>

#include "app/anonymisation.h"
#include "app/incident_document.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "formats/backup/backup_json.h"
#include "formats/incident_snapshot.h"
#include "render/incident_html.h"
#include "render/incident_markdown.h"
#include "store/backup.h"
#include "store/open.h"

namespace debrief::cli {
namespace {

struct ExportOptions {
  std::string database = DefaultDatabase();
  std::string key;
  std::string format = "md";
  bool anonymised = false;
  bool all = false;
};

int ExportAll(store::Store& store) {
  auto backup = store::ReadBackup(store);
  if (!backup) return Fail(backup.error());
  std::string out = boost::json::serialize(formats::EncodeBackup(*backup)) + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : Fail(core::Error::Unavailable("writing failed"));
}

int Export(const ExportOptions& options) {
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
  if (!store) return Fail(store.error());
  if (options.all) return ExportAll(**store);
  auto document = app::LoadIncidentDocument(**store, options.key);
  if (!document) return Fail(document.error());
  if (options.anonymised) {
    if (auto anonymised = app::Anonymisation(**store).Anonymise(*document); !anonymised) {
      return Fail(anonymised.error());
    }
  }
  std::string out = options.format == "md" ? render::RenderMarkdown(*document)
                    : options.format == "html"
                        ? render::RenderHtml(*document)
                        : boost::json::serialize(formats::IncidentDocumentJson(
                              *document, {.anonymised = options.anonymised})) +
                              "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void AddExport(CLI::App& command, Runner& run) {
  auto options = std::make_shared<ExportOptions>();
  auto* key = command.add_option("key", options->key, "The incident, e.g. INC-2026-0001");
  auto* all = command.add_flag("--all", options->all,
                               "Everything in the database, as a backup for `debrief import`");
  key->excludes(all);
  command.add_option("--db", options->database, store::kDatabaseHelp)->capture_default_str();
  command.add_option("--format", options->format, "md, html or json")
      ->check(CLI::IsMember({"md", "html", "json"}))
      ->capture_default_str();
  command.add_flag("--anonymised", options->anonymised,
                   "Replace people's names with their role in the incident");
  command.callback([options, key, &run]() {
    if (!options->all && key->count() == 0) {
      throw CLI::RequiredError("an incident key, or --all");
    }
    run = [options]() { return Export(*options); };
  });
}

}  // namespace debrief::cli
