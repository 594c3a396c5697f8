// RecordCodec<T>: reads and writes one entity's row on any back end (store/columns.h), driven by
// the entity's field schema. Column names are the field names; the four Record columns (id,
// version, created_at, updated_at) come first in every SELECT.
#pragma once

#include <string>

#include "core/result.h"
#include "core/schema.h"
#include "store/columns.h"

namespace debrief::store {

template <class T>
struct RecordCodec {
  // "id, version, created_at, updated_at, title, ..." with each name prefixed by `table.` when
  // a table is given (for joins).
  static std::string SelectColumns(std::string_view table = {}) {
    std::string prefix = table.empty() ? "" : std::string(table) + ".";
    std::string columns =
        prefix + "id, " + prefix + "version, " + prefix + "created_at, " + prefix + "updated_at";
    core::ForEachField<T>(
        [&](const auto& field) { columns += ", " + prefix + std::string(field.name); });
    return columns;
  }

  // "title, summary, ..." (the schema fields only).
  static std::string FieldColumns() {
    std::string columns;
    core::ForEachField<T>([&](const auto& field) {
      if (!columns.empty()) columns += ", ";
      columns += field.name;
    });
    return columns;
  }

  static int FieldCount() {
    int count = 0;
    core::ForEachField<T>([&](const auto&) { ++count; });
    return count;
  }

  // Binds every schema field, in order, starting at parameter `first`.
  template <ColumnBinder S>
  static void BindFields(S& statement, int first, const T& record) {
    int index = first;
    core::ForEachField<T>(
        [&](const auto& field) { BindColumn(statement, index++, record.*(field.member)); });
  }

  // Reads a row laid out as SelectColumns() from column `first`.
  template <ColumnReader S>
  static core::Result<T> Read(const S& statement, int first = 0) {
    T record;
    DEBRIEF_RETURN_IF_ERROR(ReadInto(statement, record, first));
    return record;
  }

  // Reads the row into `record` in place (a list's next element, with no moves).
  template <ColumnReader S>
  static core::Result<void> ReadInto(const S& statement, T& record, int first = 0) {
    record.id = statement.Int64(first);
    record.version = statement.Int64(first + 1);
    record.created_at = core::FromEpochMillis(statement.Int64(first + 2));
    record.updated_at = core::FromEpochMillis(statement.Int64(first + 3));
    int column = first + 4;
    bool ok = true;
    std::string_view bad_field;
    core::ForEachField<T>([&](const auto& field) {
      if (!ReadColumn(statement, column++, record.*(field.member)) && ok) {
        ok = false;
        bad_field = field.name;
      }
    });
    if (!ok) {
      return core::Error::Internal("stored " + std::string(T::kNoun) + " " +
                                   std::to_string(record.id) + " has an unreadable " +
                                   std::string(bad_field));
    }
    return core::Ok();
  }
};

}  // namespace debrief::store
