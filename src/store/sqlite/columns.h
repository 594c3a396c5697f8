// How each field type of the domain maps to a SQLite column: times as epoch milliseconds, dates
// and enums as text, lists as JSON arrays, optionals as NULL. Used by the generic record table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/time.h"
#include "store/sqlite/connection.h"

namespace debrief::store::sqlite {

void BindColumn(Statement& statement, int index, const std::string& value);
void BindColumn(Statement& statement, int index, int64_t value);
void BindColumn(Statement& statement, int index, bool value);
void BindColumn(Statement& statement, int index, core::Timestamp value);
void BindColumn(Statement& statement, int index, core::Date value);
void BindColumn(Statement& statement, int index, const std::vector<std::string>& values);
void BindColumn(Statement& statement, int index, const std::vector<int64_t>& values);

template <core::DomainEnum E>
void BindColumn(Statement& statement, int index, E value) {
  statement.Bind(index, core::ToString(value));
}

template <class T>
void BindColumn(Statement& statement, int index, const std::optional<T>& value) {
  if (value) {
    BindColumn(statement, index, *value);
  } else {
    statement.BindNull(index);
  }
}

// Each returns false when the stored value cannot be read back as the type (a corrupt row).
bool ReadColumn(const Statement& statement, int column, std::string& out);
bool ReadColumn(const Statement& statement, int column, int64_t& out);
bool ReadColumn(const Statement& statement, int column, bool& out);
bool ReadColumn(const Statement& statement, int column, core::Timestamp& out);
bool ReadColumn(const Statement& statement, int column, core::Date& out);
bool ReadColumn(const Statement& statement, int column, std::vector<std::string>& out);
bool ReadColumn(const Statement& statement, int column, std::vector<int64_t>& out);

template <core::DomainEnum E>
bool ReadColumn(const Statement& statement, int column, E& out) {
  auto parsed = core::ParseEnum<E>(statement.Text(column));
  if (!parsed) return false;
  out = *parsed;
  return true;
}

template <class T>
bool ReadColumn(const Statement& statement, int column, std::optional<T>& out) {
  if (statement.IsNull(column)) {
    out.reset();
    return true;
  }
  T value{};
  if (!ReadColumn(statement, column, value)) return false;
  out = std::move(value);
  return true;
}

}  // namespace debrief::store::sqlite
