// How each field type of the domain maps to a column, the same on every back end: times as epoch
// milliseconds, dates and enums as text, flags as 0/1, lists as JSON arrays in text, optionals as
// NULL. Written once over any statement that binds and reads integers and text by position
// (sqlite::Statement, postgres::Statement), so a row means the same in either database and moves
// between them unchanged.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/time.h"

namespace debrief::store {

// What the column codecs need of a prepared statement (or of anything else that takes a row's
// values in order, such as a COPY buffer): values bound by 1-based position...
template <class S>
concept ColumnBinder = requires(S& statement, int index, int64_t number, std::string_view text) {
  statement.Bind(index, number);
  statement.Bind(index, text);
  statement.BindNull(index);
};
// ...and the columns of the current row read by 0-based position.
template <class S>
concept ColumnReader = requires(const S& row, int index) {
  { row.IsNull(index) } -> std::convertible_to<bool>;
  { row.Int64(index) } -> std::convertible_to<int64_t>;
  { row.Text(index) } -> std::convertible_to<std::string_view>;
};

// The JSON text of a list, and back; the readers return false for text that is not such a list.
std::string EncodeStringList(const std::vector<std::string>& values);
std::string EncodeIdList(const std::vector<int64_t>& values);
bool DecodeStringList(std::string_view text, std::vector<std::string>& out);
bool DecodeIdList(std::string_view text, std::vector<int64_t>& out);

template <ColumnBinder S>
void BindColumn(S& statement, int index, const std::string& value) {
  statement.Bind(index, std::string_view(value));
}
template <ColumnBinder S>
void BindColumn(S& statement, int index, int64_t value) {
  statement.Bind(index, value);
}
template <ColumnBinder S>
void BindColumn(S& statement, int index, bool value) {
  statement.Bind(index, static_cast<int64_t>(value ? 1 : 0));
}
template <ColumnBinder S>
void BindColumn(S& statement, int index, core::Timestamp value) {
  statement.Bind(index, core::ToEpochMillis(value));
}
template <ColumnBinder S>
void BindColumn(S& statement, int index, core::Date value) {
  statement.Bind(index, std::string_view(core::FormatDate(value)));
}
template <ColumnBinder S>
void BindColumn(S& statement, int index, const std::vector<std::string>& values) {
  statement.Bind(index, std::string_view(EncodeStringList(values)));
}
template <ColumnBinder S>
void BindColumn(S& statement, int index, const std::vector<int64_t>& values) {
  statement.Bind(index, std::string_view(EncodeIdList(values)));
}
template <ColumnBinder S, core::DomainEnum E>
void BindColumn(S& statement, int index, E value) {
  statement.Bind(index, core::ToString(value));
}
template <ColumnBinder S, class T>
void BindColumn(S& statement, int index, const std::optional<T>& value) {
  if (value) {
    BindColumn(statement, index, *value);
  } else {
    statement.BindNull(index);
  }
}

// Each returns false when the stored value cannot be read back as the type (a corrupt row).
template <ColumnReader S>
bool ReadColumn(const S& statement, int column, std::string& out) {
  out.assign(statement.Text(column));
  return true;
}
template <ColumnReader S>
bool ReadColumn(const S& statement, int column, int64_t& out) {
  out = statement.Int64(column);
  return true;
}
template <ColumnReader S>
bool ReadColumn(const S& statement, int column, bool& out) {
  out = statement.Int64(column) != 0;
  return true;
}
template <ColumnReader S>
bool ReadColumn(const S& statement, int column, core::Timestamp& out) {
  out = core::FromEpochMillis(statement.Int64(column));
  return true;
}
template <ColumnReader S>
bool ReadColumn(const S& statement, int column, core::Date& out) {
  auto date = core::ParseDate(statement.Text(column));
  if (!date) return false;
  out = *date;
  return true;
}
template <ColumnReader S>
bool ReadColumn(const S& statement, int column, std::vector<std::string>& out) {
  return DecodeStringList(statement.Text(column), out);
}
template <ColumnReader S>
bool ReadColumn(const S& statement, int column, std::vector<int64_t>& out) {
  return DecodeIdList(statement.Text(column), out);
}
template <ColumnReader S, core::DomainEnum E>
bool ReadColumn(const S& statement, int column, E& out) {
  auto parsed = core::ParseEnum<E>(statement.Text(column));
  if (!parsed) return false;
  out = *parsed;
  return true;
}
template <ColumnReader S, class T>
bool ReadColumn(const S& statement, int column, std::optional<T>& out) {
  if (statement.IsNull(column)) {
    out.reset();
    return true;
  }
  T value{};
  if (!ReadColumn(statement, column, value)) return false;
  out = std::move(value);
  return true;
}

}  // namespace debrief::store
