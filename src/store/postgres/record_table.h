// RecordTable<T>: the PostgreSQL RecordStore for one kind of incident record, with its SQL built
// once from the entity's schema. Every write runs in a WriteScope that locks its incident first,
// with its audit entry.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/clock.h"
#include "store/postgres/write_scope.h"
#include "store/record_codec.h"
#include "store/store.h"

namespace debrief::store::postgres {

template <class T>
class RecordTable final : public RecordStore<T> {
 public:
  RecordTable(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {
    using Codec = RecordCodec<T>;
    std::string table(T::kCollection);
    int count = Codec::FieldCount();
    insert_sql_ = "INSERT INTO " + table + " (version, created_at, updated_at, " +
                  Codec::FieldColumns() + ") VALUES (1, $1, $2" + Placeholders(3, count) +
                  ") RETURNING " + Codec::SelectColumns();
    select_sql_ = "SELECT " + Codec::SelectColumns() + " FROM " + table +
                  " WHERE incident_id = $1 AND id = $2";
    list_sql_ = "SELECT " + Codec::SelectColumns() + " FROM " + table +
                " WHERE incident_id = $1 AND id > $2 ORDER BY id";
    if constexpr (std::is_same_v<T, core::TimelineEvent>) {
      imported_sql_ = "SELECT " + Codec::SelectColumns() + " FROM " + table +
                      " WHERE incident_id = $1 AND import_id = $2 ORDER BY id";
    }
    std::string assignments;
    int index = 2;
    core::ForEachField<T>([&](const auto& field) {
      assignments += ", " + std::string(field.name) + " = $" + std::to_string(index++);
    });
    update_sql_ = "UPDATE " + table + " SET version = version + 1, updated_at = $1" + assignments +
                  " WHERE incident_id = $" + std::to_string(index) + " AND id = $" +
                  std::to_string(index + 1) + " AND version = $" + std::to_string(index + 2) +
                  " RETURNING " + Codec::SelectColumns();
    delete_sql_ = "DELETE FROM " + table + " WHERE incident_id = $1 AND id = $2 AND version = $3";
    restore_sql_ = "INSERT INTO " + table + " (id, version, created_at, updated_at, " +
                   Codec::FieldColumns() + ") VALUES ($1, $2, $3, $4" + Placeholders(5, count) +
                   ")";
  }

  Result<void> Restore(const T& record) override {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(restore_sql_));
    statement->Bind(1, record.id);
    statement->Bind(2, record.version);
    statement->Bind(3, core::ToEpochMillis(record.created_at));
    statement->Bind(4, core::ToEpochMillis(record.updated_at));
    RecordCodec<T>::BindFields(*statement, 5, record);
    return statement->Run();
  }

  Result<T> Insert(T record, const Change& change) override {
    DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_, record.incident_id));
    core::Timestamp now = clock_.Now();
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(insert_sql_));
    statement->Bind(1, core::ToEpochMillis(now));
    statement->Bind(2, core::ToEpochMillis(now));
    RecordCodec<T>::BindFields(*statement, 3, record);
    DEBRIEF_ASSIGN_OR_RETURN(T stored, ReadOne(*statement));
    DEBRIEF_RETURN_IF_ERROR(Audit("create", stored, change));
    DEBRIEF_RETURN_IF_ERROR(scope.Commit());
    return stored;
  }

  Result<T> Get(int64_t incident_id, int64_t id) override {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(select_sql_));
    statement->Bind(1, incident_id);
    statement->Bind(2, id);
    DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
    if (!found) return NotFound(id);
    DEBRIEF_ASSIGN_OR_RETURN(T record, RecordCodec<T>::Read(*statement));
    statement->Reset();
    return record;
  }

  Result<std::vector<T>> List(int64_t incident_id) override { return ListAfter(incident_id, 0); }

  // The events one import added that are still there, in id order (Store::ListImportedEvents).
  Result<std::vector<T>> ListOfImport(
      int64_t incident_id, int64_t import_id) requires std::is_same_v<T, core::TimelineEvent> {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(imported_sql_));
    statement->Bind(1, incident_id);
    statement->Bind(2, import_id);
    return ReadAll(*statement);
  }

  Result<T> Update(T record, int64_t expected_version, const Change& change) override {
    DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_, record.incident_id));
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(update_sql_));
    statement->Bind(1, core::ToEpochMillis(clock_.Now()));
    RecordCodec<T>::BindFields(*statement, 2, record);
    int next = 2 + RecordCodec<T>::FieldCount();
    statement->Bind(next, record.incident_id);
    statement->Bind(next + 1, record.id);
    statement->Bind(next + 2, expected_version);
    DEBRIEF_ASSIGN_OR_RETURN(bool updated, statement->Step());
    if (!updated) return WhyNotWritten(record.incident_id, record.id, expected_version);
    DEBRIEF_ASSIGN_OR_RETURN(T stored, RecordCodec<T>::Read(*statement));
    statement->Reset();
    DEBRIEF_RETURN_IF_ERROR(Audit("update", stored, change));
    DEBRIEF_RETURN_IF_ERROR(scope.Commit());
    return stored;
  }

  Result<void> Delete(int64_t incident_id, int64_t id, int64_t expected_version,
                      const Change& change) override {
    DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_, incident_id));
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(delete_sql_));
    statement->Bind(1, incident_id);
    statement->Bind(2, id);
    statement->Bind(3, expected_version);
    DEBRIEF_RETURN_IF_ERROR(statement->Run());
    if (statement->Changes() == 0) {
      return WhyNotWritten(incident_id, id, expected_version).error();
    }
    T deleted;
    deleted.id = id;
    deleted.incident_id = incident_id;
    DEBRIEF_RETURN_IF_ERROR(Audit("delete", deleted, change));
    return scope.Commit();
  }

 private:
  static std::string Placeholders(int first, int count) {
    std::string text;
    for (int index = 0; index < count; ++index) text += ", $" + std::to_string(first + index);
    return text;
  }

  // The incident's records with ids above `after_id`, in id order: one statement, so one
  // snapshot of the incident whatever others write meanwhile.
  Result<std::vector<T>> ListAfter(int64_t incident_id, int64_t after_id) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(list_sql_));
    statement->Bind(1, incident_id);
    statement->Bind(2, after_id);
    return ReadAll(*statement);
  }

  Result<std::vector<T>> ReadAll(Statement& statement) {
    std::vector<T> records;
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    // The whole answer is at hand once the first row is: the list grows once.
    records.reserve(static_cast<size_t>(statement.RowCount()));
    while (has_row) {
      if (auto read = RecordCodec<T>::ReadInto(statement, records.emplace_back()); !read) {
        statement.Reset();
        return read.error();
      }
      DEBRIEF_ASSIGN_OR_RETURN(has_row, statement.Step());
    }
    return records;
  }

  Result<T> ReadOne(Statement& statement) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) return core::Error::Internal("a write returned no row");
    DEBRIEF_ASSIGN_OR_RETURN(T record, RecordCodec<T>::Read(statement));
    statement.Reset();
    return record;
  }

  // A conditional write changed nothing: the row is gone, or someone wrote it first.
  Result<T> WhyNotWritten(int64_t incident_id, int64_t id, int64_t expected_version) {
    DEBRIEF_ASSIGN_OR_RETURN(T current, Get(incident_id, id));
    return core::Error::FailedPrecondition(std::string(T::kNoun) + " " + std::to_string(id) +
                                           " is at version " + std::to_string(current.version) +
                                           ", not " + std::to_string(expected_version) +
                                           ": someone changed it since you read it");
  }

  core::Error NotFound(int64_t id) const {
    return core::Error::NotFound("no " + std::string(T::kNoun) + " " + std::to_string(id) +
                                 " on this incident");
  }

  Result<void> Audit(std::string_view action, const T& record, const Change& change) {
    core::AuditEntry entry;
    entry.at = clock_.Now();
    entry.actor_id = change.actor_id;
    entry.action = std::string(action);
    entry.entity = std::string(T::kCollection);
    entry.entity_id = record.id;
    entry.incident_id = record.incident_id;
    entry.diff_json = change.diff_json;
    return AppendAudit(connection_, entry);
  }

  Connection& connection_;
  const core::Clock& clock_;
  std::string insert_sql_;
  std::string select_sql_;
  std::string list_sql_;
  std::string imported_sql_;
  std::string update_sql_;
  std::string delete_sql_;
  std::string restore_sql_;
};

}  // namespace debrief::store::postgres
