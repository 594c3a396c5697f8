#include "store/postgres/copy_rows.h"

namespace debrief::store::postgres {

void CopyRows::Separate(int index) {
  if (index > 1) data_ += '\t';
}

void CopyRows::Bind(int index, int64_t value) {
  Separate(index);
  data_ += std::to_string(value);
}

void CopyRows::Bind(int index, std::string_view value) {
  Separate(index);
  // The text format's escapes: a backslash, and the characters that would end a value or a row.
  for (char c : value) {
    switch (c) {
      case '\\':
        data_ += "\\\\";
        break;
      case '\t':
        data_ += "\\t";
        break;
      case '\n':
        data_ += "\\n";
        break;
      case '\r':
        data_ += "\\r";
        break;
      default:
        data_ += c;
    }
  }
}

void CopyRows::BindNull(int index) {
  Separate(index);
  data_ += "\\N";
}

void CopyRows::EndRow() { data_ += '\n'; }

}  // namespace debrief::store::postgres
