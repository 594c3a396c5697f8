// POST /incidents/{key}/timeline/import: events from a file or pasted text, read by the same
// importers as `debrief import FORMAT` (ingest/text_import.h), and Slack exports uploaded whole
// (a zip, base64 in content_base64, with the channel to import). With dry_run the answer shows
// what would be added — the counts and the first events as they would appear — and stores
// nothing, so the UI's Import dialog can preview before committing (a Slack export's preview also
// lists its channels to choose from). Without it, the events land in one transaction, one import
// unit, passing over events already on the timeline: the same file imported twice adds nothing.
// A malformed input is refused whole with its line and reason.
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

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
                        "to",         "audience",    "people_fields"}));
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
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "audience", mapping.audience));
  if (const bj::value* fields = body.if_contains("people_fields")) {
    const bj::array* list = fields->if_array();
    if (list == nullptr || list->size() > 20) {
      return core::Error::InvalidArgument("people_fields must be a list of at most 20 field names",
                                          "people_fields");
    }
    mapping.people_fields.clear();
    for (const bj::value& field : *list) {
      const bj::string* name = field.if_string();
      if (name == nullptr || name->empty() || name->size() > 200) {
        return core::Error::InvalidArgument("each of people_fields must be a field name",
                                            "people_fields");
      }
      mapping.people_fields.emplace_back(*name);
    }
  }
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

// An import reading and storing a file takes seconds at most within the body limit; one still
// running after this long is stopped, storing nothing, so it cannot hold a worker for ever.
constexpr auto kImportDeadline = std::chrono::minutes(10);

ApiResponse ChannelsOnly(bj::array channels) {
  return ApiResponse::Json({{"format", "slack"},
                            {"dry_run", true},
                            {"channels", std::move(channels)},
                            {"events", 0},
                            {"added", 0},
                            {"skipped", 0},
                            {"shortened", 0},
                            {"preview", bj::array{}}});
}

// Reads the request's file into `import` and says what happened: the work of the route, from its
// body on, without the store (what it needs of the incident was read before). Runs on a worker
// when the store can open a connection for it, else on the event loop.
core::Result<ApiResponse> RunImport(std::string_view content_type, std::string_view body_text,
                                    const app::ParticipantNames& participant_names,
                                    std::optional<int64_t> actor_id,
                                    std::unique_ptr<store::EventImport> import,
                                    std::function<bool()> interrupted,
                                    std::function<bool()> stopped_early) {
  ImportRequest request;
  {
    DEBRIEF_ASSIGN_OR_RETURN(bj::object body, ParseJsonBody(content_type, body_text));
    DEBRIEF_ASSIGN_OR_RETURN(request, DecodeImportRequest(body));
  }
  app::ImportOptions options;
  options.dry_run = request.dry_run;
  options.change.actor_id = actor_id;
  options.change.diff_json = bj::serialize(
      bj::object{{"import", request.settings.mapping.kind_name}, {"file", request.file_name}});
  options.preview_limit = kPreviewEvents;
  options.interrupted = std::move(interrupted);
  std::unique_ptr<ingest::EventSource> source;
  bj::array channels;
  std::string name = request.file_name;
  if (request.settings.format == "slack") {
    DEBRIEF_ASSIGN_OR_RETURN(std::string bytes,
                             formats::json::DecodeBase64(request.content_base64, "content_base64"));
    request.content_base64.clear();
    DEBRIEF_ASSIGN_OR_RETURN(
        std::unique_ptr<ingest::ExportArchive> archive,
        ingest::ExportArchive::FromZipBytes(request.file_name, std::move(bytes)));
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<std::string> names, ingest::SlackChannels(*archive));
    for (const std::string& channel : names) channels.emplace_back(channel);
    // A preview without a channel says which channels there are to choose from.
    if (request.slack.channel.empty() && request.dry_run) return ChannelsOnly(std::move(channels));
    std::string channel = request.slack.channel;
    DEBRIEF_ASSIGN_OR_RETURN(
        std::unique_ptr<ingest::SlackExportSource> slack,
        ingest::SlackExportSource::Open(std::move(archive), std::move(request.slack)));
    app::NameSlackPeopleAsParticipants(participant_names, *slack);
    source = std::move(slack);
    name = "#" + (channel.starts_with('#') ? channel.substr(1) : channel) + " of " + name;
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(
        source, ingest::OpenTextSource(request.settings, ingest::LineReader::FromText(
                                                             request.file_name, request.content)));
  }
  // Who was in the source's audiences when (a Slack channel's members, the people a PagerDuty
  // incident reached): what each participant could see, for the timeline's knowledge view.
  options.participants = &participant_names;
  options.what = {request.settings.mapping.kind_name, name};
  DEBRIEF_ASSIGN_OR_RETURN(app::ImportOutcome outcome,
                           app::ImportEventsInto(std::move(import), std::move(source), options));
  if (outcome.interrupted) {
    // Stopped by the server (the client is gone, or it is stopping) or by the deadline: say which,
    // and what to do, for whoever still reads the answer.
    return core::Error::Unavailable(
        stopped_early && stopped_early()
            ? "the import was stopped because the server is stopping; nothing was imported: send "
              "it again once the server is back"
            : "the import ran longer than " +
                  std::to_string(std::chrono::minutes(kImportDeadline).count()) +
                  " minutes and was stopped; nothing was imported: split the file and import the "
                  "parts one after the other");
  }
  bj::array preview;
  for (const core::TimelineEvent& event : outcome.preview) preview.push_back(EncodePreview(event));
  bj::object answer{{"format", request.settings.format}, {"dry_run", request.dry_run},
                    {"events", outcome.events},          {"added", outcome.counts.added},
                    {"skipped", outcome.counts.skipped}, {"shortened", outcome.shortened},
                    {"preview", std::move(preview)}};
  if (!channels.empty()) answer["channels"] = std::move(channels);
  answer["audience_memberships"] = outcome.audience_memberships;
  bj::array strangers;
  for (const std::string& person : outcome.people_not_participants) {
    strangers.push_back(bj::value(person));
  }
  answer["people_not_participants"] = std::move(strangers);
  return ApiResponse::Json(answer);
}

}  // namespace

core::Result<ApiResponse> ImportTimelineEvents(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  // For a Slack export, whose people take the participants' names. Read whatever the format:
  // the body is read on the worker, and this is a few rows.
  DEBRIEF_ASSIGN_OR_RETURN(app::ParticipantNames participant_names,
                           app::ReadParticipantNames(context.store(), incident));
  std::optional<int64_t> actor_id = context.caller().user_id;

  // Parsing the body, reading, staging and counting a large file take seconds: on a worker with
  // a database connection of its own, the event loop goes on answering everyone else meanwhile.
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::EventImport> detached,
                           context.store().BeginDetachedEventImport(incident.id));
  if (!detached) {
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::EventImport> import,
                             context.store().BeginEventImport(incident.id));
    return RunImport(context.request.Header("content-type"), context.request.body,
                     participant_names, actor_id, std::move(import), {}, {});
  }
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto deadline = std::chrono::steady_clock::now() + kImportDeadline;
  // OffLoopWork is copyable; what it moves out of is held once, in shared state. The body is
  // copied (a memory copy of at most the import body limit, against parsing it here).
  struct Pending {
    std::string content_type;
    std::string body;
    app::ParticipantNames participant_names;
    std::unique_ptr<store::EventImport> import;
  };
  auto pending = std::make_shared<Pending>(
      Pending{std::string(context.request.Header("content-type")), context.request.body,
              std::move(participant_names), std::move(detached)});
  ApiResponse response;
  response.cancel = cancel;
  response.off_loop = [pending, cancel, deadline, actor_id]() -> LoopStep {
    auto interrupted = [cancel, deadline]() {
      return cancel->load() || std::chrono::steady_clock::now() > deadline;
    };
    auto answer = std::make_shared<core::Result<ApiResponse>>(
        RunImport(pending->content_type, pending->body, pending->participant_names, actor_id,
                  std::move(pending->import), interrupted, [cancel]() { return cancel->load(); }));
    pending->body = {};
    return [answer]() { return std::move(*answer); };
  };
  return response;
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
