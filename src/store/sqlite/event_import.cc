#include "store/sqlite/event_import.h"

#include "store/sqlite/record_codec.h"

namespace debrief::store::sqlite {

Result<std::unique_ptr<EventImport>> SqliteEventImport::Begin(Connection& connection,
                                                              const core::Clock& clock,
                                                              int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection));
  return std::unique_ptr<EventImport>(
      new SqliteEventImport(connection, clock, incident_id, std::move(scope)));
}

SqliteEventImport::SqliteEventImport(Connection& connection, const core::Clock& clock,
                                     int64_t incident_id, WriteScope scope)
    : connection_(connection), clock_(clock), incident_id_(incident_id), scope_(std::move(scope)) {
  using Codec = RecordCodec<core::TimelineEvent>;
  std::string placeholders;
  for (int index = 0; index < Codec::FieldCount(); ++index) placeholders += ", ?";
  insert_sql_ = "INSERT OR IGNORE INTO timeline_events (version, created_at, updated_at, " +
                Codec::FieldColumns() + ") VALUES (1, ?, ?" + placeholders + ")";
  int parameter = 3;
  core::ForEachField<core::TimelineEvent>([&](const auto& field) {
    if (field.name == std::string_view("incident_id")) incident_parameter_ = parameter;
    ++parameter;
  });
}

Result<void> SqliteEventImport::Add(const std::vector<core::TimelineEvent>& events) {
  int64_t now = core::ToEpochMillis(clock_.Now());
  // One statement for the batch, bound afresh for each event; the event's own incident_id is
  // bound over with this import's.
  DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_.Prepare(insert_sql_));
  for (const core::TimelineEvent& event : events) {
    if (!event.source.starts_with("import:")) {
      return core::Error::InvalidArgument("an imported event's source must be import:<kind>:<id>",
                                          "source");
    }
    insert->Reset();
    insert->Bind(1, now);
    insert->Bind(2, now);
    RecordCodec<core::TimelineEvent>::BindFields(*insert, 3, event);
    insert->Bind(incident_parameter_, incident_id_);
    DEBRIEF_RETURN_IF_ERROR(insert->Run());
    if (connection_.Changes() > 0) {
      ++counts_.added;
    } else {
      ++counts_.skipped;
    }
  }
  return core::Ok();
}

Result<ImportCounts> SqliteEventImport::Commit(const Change& change) {
  core::AuditEntry entry;
  entry.at = clock_.Now();
  entry.actor_id = change.actor_id;
  entry.action = "import";
  entry.entity = std::string(core::TimelineEvent::kCollection);
  entry.incident_id = incident_id_;
  // The caller's description of the import, with the counts added.
  std::string diff = change.diff_json.empty() ? "{}" : change.diff_json;
  std::string counts = "\"added\":" + std::to_string(counts_.added) +
                       ",\"skipped\":" + std::to_string(counts_.skipped);
  diff.insert(diff.size() - 1, diff.size() > 2 ? "," + counts : counts);
  entry.diff_json = std::move(diff);
  DEBRIEF_RETURN_IF_ERROR(AppendAudit(connection_, entry));
  DEBRIEF_RETURN_IF_ERROR(scope_.Commit());
  return counts_;
}

}  // namespace debrief::store::sqlite
