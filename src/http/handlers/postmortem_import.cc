// POST /postmortems/import: postmortems written before debrief, uploaded from the browser, each
// becoming a resolved incident whose review is drafting (app/postmortem_import.h). The files come
// as {"files": [{"name", "content"}]} or as a zip of Markdown files (archive_base64). With
// dry_run the answer reports what each file holds, or why it does not read ("error"), and stores
// nothing; otherwise the whole archive lands in one transaction, or nothing does (a file that
// does not read refuses it, with every such file named), and a file imported before adds nothing.
#include <boost/json.hpp>

#include <algorithm>

#include "app/postmortem_import.h"
#include "formats/json/base64.h"
#include "formats/json/postmortem_json.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "ingest/export_archive.h"
#include "ingest/time_zone.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr size_t kMostFiles = 2'000;

bool IsMarkdownName(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name.ends_with(".md") || name.ends_with(".markdown");
}

core::Result<std::vector<app::PostmortemFile>> FilesOf(const bj::object& body) {
  std::vector<app::PostmortemFile> files;
  if (const bj::value* listed = body.if_contains("files")) {
    if (!listed->is_array()) {
      return core::Error::InvalidArgument("files must be a list of {name, content}", "files");
    }
    for (const bj::value& item : listed->get_array()) {
      const bj::object* file = item.if_object();
      const bj::value* name = file ? file->if_contains("name") : nullptr;
      const bj::value* content = file ? file->if_contains("content") : nullptr;
      if (!name || !name->is_string() || name->get_string().empty() || !content ||
          !content->is_string()) {
        return core::Error::InvalidArgument("each of files must be {name, content}, both text",
                                            "files");
      }
      files.push_back({std::string(name->get_string()), std::string(content->get_string())});
    }
  }
  if (const bj::value* archive = body.if_contains("archive_base64")) {
    if (!archive->is_string()) {
      return core::Error::InvalidArgument("archive_base64 must be a zip's bytes in base64",
                                          "archive_base64");
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::string bytes,
                             formats::json::DecodeBase64(archive->get_string(), "archive_base64"));
    std::string archive_name = "archive.zip";
    if (const bj::value* name = body.if_contains("file_name"); name && name->is_string()) {
      archive_name = std::string(name->get_string());
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<ingest::ExportArchive> zip,
                             ingest::ExportArchive::FromZipBytes(archive_name, std::move(bytes)));
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<ingest::ExportArchive::Entry> entries, zip->ListAll());
    for (const ingest::ExportArchive::Entry& entry : entries) {
      if (!IsMarkdownName(entry.name)) continue;
      DEBRIEF_ASSIGN_OR_RETURN(std::string content, zip->Read(entry.name));
      files.push_back({entry.name, std::move(content)});
    }
  }
  if (files.empty()) {
    return core::Error::InvalidArgument(
        "send the postmortems: files, or archive_base64 (a zip of Markdown files)", "files");
  }
  if (files.size() > kMostFiles) {
    return core::Error::InvalidArgument(
        "at most " + std::to_string(kMostFiles) + " postmortems at once", "files");
  }
  return files;
}

bj::object EncodeImported(const app::ImportedPostmortem& one, bool dry_run) {
  if (one.refused) return {{"name", one.name}, {"error", one.refused->message()}};
  const ingest::Postmortem& postmortem = one.postmortem;
  int64_t placed =
      std::count_if(postmortem.timeline.begin(), postmortem.timeline.end(),
                    [](const ingest::PostmortemRow& row) { return row.at.has_value(); });
  bj::object item{{"name", one.name},
                  {"title", postmortem.title},
                  {"date", postmortem.date ? bj::value(core::FormatDate(*postmortem.date))
                                           : bj::value(nullptr)},
                  {"timeline_rows", postmortem.timeline.size()},
                  {"placed_rows", placed},
                  {"factors", postmortem.factors.size()},
                  {"action_items", postmortem.action_items.size()},
                  {"lessons", postmortem.lessons.size()}};
  if (one.stored) {
    item["key"] = one.stored->key;
    item["already_there"] = one.stored->already_there;
  }
  if (dry_run) {
    // The preview shows how each row was read, as `debrief import markdown --format json` does.
    bj::object preview = formats::json::EncodePostmortemPreview(postmortem);
    item["rows"] = std::move(preview["rows"]);
    item["unread_lines"] = std::move(preview["unread_lines"]);
  }
  return item;
}

}  // namespace

core::Result<ApiResponse> ImportPostmortems(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(
      OnlyFields(body, {"files", "archive_base64", "file_name", "time_zone", "dry_run"}));
  bool dry_run = false;
  if (const bj::value* value = body.if_contains("dry_run")) {
    if (!value->is_bool()) {
      return core::Error::InvalidArgument("dry_run must be true or false", "dry_run");
    }
    dry_run = value->get_bool();
  }
  std::string zone_name = "UTC";
  if (const bj::value* value = body.if_contains("time_zone")) {
    if (!value->is_string()) {
      return core::Error::InvalidArgument("time_zone must be a name or an offset", "time_zone");
    }
    zone_name = std::string(value->get_string());
  }
  DEBRIEF_ASSIGN_OR_RETURN(ingest::TimeZone zone, ingest::TimeZone::Parse(zone_name));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<app::PostmortemFile> files, FilesOf(body));
  std::vector<app::ImportedPostmortem> imported =
      app::ReadPostmortems(files, ingest::PostmortemOptions{zone});
  if (dry_run) {
    // A preview names the files that would be refused for someone unknown; an import checks
    // them itself, in the transaction that stores.
    DEBRIEF_RETURN_IF_ERROR(app::CheckPeople(context.store(), imported));
  } else {
    DEBRIEF_RETURN_IF_ERROR(app::StorePostmortems(context.store(), context.services.severity_scale,
                                                  context.caller().user_id, files, imported));
  }
  bj::array items;
  int64_t added = 0;
  for (const app::ImportedPostmortem& one : imported) {
    items.push_back(EncodeImported(one, dry_run));
    if (one.stored && !one.stored->already_there) ++added;
  }
  return ApiResponse::Json({{"dry_run", dry_run}, {"items", std::move(items)}, {"added", added}},
                           dry_run ? 200 : 201);
}

}  // namespace debrief::http::handlers
