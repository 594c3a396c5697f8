// `debrief backup FILE`: the database as of one moment, taken while the server keeps writing,
// checked once written. A SQLite copy (SQLite's online backup API) by default, or with --json
// (or a .json name) the JSON form `debrief export --all` writes, for moving to another back end.
// `debrief restore FILE`: either form into a new database, checked before it is reported done.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <boost/json.hpp>

#include "app/copy_database.h"
#include "app/library_entry.h"
#include "cli/backup.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "cli/text_files.h"
#include "formats/backup/backup_json.h"
#include "store/backup.h"
#include "store/open.h"

namespace debrief::cli {
namespace {

struct BackupOptions {
  std::string database = DefaultDatabase();
  std::string file;
  bool json = false;
};

void PrintSummary(const char* what, const std::string& file,
                  const store::SnapshotSummary& summary) {
  int64_t rows = 0;
  std::string tables;
  for (const auto& [table, count] : summary.rows) {
    rows += count;
    if (table == "incidents" || table == "users" || table == "timeline_events" ||
        table == "audit_log" || table == "published_versions") {
      tables += (tables.empty() ? "" : ", ") + std::to_string(count) + " " + table;
    }
  }
  std::fprintf(stderr, "debrief: %s %s: schema %d, %lld rows (%s), checked: sound\n", what,
               file.c_str(), summary.schema_version, static_cast<long long>(rows), tables.c_str());
}

bool WantsJson(const BackupOptions& options) {
  return options.json || options.file.ends_with(".json");
}

int BackupJson(store::Store& store, const std::string& file) {
  auto backup = store::ReadBackup(store);
  if (!backup) return Fail(backup.error());
  std::string text = boost::json::serialize(formats::EncodeBackup(*backup)) + "\n";
  std::string partial = file + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out.flush()) return Fail(core::Error::Unavailable("cannot write " + partial));
  }
  // Read back before it takes the name: a backup that does not decode is no backup.
  auto reread = formats::DecodeBackup(boost::json::parse(text));
  if (!reread || reread->incidents.size() != backup->incidents.size() ||
      reread->audit.size() != backup->audit.size()) {
    std::filesystem::remove(partial);
    return Fail(core::Error::Internal("the JSON backup did not read back the same"));
  }
  std::filesystem::rename(partial, file);
  std::fprintf(stderr, "debrief: backed up %zu users, %zu incidents and %zu audit entries to %s\n",
               backup->users.size(), backup->incidents.size(), backup->audit.size(), file.c_str());
  return kExitOk;
}

int Backup(const BackupOptions& options) {
  if (std::filesystem::exists(options.file)) {
    return Fail(core::Error::AlreadyExists("there is a file at " + options.file +
                                           " already; name a new one"));
  }
  SystemClock clock;
  auto store = store::OpenStore(options.database, clock);
  if (!store) return Fail(store.error());
  if (WantsJson(options)) return BackupJson(**store, options.file);
  auto summary = (*store)->CopySnapshot(options.file);
  if (!summary) return Fail(summary.error());
  PrintSummary("backed up to", options.file, *summary);
  return kExitOk;
}

bool IsSqliteFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 &&
         std::string_view(header, 16) == std::string_view("SQLite format 3\0", 16);
}

}  // namespace

int RestoreJsonBackup(const std::string& file, const std::string& database) {
  auto text = ReadTextFile(file);
  if (!text) return Fail(text.error());
  boost::system::error_code error;
  boost::json::value json = boost::json::parse(*text, error);
  if (error) {
    return Fail(core::Error::InvalidArgument(file + ": is neither a SQLite backup nor " + "JSON (" +
                                             error.message() + ")"));
  }
  auto backup = formats::DecodeBackup(json);
  if (!backup) {
    return Fail(core::Error::InvalidArgument(file + ": " + backup.error().message()));
  }
  SystemClock clock;
  auto store = store::OpenStore(database, clock);
  if (!store) return Fail(store.error());
  if (auto restored = (*store)->Restore(*backup); !restored) return Fail(restored.error());
  if (auto indexed = app::IndexLibraryBacklog(**store); !indexed) return Fail(indexed.error());
  auto summary = (*store)->Verify();
  if (!summary) return Fail(summary.error());
  PrintSummary("restored", store::DescribeLocation(database), *summary);
  return kExitOk;
}

namespace {

// A SQLite copy restored into PostgreSQL: read from a scratch copy of the file (opening migrates
// an older one, and the backup itself stays as it was), written as `debrief copy` writes.
int RestoreCopyInto(const std::string& file, const std::string& database) {
  // In a folder only this user may enter (0700): the copy is the whole database.
  std::string folder = (std::filesystem::temp_directory_path() / "debrief-restore-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    return Fail(core::Error::Unavailable("cannot make a scratch folder for the restore"));
  }
  std::string scratch = folder + "/copy.db";
  auto remove_scratch = [&folder]() {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  };
  std::error_code error;
  if (!std::filesystem::copy_file(file, scratch, error)) {
    remove_scratch();
    return Fail(core::Error::Unavailable("cannot copy " + file + ": " + error.message()));
  }
  SystemClock clock;
  core::Result<store::SnapshotSummary> checked = core::Error::Internal("not restored");
  {
    auto from = store::OpenStore(scratch, clock);
    auto to = from ? store::OpenStore(database, clock)
                   : core::Result<std::unique_ptr<store::Store>>(from.error());
    if (!to) {
      checked = to.error();
    } else if (auto copied = app::CopyDatabase(**from, **to); !copied) {
      checked = copied.error();
    } else {
      checked = (*to)->Verify();
    }
  }
  remove_scratch();
  if (!checked) return Fail(checked.error());
  PrintSummary("restored", store::DescribeLocation(database), *checked);
  return kExitOk;
}

int Restore(const BackupOptions& options) {
  if (!std::filesystem::exists(options.file)) {
    return Fail(core::Error::NotFound("there is no backup at " + options.file));
  }
  if (!IsSqliteFile(options.file)) return RestoreJsonBackup(options.file, options.database);
  if (options.database.starts_with("postgres://") ||
      options.database.starts_with("postgresql://")) {
    return RestoreCopyInto(options.file, options.database);
  }
  // A copy restores into a new file only: nothing of an existing database is overwritten.
  std::string target =
      options.database.starts_with("sqlite:") ? options.database.substr(7) : options.database;
  if (std::filesystem::exists(target)) {
    return Fail(core::Error::AlreadyExists(
        target + " exists; restore a copy into a new file (move the old one away first)"));
  }
  std::error_code error;
  if (!std::filesystem::copy_file(options.file, target, error)) {
    return Fail(core::Error::Unavailable("cannot write " + target + ": " + error.message()));
  }
  SystemClock clock;
  auto store = store::OpenStore(target, clock);  // An older backup is migrated here.
  auto checked = store ? (*store)->Verify() : core::Result<store::SnapshotSummary>(store.error());
  if (checked && store) {
    if (auto indexed = app::IndexLibraryBacklog(**store); !indexed) checked = indexed.error();
  }
  if (!checked) {
    if (store) store->reset();  // Closed before its files go.
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(target + suffix, error);
    return Fail(checked.error());
  }
  PrintSummary("restored", target, *checked);
  return kExitOk;
}

void AddOptions(CLI::App& command, BackupOptions& options) {
  command.add_option("--db", options.database, store::kDatabaseHelp)->capture_default_str();
}

}  // namespace

void AddBackup(CLI::App& command, Runner& run) {
  auto options = std::make_shared<BackupOptions>();
  command.add_option("file", options->file, "The new backup file")->required();
  command.add_flag("--json", options->json,
                   "The JSON form (as `export --all`), for moving to another back end");
  AddOptions(command, *options);
  command.callback([options, &run]() { run = [options]() { return Backup(*options); }; });
}

void AddRestore(CLI::App& command, Runner& run) {
  auto options = std::make_shared<BackupOptions>();
  command.add_option("file", options->file, "A backup: a SQLite copy or the JSON form")->required();
  AddOptions(command, *options);
  command.callback([options, &run]() { run = [options]() { return Restore(*options); }; });
}

}  // namespace debrief::cli
