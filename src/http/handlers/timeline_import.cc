// POST /incidents/{key}/timeline/import: events from a file or pasted text, read by the same
// importers as `debrief import FORMAT` (ingest/text_import.h). With dry_run the answer shows what
// would be added — the counts and the first events as they would appear — and stores nothing, so
// the UI's Import dialog can preview before committing. Without it, the events land in one
// transaction that passes over events already on the timeline: the same file imported twice adds
// nothing. A malformed input is refused whole with its line and reason.
#include <boost/json.hpp>

#include "app/event_imports.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "ingest/text_import.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr size_t kBatch = 4096;
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

struct ImportRequest {
  ingest::TextImportSettings settings;
  std::string content;
  std::string file_name;
  bool dry_run = false;
};

core::Result<ImportRequest> DecodeImportRequest(const bj::object& body) {
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(
      body,
      {"format", "content", "file_name", "dry_run", "date", "time_zone", "event_kind", "delimiter",
       "records", "time_field", "time_format", "text", "actor", "link", "id_field", "kind_field"}));
  DEBRIEF_ASSIGN_OR_RETURN(std::string format, StringField(body, "format"));
  if (!ingest::IsTextFormat(format)) {
    return core::Error::InvalidArgument("format must be one of " + ingest::TextFormatNames(),
                                        "format");
  }
  ImportRequest request;
  request.settings = ingest::DefaultSettings(format);
  DEBRIEF_ASSIGN_OR_RETURN(request.content, StringField(body, "content"));
  DEBRIEF_RETURN_IF_ERROR(ReadSetting(body, "file_name", request.file_name));
  if (const bj::value* dry_run = body.if_contains("dry_run")) {
    if (!dry_run->is_bool()) {
      return core::Error::InvalidArgument("dry_run must be true or false", "dry_run");
    }
    request.dry_run = dry_run->get_bool();
  }
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
  if (request.file_name.empty()) request.file_name = "pasted text";
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
  DEBRIEF_ASSIGN_OR_RETURN(
      std::unique_ptr<ingest::EventSource> source,
      ingest::OpenTextSource(request.settings,
                             ingest::LineReader::FromText(request.file_name, request.content)));
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::EventImport> import,
                           context.store().BeginEventImport(incident.id));
  bj::array preview;
  int64_t events = 0;
  std::vector<core::TimelineEvent> batch;
  core::TimelineEvent event;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, source->Next(event));
    if (more) {
      if (preview.size() < kPreviewEvents) preview.push_back(EncodePreview(event));
      batch.push_back(std::move(event));
      ++events;
    }
    if (batch.size() == kBatch || (!more && !batch.empty())) {
      DEBRIEF_RETURN_IF_ERROR(import->Add(batch));
      batch.clear();
    }
    if (!more) break;
  }
  store::ImportCounts counts;
  if (request.dry_run) {
    DEBRIEF_ASSIGN_OR_RETURN(counts, import->Count());
  } else {
    store::Change change;
    change.actor_id = context.caller().user_id;
    change.diff_json = bj::serialize(
        bj::object{{"import", request.settings.mapping.kind_name}, {"file", request.file_name}});
    DEBRIEF_ASSIGN_OR_RETURN(
        counts,
        import->Commit(change, {request.settings.mapping.kind_name,
                                request.file_name.empty() ? "pasted text" : request.file_name}));
  }
  return ApiResponse::Json({{"format", request.settings.format},
                            {"dry_run", request.dry_run},
                            {"events", events},
                            {"added", counts.added},
                            {"skipped", counts.skipped},
                            {"shortened", source->shortened()},
                            {"preview", std::move(preview)}});
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
