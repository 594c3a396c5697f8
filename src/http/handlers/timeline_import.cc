// POST /incidents/{key}/timeline/import: events from a file or pasted text, read by the same
// importers as `debrief import FORMAT` (ingest/text_import.h), and Slack exports uploaded whole
// (a zip, base64 in content_base64, with the channel to import). With dry_run the answer shows
// what would be added — the counts and the first events as they would appear — and stores
// nothing, so the UI's Import dialog can preview before committing (a Slack export's preview also
// lists its channels to choose from). Without it, the events land in one transaction, one import
// unit, passing over events already on the timeline: the same file imported twice adds nothing.
// A malformed input is refused whole with its line and reason.
#include <boost/json.hpp>

#include "app/event_import.h"
#include "app/event_imports.h"
#include "formats/json/base64.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "ingest/slack_export.h"
#include "ingest/text_import.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr size_t kPreviewEvents = 50;

// Optional string fields of the body, each into its setting; anything but a string is refused.
core::Result<void> ReadSetting(const bj::object& body, std::string_view name,
                               std::string& setting) {
  const bj::value* value = body.if_contains(name);
  if (value == nullptr) return core::Ok();
  if (!value->is_string()) {
    return core::Error::InvalidArgument(std::string(name) + " must be a string", std::string(name));
  }
  setting = std::string(value->get_string());
  return core::Ok();
}

core::Result<bool> ReadFlag(const bj::object& body, std::string_view name) {
  const bj::value* value = body.if_contains(name);
  if (value == nullptr) return false;
  if (!value->is_bool()) {
    return core::Error::InvalidArgument(std::string(name) + " must be true or false",
                                        std::string(name));
  }
  return value->get_bool();
}

struct ImportRequest {
  ingest::TextImportSettings settings;
  std::string content;
  std::string content_base64;
  std::string file_name;
  bool dry_run = false;
  ingest::SlackImportOptions slack;
};

bool IsFormat(std::string_view format) { return format == "slack" || ingest::IsTextFormat(format); }

core::Result<ImportRequest> DecodeImportRequest(const bj::object& body) {
  DEBRIEF_RETURN_IF_ERROR(
      OnlyFields(body, {"format",     "content",     "content_base64", "file_name",    "dry_run",
                        "date",       "time_zone",   "event_kind",     "delimiter",    "records",
                        "time_field", "time_format", "text",           "actor",        "link",
                        "id_field",   "kind_field",  "channel",        "all_messages", "from",
                        "to"}));
  DEBRIEF_ASSIGN_OR_RETURN(std::string format, StringField(body, "format"));
  if (!IsFormat(format)) {
    return core::Error::InvalidArgument(
        "format must be one of " + ingest::TextFormatNames() + ", slack", "format");
  }
  ImportRequest request;
  request.settings = ingest::DefaultSettings(format);
  if (format == "slack") {
    DEBRIEF_ASSIGN_OR_RETURN(request.content_base64, StringField(body, "content_base64"));
    DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "channel", request.slack.channel));
    DEBRIEF_ASSIGN_OR_RETURN(request.slack.all_messages, ReadFlag(body, "all_messages"));
    for (const auto& [name, bound] :
         {std::pair{"from", &request.slack.from}, std::pair{"to", &request.slack.to}}) {
      std::string text;
      DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, name, text));
      if (text.empty()) continue;
      std::optional<core::Timestamp> at = core::ParseRfc3339(text);
      if (auto date = core::ParseDate(text); !at && date && text.size() == 10) {
        at = core::Timestamp(std::chrono::sys_days(*date));
      }
      if (!at) {
        return core::Error::InvalidArgument(
            std::string(name) + " must be a date (2026-03-14) or a time (2026-03-14T10:00:00Z)",
            name);
      }
      *bound = at;
    }
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(request.content, StringField(body, "content"));
  }
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "file_name", request.file_name));
  DEBRIEF_ASSIGN_OR_RETURN(request.dry_run, ReadFlag(body, "dry_run"));
  ingest::TextImportSettings& settings = request.settings;
  ingest::EventMapping& mapping = settings.mapping;
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "date", settings.date));
  // One zone option: chat and pasted lines read it as theirs, records as the mapping's.
  std::string time_zone;
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "time_zone", time_zone));
  if (!time_zone.empty()) {
    settings.time_zone = time_zone;
    mapping.time_zone = time_zone;
  }
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "event_kind", settings.event_kind));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "delimiter", settings.delimiter));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "time_format", settings.time_format));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "records", mapping.records));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "time_field", mapping.time_field));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "text", mapping.text));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "actor", mapping.actor));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "link", mapping.link));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "id_field", mapping.id_field));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "kind_field", mapping.kind_field));
  if (request.file_name.empty())
    request.file_name = format == "slack" ? "export.zip" : "pasted text";
  return request;
}

bj::object EncodePreview(const core::TimelineEvent& event) {
  bj::array links;
  for (const std::string& link : event.evidence_links) links.emplace_back(link);
  return {{"at", core::FormatRfc3339(event.at)},
          {"kind", std::string(core::ToString(event.kind))},
          {"actor", event.actor},
          {"text", event.text},
          {"source", event.source},
          {"evidence_links", std::move(links)}};
}

}  // namespace

core::Result<ApiResponse> ImportTimelineEvents(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_ASSIGN_OR_RETURN(ImportRequest request, DecodeImportRequest(body));
  std::unique_ptr<ingest::EventSource> source;
  bj::array channels;
  std::string name = request.file_name;
  if (request.settings.format == "slack") {
    DEBRIEF_ASSIGN_OR_RETURN(std::string bytes,
                             formats::json::DecodeBase64(request.content_base64, "content_base64"));
    DEBRIEF_ASSIGN_OR_RETURN(
        std::unique_ptr<ingest::ExportArchive> archive,
        ingest::ExportArchive::FromZipBytes(request.file_name, std::move(bytes)));
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<std::string> names, ingest::SlackChannels(*archive));
    for (const std::string& channel : names) channels.emplace_back(channel);
    // A preview without a channel says which channels there are to choose from.
    if (request.slack.channel.empty() && request.dry_run) {
      return ApiResponse::Json({{"format", "slack"},
                                {"dry_run", true},
                                {"channels", std::move(channels)},
                                {"events", 0},
                                {"added", 0},
                                {"skipped", 0},
                                {"shortened", 0},
                                {"preview", bj::array{}}});
    }
    std::string channel = request.slack.channel;
    DEBRIEF_ASSIGN_OR_RETURN(
        std::unique_ptr<ingest::SlackExportSource> slack,
        ingest::SlackExportSource::Open(std::move(archive), std::move(request.slack)));
    DEBRIEF_RETURN_IF_ERROR(app::MapSlackPeopleToParticipants(context.store(), incident, *slack));
    source = std::move(slack);
    name = "#" + (channel.starts_with('#') ? channel.substr(1) : channel) + " of " + name;
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(
        source, ingest::OpenTextSource(request.settings, ingest::LineReader::FromText(
                                                             request.file_name, request.content)));
  }
  store::Change change;
  change.actor_id = context.caller().user_id;
  change.diff_json = bj::serialize(
      bj::object{{"import", request.settings.mapping.kind_name}, {"file", request.file_name}});
  app::ImportOptions options;
  options.dry_run = request.dry_run;
  options.change = std::move(change);
  options.what = {request.settings.mapping.kind_name, name};
  options.preview_limit = kPreviewEvents;
  DEBRIEF_ASSIGN_OR_RETURN(
      app::ImportOutcome outcome,
      app::ImportEvents(context.store(), incident, std::move(source), options));
  bj::array preview;
  for (const core::TimelineEvent& event : outcome.preview) preview.push_back(EncodePreview(event));
  bj::object answer{{"format", request.settings.format}, {"dry_run", request.dry_run},
                    {"events", outcome.events},          {"added", outcome.counts.added},
                    {"skipped", outcome.counts.skipped}, {"shortened", outcome.shortened},
                    {"preview", std::move(preview)}};
  if (!channels.empty()) answer["channels"] = std::move(channels);
  return ApiResponse::Json(answer);
}

namespace {

bj::object EncodeImport(const store::EventImportRecord& record) {
  auto optional_time = [](const std::optional<core::Timestamp>& at) {
    return at ? bj::value(core::FormatRfc3339(*at)) : bj::value(nullptr);
  };
  auto optional_id = [](const std::optional<int64_t>& id) {
    return id ? bj::value(*id) : bj::value(nullptr);
  };
  return {{"id", record.id},
          {"format", record.what.format},
          {"name", record.what.name},
          {"created_by", optional_id(record.created_by)},
          {"created_at", core::FormatRfc3339(record.created_at)},
          {"added", record.added},
          {"skipped", record.skipped},
          {"undone_at", optional_time(record.undone_at)},
          {"undone_by", optional_id(record.undone_by)},
          {"removed", record.removed}};
}

}  // namespace

core::Result<ApiResponse> ListImports(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<store::EventImportRecord> imports,
                           app::ListImports(context.store(), incident));
  bj::array items;
  for (const store::EventImportRecord& record : imports) items.push_back(EncodeImport(record));
  return ApiResponse::Json({{"items", std::move(items)}});
}

core::Result<ApiResponse> UndoImport(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, "import"));
  DEBRIEF_ASSIGN_OR_RETURN(
      store::EventImportRecord undone,
      app::UndoImport(context.store(), incident, id, context.caller().user_id));
  return ApiResponse::Json(EncodeImport(undone));
}

}  // namespace debrief::http::handlers
