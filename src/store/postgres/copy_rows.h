// CopyRows: rows written in the text format of PostgreSQL's COPY ... FROM STDIN, built by binding
// values in column order as a statement takes them (store/columns.h), so one codec writes a row
// for an INSERT and for a COPY. A million imported events go to the server as one stream instead
// of a million statements.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace debrief::store::postgres {

class CopyRows {
 public:
  // Values of the current row, in column order (the index only says where: 1 starts a row).
  void Bind(int index, int64_t value);
  void Bind(int index, std::string_view value);
  void BindNull(int index);
  // Ends the current row.
  void EndRow();

  std::string_view data() const { return data_; }
  size_t size() const { return data_.size(); }
  void Clear() { data_.clear(); }

 private:
  void Separate(int index);
  std::string data_;
};

}  // namespace debrief::store::postgres
