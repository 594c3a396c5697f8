#include "cli/import_markdown.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string_view>

#include "app/postmortem_import.h"
#include "cli/exit_code.h"
#include "cli/options.h"
#include "cli/system_clock.h"
#include "cli/text_files.h"
#include "formats/json/postmortem_json.h"
#include "ingest/markdown_postmortem.h"
#include "store/open.h"

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;

struct MarkdownImportOptions {
  std::vector<std::string> paths;
  std::string database = DefaultDatabase();
  std::string time_zone = "UTC";
  bool dry_run = false;
  bool rows = false;
  std::string format = "text";  // Of a dry run's report: "text" or "json".
  std::string as;               // The importing user's email.
};

bool IsMarkdown(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".md" || extension == ".markdown";
}

// The files named, folders read for their Markdown files (sorted, so runs repeat).
core::Result<std::vector<fs::path>> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
        if (entry.is_regular_file() && IsMarkdown(entry.path())) found.push_back(entry.path());
      }
      if (error) {
        return core::Error::InvalidArgument(path + ": cannot be read (" + error.message() + ")");
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, error)) {
      files.emplace_back(path);
    } else {
      return core::Error::InvalidArgument(path + ": no such file or folder");
    }
  }
  return files;
}

void Report(const std::string& name, const ingest::Postmortem& postmortem, bool rows) {
  int placed = 0;
  int date_only = 0;
  int placeholders = 0;
  int unplaced = 0;
  for (const ingest::PostmortemRow& row : postmortem.timeline) {
    if (row.placeholder) ++placeholders;
    if (!row.at) {
      ++unplaced;
    } else if (row.date_only) {
      ++date_only;
    } else {
      ++placed;
    }
  }
  std::printf("%s: \"%s\"%s%s\n", name.c_str(), postmortem.title.c_str(),
              postmortem.date ? ", " : "",
              postmortem.date ? core::FormatDate(*postmortem.date).c_str() : "");
  std::printf(
      "  timeline: %zu rows, %d at a time, %d on a day only, %d not placed (%d placeholders); "
      "%d lines read as no row\n",
      postmortem.timeline.size(), placed, date_only, unplaced, placeholders,
      static_cast<int>(postmortem.timeline_lines_unread.size()));
  std::printf("  %zu contributing factors, %zu action items, %zu lessons; summary %s, impact %s\n",
              postmortem.factors.size(), postmortem.action_items.size(), postmortem.lessons.size(),
              postmortem.summary.empty() ? "no" : "yes", postmortem.impact.empty() ? "no" : "yes");
  std::string narrative;
  for (const ingest::PostmortemSection& section : postmortem.sections) {
    if (section.part != ingest::PostmortemPart::kNarrative) continue;
    narrative += (narrative.empty() ? "" : "; ") + section.heading;
  }
  if (!narrative.empty()) std::printf("  left as narrative: %s\n", narrative.c_str());
  if (!rows) return;
  for (const auto& [line, text] : postmortem.timeline_lines_unread) {
    std::printf("    %4d  read as no row: %s\n", line, text.substr(0, 90).c_str());
  }
  auto first_line = [](const std::string& text) {
    return text.substr(0, text.find('\n')).substr(0, 90);
  };
  for (const ingest::PostmortemFactor& factor : postmortem.factors) {
    std::printf("    %4d  factor (%s): %s\n", factor.line,
                std::string(core::ToString(factor.category)).c_str(),
                first_line(factor.text).c_str());
  }
  for (const ingest::PostmortemActionItem& action : postmortem.action_items) {
    std::printf("    %4d  action item%s%s: %s\n", action.line, action.done ? " (done)" : "",
                action.owner.empty() ? "" : (" for " + action.owner).c_str(),
                first_line(action.title).c_str());
  }
  for (const ingest::PostmortemLesson& lesson : postmortem.lessons) {
    std::printf("    %4d  lesson%s: %s\n", lesson.line,
                lesson.theme.empty() ? "" : (" (" + lesson.theme + ")").c_str(),
                first_line(lesson.text).c_str());
  }
  for (const ingest::PostmortemRow& row : postmortem.timeline) {
    std::string text = row.text.substr(0, row.text.find('\n')).substr(0, 70);
    std::string placed = !row.at                    ? row.unplaced_reason
                         : row.date_only && row.day ? core::FormatDate(*row.day) + " (day)"
                                                    : core::FormatRfc3339(*row.at);
    std::printf("    %4d  %-22s %-24s %-6s %s\n", row.line, placed.c_str(), row.time_text.c_str(),
                std::string(ingest::RowConfidence(row)).c_str(), text.c_str());
  }
}

// Who the incidents are created by: the user named, else the first admin.
core::Result<int64_t> Importer(store::Store& store, const std::string& email) {
  if (!email.empty()) {
    auto user = store.FindUserByEmail(email);
    if (!user && user.error().code() == core::ErrorCode::kNotFound) {
      return core::Error::InvalidArgument("--as " + email +
                                          ": no user has this email (see debrief user list, or "
                                          "add one with debrief user add)");
    }
    if (!user) return user.error();
    if (user->disabled) {
      return core::Error::InvalidArgument("--as " + email + ": this user is disabled");
    }
    return user->id;
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
  for (const core::User& user : users) {
    if (user.role == core::Role::kAdmin && !user.disabled) return user.id;
  }
  return core::Error::FailedPrecondition(
      "no admin to import as: add one (debrief user add) or name a user with --as EMAIL");
}

// A dry run's report as JSON: per file, what was read (formats/json/postmortem_json.h) or why
// it does not read.
void ReportJson(const std::vector<app::ImportedPostmortem>& read) {
  boost::json::array files;
  for (const app::ImportedPostmortem& one : read) {
    if (one.refused) {
      files.push_back(boost::json::object{{"file", one.name}, {"error", one.refused->message()}});
      continue;
    }
    boost::json::object file = formats::json::EncodePostmortemPreview(one.postmortem);
    file["file"] = one.name;
    files.push_back(std::move(file));
  }
  std::string text =
      boost::json::serialize(boost::json::object{{"dry_run", true}, {"files", files}});
  std::printf("%s\n", text.c_str());
}

int ImportMarkdown(const MarkdownImportOptions& options) {
  if (options.format == "json" && !options.dry_run) {
    return Fail(core::Error::InvalidArgument("--format json reports a preview: add --dry-run"));
  }
  auto files = CollectFiles(options.paths);
  if (!files) return Fail(files.error());
  auto zone = ingest::TimeZone::Parse(options.time_zone);
  if (!zone) return Fail(zone.error());
  ingest::PostmortemOptions reading{*zone};
  std::vector<app::PostmortemFile> texts;
  for (const fs::path& file : *files) {
    auto text = ReadTextFile(file);
    if (!text) return Fail(text.error());
    texts.push_back({file.string(), std::move(*text)});
  }
  // Every file is read and checked (and reported) before anything is stored.
  std::vector<app::ImportedPostmortem> read = app::ReadPostmortems(texts, reading);
  // A dry run leaves no database behind where there was none; it then cannot tell who is a
  // user, and says so.
  auto exists = store::StoreExists(options.database);
  if (!exists) return Fail(exists.error());
  bool checks_people = !options.dry_run || *exists;
  SystemClock clock;
  std::unique_ptr<store::Store> store;
  if (checks_people) {
    auto opened = store::OpenStore(options.database, clock);
    if (!opened) return Fail(opened.error());
    store = std::move(*opened);
    if (auto checked = app::CheckPeople(*store, read); !checked) return Fail(checked.error());
  }
  if (options.format == "json") {
    ReportJson(read);
    bool all_read = std::none_of(read.begin(), read.end(),
                                 [](const app::ImportedPostmortem& one) { return one.refused; });
    return all_read ? kExitOk : kExitUsage;
  }
  bool all_read = true;
  for (const app::ImportedPostmortem& one : read) {
    if (one.refused) {
      std::fprintf(stderr, "debrief: %s\n", one.refused->message().c_str());
      all_read = false;
      continue;
    }
    Report(one.name, one.postmortem, options.rows);
  }
  if (!all_read) {
    std::fprintf(stderr, "debrief: nothing was imported\n");
    return kExitUsage;
  }
  if (options.dry_run) {
    if (!checks_people) {
      std::printf(
          "no database at %s: owners and authors written as an address or @handle are "
          "matched to users when you import\n",
          store::DescribeLocation(options.database).c_str());
    }
    std::printf("dry run: %zu postmortems read; nothing stored\n", read.size());
    return kExitOk;
  }
  auto importer = Importer(*store, options.as);
  if (!importer) return Fail(importer.error());
  if (auto landed = app::StorePostmortems(*store, core::SeverityScale{}, *importer, texts, read);
      !landed) {
    std::fprintf(stderr, "debrief: nothing was imported\n");
    return Fail(landed.error());
  }
  std::vector<std::pair<std::string, app::StoredPostmortem>> stored;
  for (app::ImportedPostmortem& one : read) stored.emplace_back(one.name, *one.stored);
  int added = 0;
  for (const auto& [name, result] : stored) {
    if (result.already_there) {
      std::printf("%s: imported before, as %s; nothing added\n", name.c_str(), result.key.c_str());
      continue;
    }
    ++added;
    std::printf(
        "%s: %s with %lld events, %lld contributing factors, %lld action items, %lld "
        "lessons\n",
        name.c_str(), result.key.c_str(), static_cast<long long>(result.events),
        static_cast<long long>(result.factors), static_cast<long long>(result.action_items),
        static_cast<long long>(result.lessons));
  }
  std::printf("%d incidents added, %zu imported before\n", added, stored.size() - added);
  return kExitOk;
}

}  // namespace

void AddMarkdownImport(CLI::App& command, Runner& run) {
  auto options = std::make_shared<MarkdownImportOptions>();
  command.add_option("paths", options->paths, "Markdown files, or folders holding them")
      ->required();
  command.add_flag("--dry-run", options->dry_run, "Read and report on every file, store nothing");
  command.add_flag("--rows", options->rows,
                   "List every timeline row with the time it was placed at, and every factor, "
                   "action item and lesson");
  command
      .add_option("--time-zone", options->time_zone,
                  "Zone of times no file names a zone for: a name (Europe/Berlin), UTC, or +02:00")
      ->capture_default_str();
  command
      .add_option("--format", options->format,
                  "Of the dry run's report: text, or json (per file and row: its text, the "
                  "instant or day it was placed at, the zone and where its day and zone came "
                  "from, and how sure that is)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command.add_option("--as", options->as,
                     "Email of the user the incidents are created by (default: the first admin)");
  command.add_option("--db", options->database, store::kDatabaseHelp)->capture_default_str();
  command.callback([options, &run]() { run = [options]() { return ImportMarkdown(*options); }; });
}

}  // namespace debrief::cli
