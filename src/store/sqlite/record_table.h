// RecordTable<T>: the SQLite RecordStore for one kind of incident record, with its SQL built once
// from the entity's schema. Every write runs in a WriteScope with its audit entry.
#pragma once

#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "core/clock.h"
#include "store/record_codec.h"
#include "store/sqlite/split_read.h"
#include "store/sqlite/write_scope.h"
#include "store/store.h"

namespace debrief::store::sqlite {

template <class T>
class RecordTable final : public RecordStore<T> {
 public:
  // A list of events at least this long is read in two halves at once when a second connection
  // is at hand (ReadLargeListsAlsoWith).
  static constexpr int64_t kSplitListFrom = 20'000;

  RecordTable(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {
    using Codec = RecordCodec<T>;
    std::string table(T::kCollection);
    std::string placeholders;
    for (int index = 0; index < Codec::FieldCount(); ++index) placeholders += ", ?";
    insert_sql_ = "INSERT INTO " + table + " (version, created_at, updated_at, " +
                  Codec::FieldColumns() + ") VALUES (1, ?, ?" + placeholders + ") RETURNING " +
                  Codec::SelectColumns();
    select_sql_ =
        "SELECT " + Codec::SelectColumns() + " FROM " + table + " WHERE incident_id = ? AND id = ?";
    // Lists are ranges of ids: every record is above 0.
    list_sql_ = "SELECT " + Codec::SelectColumns() + " FROM " + table +
                " WHERE incident_id = ? AND id > ? AND id <= ? ORDER BY id";
    count_sql_ = "SELECT count(*) FROM " + table + " WHERE incident_id = ? AND id > ?";
    middle_sql_ = "SELECT id FROM " + table +
                  " WHERE incident_id = ? AND id > ? ORDER BY id LIMIT 1 OFFSET ?";
    if constexpr (std::is_same_v<T, core::TimelineEvent>) {
      imported_sql_ = "SELECT " + Codec::SelectColumns() + " FROM " + table +
                      " WHERE incident_id = ? AND import_id = ? ORDER BY id";
    }
    std::string assignments;
    core::ForEachField<T>(
        [&](const auto& field) { assignments += ", " + std::string(field.name) + " = ?"; });
    update_sql_ = "UPDATE " + table + " SET version = version + 1, updated_at = ?" + assignments +
                  " WHERE incident_id = ? AND id = ? AND version = ? RETURNING " +
                  Codec::SelectColumns();
    delete_sql_ = "DELETE FROM " + table + " WHERE incident_id = ? AND id = ? AND version = ?";
    restore_sql_ = "INSERT INTO " + table + " (id, version, created_at, updated_at, " +
                   Codec::FieldColumns() + ") VALUES (?, ?, ?, ?" + placeholders + ")";
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
    DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_));
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
    std::vector<T> records;
    DEBRIEF_RETURN_IF_ERROR(ReadAll(*statement, records));
    return records;
  }

  // Gives large event lists a second connection to the same database, opened on first use and
  // used only while a list is being read (from a thread of its own).
  void ReadLargeListsAlsoWith(std::function<Result<Connection*>()> helper) {
    helper_ = std::move(helper);
  }

  Result<T> Update(T record, int64_t expected_version, const Change& change) override {
    DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_));
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(update_sql_));
    statement->Bind(1, core::ToEpochMillis(clock_.Now()));
    RecordCodec<T>::BindFields(*statement, 2, record);
    int next = 2 + RecordCodec<T>::FieldCount();
    statement->Bind(next, record.incident_id);
    statement->Bind(next + 1, record.id);
    statement->Bind(next + 2, expected_version);
    DEBRIEF_ASSIGN_OR_RETURN(bool updated, statement->Step());
    if (!updated) {
      statement->Reset();
      return WhyNotWritten(record.incident_id, record.id, expected_version);
    }
    DEBRIEF_ASSIGN_OR_RETURN(T stored, RecordCodec<T>::Read(*statement));
    statement->Reset();
    DEBRIEF_RETURN_IF_ERROR(Audit("update", stored, change));
    DEBRIEF_RETURN_IF_ERROR(scope.Commit());
    return stored;
  }

  Result<void> Delete(int64_t incident_id, int64_t id, int64_t expected_version,
                      const Change& change) override {
    DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_));
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(delete_sql_));
    statement->Bind(1, incident_id);
    statement->Bind(2, id);
    statement->Bind(3, expected_version);
    DEBRIEF_RETURN_IF_ERROR(statement->Run());
    if (connection_.Changes() == 0) {
      return WhyNotWritten(incident_id, id, expected_version).error();
    }
    T deleted;
    deleted.id = id;
    deleted.incident_id = incident_id;
    DEBRIEF_RETURN_IF_ERROR(Audit("delete", deleted, change));
    return scope.Commit();
  }

 private:
  static constexpr int64_t kLastId = std::numeric_limits<int64_t>::max();

  // The incident's records with ids above `after_id`, in id order.
  Result<std::vector<T>> ListAfter(int64_t incident_id, int64_t after_id) {
    std::vector<T> records;
    // Events are counted first (from the index) so the list grows once: an incident may hold a
    // hundred thousand imported events, and growing by doubling would move them all many times
    // over. Other lists stay small, and take no second query.
    if constexpr (std::is_same_v<T, core::TimelineEvent>) {
      DEBRIEF_ASSIGN_OR_RETURN(int64_t count, CountAfter(incident_id, after_id));
      // Inside a transaction this connection may hold writes no other connection sees yet.
      if (count >= kSplitListFrom && helper_ && sqlite3_get_autocommit(connection_.handle())) {
        return ListInHalves(incident_id, after_id, count);
      }
      records.reserve(static_cast<size_t>(count));
    }
    DEBRIEF_RETURN_IF_ERROR(AppendRange(connection_, incident_id, after_id, kLastId, records));
    return records;
  }

  Result<int64_t> CountAfter(int64_t incident_id, int64_t after_id) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * count, connection_.Prepare(count_sql_));
    count->Bind(1, incident_id);
    count->Bind(2, after_id);
    DEBRIEF_ASSIGN_OR_RETURN(bool counted, count->Step());
    int64_t result = counted ? count->Int64(0) : 0;
    count->Reset();
    return result;
  }

  // Appends the incident's records with ids in (after_id, upto], in id order.
  Result<void> AppendRange(Connection& connection, int64_t incident_id, int64_t after_id,
                           int64_t upto, std::vector<T>& records) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection.Prepare(list_sql_));
    statement->Bind(1, incident_id);
    statement->Bind(2, after_id);
    statement->Bind(3, upto);
    return ReadAll(*statement, records);
  }

  // Appends every row `statement` gives.
  Result<void> ReadAll(Statement& statement, std::vector<T>& records) {
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement.Step());
      if (!has_row) break;
      if (auto read = RecordCodec<T>::ReadInto(statement, records.emplace_back()); !read) {
        statement.Reset();
        return read.error();
      }
    }
    return core::Ok();
  }

  // Reading and decoding rows is most of the first timeline request for a large incident, and
  // SQLite reads one statement on one thread: the upper half of the ids is read on the second
  // connection while this one reads the lower half. Each reads in a transaction of its own; they
  // saw the same events when they saw the same incident generation (every write to an event is
  // audited with it). If not (a write landed between the two BEGINs), or the second connection
  // failed, this connection reads the upper half too, in its own transaction, so the answer is
  // one state of the incident either way.
  Result<std::vector<T>> ListInHalves(int64_t incident_id, int64_t after_id, int64_t count) {
    DEBRIEF_ASSIGN_OR_RETURN(ReadTransaction reading, ReadTransaction::Begin(connection_));
    DEBRIEF_ASSIGN_OR_RETURN(int64_t generation, ReadIncidentGeneration(connection_, incident_id));
    DEBRIEF_ASSIGN_OR_RETURN(Statement * middle, connection_.Prepare(middle_sql_));
    middle->Bind(1, incident_id);
    middle->Bind(2, after_id);
    middle->Bind(3, count / 2);
    DEBRIEF_ASSIGN_OR_RETURN(bool found, middle->Step());
    int64_t lower_upto = found ? middle->Int64(0) - 1 : kLastId;
    middle->Reset();

    std::vector<T> lower;
    std::vector<T> upper;
    lower.reserve(static_cast<size_t>(count));
    upper.reserve(static_cast<size_t>(count - count / 2));
    Result<void> lower_read = core::Ok();
    bool upper_read = false;
    Result<Connection*> helper = helper_();
    if (helper) {
      Connection& second = **helper;
      RunSideBySide(
          [&] { lower_read = AppendRange(connection_, incident_id, after_id, lower_upto, lower); },
          [&] {
            auto second_reading = ReadTransaction::Begin(second);
            if (!second_reading) return;
            auto seen = ReadIncidentGeneration(second, incident_id);
            if (!seen || *seen != generation) return;
            upper_read =
                static_cast<bool>(AppendRange(second, incident_id, lower_upto, kLastId, upper));
          });
    } else {
      lower_read = AppendRange(connection_, incident_id, after_id, lower_upto, lower);
    }
    DEBRIEF_RETURN_IF_ERROR(lower_read);
    if (!upper_read) {
      upper.clear();
      DEBRIEF_RETURN_IF_ERROR(AppendRange(connection_, incident_id, lower_upto, kLastId, upper));
    }
    lower.insert(lower.end(), std::make_move_iterator(upper.begin()),
                 std::make_move_iterator(upper.end()));
    return lower;
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
  std::string count_sql_;
  std::string middle_sql_;
  std::string imported_sql_;  // Events only.
  std::function<Result<Connection*>()> helper_;
  std::string update_sql_;
  std::string delete_sql_;
  std::string restore_sql_;
};

}  // namespace debrief::store::sqlite
