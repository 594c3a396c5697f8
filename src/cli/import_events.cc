#include "cli/import_events.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <map>

#include "app/event_import.h"
#include "cli/exit_code.h"
#include "cli/import_progress.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "ingest/plain_text.h"
#include "ingest/slack_export.h"
#include "store/open.h"

namespace debrief::cli {
namespace {

constexpr int kExitInterrupted = 130;  // As shells report a command ended by SIGINT.

volatile std::sig_atomic_t interrupted = 0;
extern "C" void OnInterrupt(int) { interrupted = 1; }

// Ctrl-C sets a flag the import checks between batches, so it can roll back and say so.
class InterruptFlag {
 public:
  InterruptFlag() {
    interrupted = 0;
    struct sigaction action {};
    action.sa_handler = OnInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int_);
    sigaction(SIGTERM, &action, &previous_term_);
  }
  ~InterruptFlag() {
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGTERM, &previous_term_, nullptr);
  }
  bool raised() const { return interrupted != 0; }

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

// --from/--to: a date (midnight UTC) or an RFC 3339 time.
core::Result<std::optional<core::Timestamp>> ReadBound(const std::string& text,
                                                       std::string_view option) {
  if (text.empty()) return std::optional<core::Timestamp>();
  if (auto date = core::ParseDate(text); date && text.size() == 10) {
    return std::optional<core::Timestamp>(core::Timestamp(std::chrono::sys_days(*date)));
  }
  if (auto instant = core::ParseRfc3339(text)) return std::optional<core::Timestamp>(instant);
  return core::Error::InvalidArgument(
      "--" + std::string(option) + " must be a date (2026-03-14) or a time (2026-03-14T10:00:00Z)",
      std::string(option));
}

core::Result<std::unique_ptr<ingest::EventSource>> OpenSlackExport(
    const EventImportOptions& options, const app::ParticipantNames& participants) {
  ingest::SlackImportOptions slack;
  slack.channel = options.channel;
  DEBRIEF_ASSIGN_OR_RETURN(slack.from, ReadBound(options.from, "from"));
  DEBRIEF_ASSIGN_OR_RETURN(slack.to, ReadBound(options.to, "to"));
  slack.all_messages = options.all_messages;
  slack.key_reactions = options.key_reactions;
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<ingest::ExportArchive> archive,
                           ingest::ExportArchive::Open(options.file));
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<ingest::SlackExportSource> source,
                           ingest::SlackExportSource::Open(std::move(archive), std::move(slack)));
  app::NameSlackPeopleAsParticipants(participants, *source);
  return std::unique_ptr<ingest::EventSource>(std::move(source));
}

// `participants`: the incident's, for a Slack export (ReadParticipantNames).
core::Result<std::unique_ptr<ingest::EventSource>> OpenSource(
    const EventImportOptions& options, const app::ParticipantNames& participants) {
  if (options.text.format == "slack") return OpenSlackExport(options, participants);
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<ingest::LineReader> lines,
                           ingest::LineReader::Open(options.file));
  return ingest::OpenTextSource(options.text, std::move(lines));
}

int ImportEvents(const EventImportOptions& options) {
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
  if (!store) return Fail(store.error());
  auto incident = (*store)->GetIncident(options.incident);
  if (!incident) return Fail(incident.error());
  // A Slack export's people take the participants' names, and the people in a source's audiences
  // over time (a channel's members, whom a PagerDuty incident reached) become what each
  // participant could see: the participants are read once, for both.
  auto participants = app::ReadParticipantNames(**store, *incident);
  if (!participants) return Fail(participants.error());
  auto source = OpenSource(options, *participants);
  if (!source) return Fail(source.error());

  InterruptFlag interrupt;
  ImportProgress progress;
  app::ImportOptions import;
  import.dry_run = options.dry_run;
  boost::json::object what{{"import", options.text.mapping.kind_name}, {"file", options.file}};
  import.change.diff_json = boost::json::serialize(what);
  import.what = {options.text.mapping.kind_name,
                 options.file == "-" ? std::string("standard input")
                                     : std::filesystem::path(options.file).filename().string()};
  // Reading and parsing run on a thread of their own, a batch ahead of the inserts here; Ctrl-C
  // comes to this thread, which rolls back.
  import.read_ahead = true;
  import.participants = &*participants;
  import.progress = [&](uint64_t read, uint64_t total, int64_t events) {
    progress.Update(read, total, events);
};
import.interrupted = [&] { return interrupt.raised();
};  // namespace
auto imported = app::ImportEvents(**store, *incident, std::move(*source), import);
progress.Finish();
if (!imported) {
  std::fprintf(stderr, "debrief: nothing was imported\n");
  return Fail(imported.error());
}
if (imported->interrupted) {
  std::fprintf(stderr, "debrief: interrupted; nothing was imported\n");
  return kExitInterrupted;
}
if (imported->shortened > 0) {
  std::fprintf(stderr, "debrief: %lld texts were longer than %zu characters and were cut\n",
               static_cast<long long>(imported->shortened), ingest::kMaxEventText);
}
if (!imported->people_not_participants.empty()) {
  std::string names;
  for (const std::string& person : imported->people_not_participants) {
    names += (names.empty() ? "" : ", ") + person;
  }
  std::fprintf(stderr,
               "debrief: named by the import but not participants of %s: %s. To know what they "
               "could see, add those who took part on the incident's overview (People) and "
               "import again: it adds no event twice and replaces what it knew of who saw what\n",
               incident->key.c_str(), names.c_str());
}
const store::ImportCounts& counts = imported->counts;
if (options.dry_run) {
  std::printf("dry run: %lld events would be added to %s, %lld already there; nothing stored\n",
              static_cast<long long>(counts.added), incident->key.c_str(),
              static_cast<long long>(counts.skipped));
  return kExitOk;
}
std::printf("%lld events added to %s, %lld already there\n", static_cast<long long>(counts.added),
            incident->key.c_str(), static_cast<long long>(counts.skipped));
return kExitOk;
}  // namespace debrief::cli

}  // namespace

void AddEventImport(CLI::App& command, Runner& run, const std::string& format) {
  auto options = std::make_shared<EventImportOptions>();
  options->text = ingest::DefaultSettings(format);
  options->database = DefaultDatabase();
  ingest::TextImportSettings& text = options->text;
  if (format == "json") {
    command.add_option("--records", text.mapping.records,
                       "The top-level key of the array of records (default: the document is the "
                       "array)");
  }
  if (format == "csv") {
    command.add_option("--delimiter", text.delimiter,
                       "The character between fields (default \",\"; \"tab\" for tabs)");
  }
  command
      .add_option("file", options->file,
                  format == "slack" ? "The export: Slack's zip, or the folder it unzips to"
                                    : "The file to read (- for standard input)")
      ->required();
  command.add_option("--incident", options->incident, "Key of the incident, e.g. INC-2026-0042")
      ->required();
  command.add_flag("--dry-run", options->dry_run, "Read and count everything, store nothing");
  command.add_option("--db", options->database, store::kDatabaseHelp)->capture_default_str();
  command.callback([options, &run]() { run = [options]() { return ImportEvents(*options); }; });
  if (format == "slack") {
    command.add_option("--channel", options->channel, "The channel to import, by name or id")
        ->required();
    command.add_option("--from", options->from,
                       "Only messages at or after this date or time (2026-03-14, or RFC 3339)");
    command.add_option("--to", options->to, "Only messages before this date or time");
    command.add_flag("--all-messages", options->all_messages,
                     "Import every message, not only the key ones (pinned, or with a key "
                     "reaction)");
    command
        .add_option("--key-reaction", options->key_reactions,
                    "A reaction that marks a message as key (repeat for several)")
        ->capture_default_str();
    return;
  }
  if (format == "chat" || format == "paste") {
    command.add_option("--date", text.date,
                       "The day the first line is on, YYYY-MM-DD, for lines that give times only");
    command
        .add_option("--time-zone", text.time_zone,
                    "Zone of times without an offset: a name (Europe/Berlin), UTC, or +02:00")
        ->capture_default_str();
    if (format == "paste") {
      command.add_option(
          "--event-kind", text.event_kind,
          "Kind of every event (default observation): " + core::AllowedValues<core::EventKind>());
    }
    return;  // Lines of one shape: no field mapping.
  }
  command.add_option("--time-field", text.mapping.time_field,
                     "Field holding the time (default: time, timestamp, ts or @timestamp)");
  command.add_option("--time-format", text.time_format, "auto, rfc3339, s, ms, us, ns or slack");
  command.add_option("--time-zone", text.mapping.time_zone,
                     "Zone of times written without an offset: a name (Europe/Berlin), UTC, or "
                     "+02:00");
  command.add_option("--text", text.mapping.text,
                     "The event's text, with {field} placeholders (default: message, msg or "
                     "text)");
  command.add_option("--actor", text.mapping.actor, "Who or what acted: a {field} template");
  command.add_option("--link", text.mapping.link, "A link back to the source: a template");
  command.add_option("--id-field", text.mapping.id_field,
                     "Field identifying the record (default: a hash of its line)");
  command.add_option("--event-kind", text.event_kind,
                     "Kind of every event: " + core::AllowedValues<core::EventKind>());
  command.add_option("--kind-field", text.mapping.kind_field,
                     "Field holding each event's kind by name");
  command.add_option("--audience", text.mapping.audience,
                     "Who could see each event, as a template (pagerduty:{incident.id})");
  command.add_option("--people-field", text.mapping.people_fields,
                     "JSON: a field naming people in the event's audience from then on (repeat "
                     "for several)");
}

}  // namespace debrief::cli
