#include "formats/json/record_text.h"

#include <charconv>

namespace debrief::formats::json {

void AppendJson(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // Start of the run of characters copied as they are.
  for (size_t index = 0; index < value.size(); ++index) {
    auto byte = static_cast<unsigned char>(value[index]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out.append(value, plain, index - plain);
    plain = index + 1;
    switch (byte) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[byte >> 4];
        out += kHex[byte & 0xf];
    }
  }
  out.append(value, plain, value.size() - plain);
  out += '"';
}

namespace {

template <class Integer>
void AppendInteger(std::string& out, Integer value) {
  char digits[24];  // Enough for any 64-bit integer and its sign.
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

template <class Item>
void AppendArray(std::string& out, const std::vector<Item>& values) {
  out += '[';
  for (size_t index = 0; index < values.size(); ++index) {
    if (index > 0) out += ',';
    AppendJson(out, values[index]);
  }
  out += ']';
}

}  // namespace

void AppendJson(std::string& out, int64_t value) { AppendInteger(out, value); }

void AppendJson(std::string& out, uint64_t value) { AppendInteger(out, value); }

void AppendJson(std::string& out, bool value) { out += value ? "true" : "false"; }

// Times and dates are digits and separators: nothing in them to escape.
void AppendJson(std::string& out, core::Timestamp value) {
  out += '"';
  out += core::FormatRfc3339(value);
  out += '"';
}

void AppendJson(std::string& out, core::Date value) {
  out += '"';
  out += core::FormatDate(value);
  out += '"';
}

void AppendJson(std::string& out, const std::vector<std::string>& values) {
  AppendArray(out, values);
}

void AppendJson(std::string& out, const std::vector<int64_t>& values) { AppendArray(out, values); }

}  // namespace debrief::formats::json
