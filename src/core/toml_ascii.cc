#include "core/toml_ascii.h"

#include "core/utf8.h"

#include <algorithm>
#include <cstdio>

namespace debrief::core {
namespace {

bool IsAscii(char byte) { return static_cast<unsigned char>(byte) < 0x80; }

// The length of the UTF-8 sequence starting with `lead` (the text is known to be valid).
size_t SequenceLength(unsigned char lead) {
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

char32_t DecodeSequence(std::string_view bytes) {
  auto byte = [&](size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(bytes[i])); };
  if (bytes.size() == 2) return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
  if (bytes.size() == 3)
    return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
  return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
         (byte(3) & 0x3F);
}

void AppendEscape(std::string& out, char32_t code_point) {
  char buffer[16];
  if (code_point <= 0xFFFF) {
    std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(code_point));
  } else {
    std::snprintf(buffer, sizeof buffer, "\\U%08X", static_cast<unsigned>(code_point));
  }
  out += buffer;
}

class Rewriter {
 public:
  explicit Rewriter(std::string_view text) : text_(text) { out_.text.reserve(text.size()); }

  AsciiToml Run() && {
    size_t bad_offset = 0;
    if (!IsValidUtf8(text_, &bad_offset)) {
      at_ = bad_offset;
      Fail("the text is not valid UTF-8");
      return std::move(out_);
    }
    while (at_ < text_.size() && out_.ok()) {
      char c = text_[at_];
      if (c == '#') {
        Comment();
      } else if (StartsWith("\"\"\"")) {
        BasicString(/*multi_line=*/true);
      } else if (c == '"') {
        BasicString(/*multi_line=*/false);
      } else if (StartsWith("'''")) {
        LiteralString(/*multi_line=*/true);
      } else if (c == '\'') {
        LiteralString(/*multi_line=*/false);
      } else if (!IsAscii(c)) {
        Fail("a non-ASCII character outside a string or comment");
      } else {
        out_.text += c;
        ++at_;
      }
    }
    return std::move(out_);
  }

 private:
  bool StartsWith(std::string_view prefix) const { return text_.substr(at_).starts_with(prefix); }

  void Fail(std::string reason) {
    out_.problem_line = 1 + static_cast<int>(std::count(
                                text_.begin(), text_.begin() + static_cast<long>(at_), '\n'));
    out_.problem = std::move(reason);
  }

  // The non-ASCII character at `at_`, consumed.
  char32_t TakeCodePoint() {
    size_t length = SequenceLength(static_cast<unsigned char>(text_[at_]));
    char32_t code_point = DecodeSequence(text_.substr(at_, length));
    at_ += length;
    return code_point;
  }

  void Comment() {
    while (at_ < text_.size() && text_[at_] != '\n') {
      if (IsAscii(text_[at_])) {
        out_.text += text_[at_++];
      } else {
        TakeCodePoint();
        out_.text += ' ';
      }
    }
  }

  // A closing delimiter of a multi-line string is the last three of a run of up to five quotes.
  size_t QuoteRun(char quote) const {
    size_t run = 0;
    while (at_ + run < text_.size() && text_[at_ + run] == quote && run < 5) ++run;
    return run;
  }

  void BasicString(bool multi_line) {
    size_t open = multi_line ? 3 : 1;
    out_.text.append(text_.substr(at_, open));
    at_ += open;
    while (at_ < text_.size()) {
      char c = text_[at_];
      if (c == '\\') {
        out_.text += c;
        ++at_;
        if (at_ < text_.size() && !IsAscii(text_[at_])) {
          Fail("a backslash before a non-ASCII character in a string");
          return;
        }
        if (at_ < text_.size()) out_.text += text_[at_++];
      } else if (c == '"' && (!multi_line || QuoteRun('"') >= 3)) {
        size_t run = multi_line ? QuoteRun('"') : 1;
        out_.text.append(run, '"');
        at_ += run;
        return;
      } else if (c == '\n' && !multi_line) {
        return;  // unterminated: toml++ reports it
      } else if (!IsAscii(c)) {
        AppendEscape(out_.text, TakeCodePoint());
      } else {
        out_.text += c;
        ++at_;
      }
    }
  }

  // A literal string is copied as it is when all ASCII, and otherwise written as the basic string
  // with the same value (TOML literal strings have no escapes to carry a character).
  void LiteralString(bool multi_line) {
    size_t open = multi_line ? 3 : 1;
    size_t end = at_ + open;
    size_t close_length = 0;
    while (end < text_.size()) {
      if (text_[end] == '\'') {
        if (!multi_line) {
          close_length = 1;
          break;
        }
        size_t run = 0;
        while (end + run < text_.size() && text_[end + run] == '\'' && run < 5) ++run;
        if (run >= 3) {
          end += run - 3;  // one or two quotes before the delimiter belong to the content
          close_length = 3;
          break;
        }
        end += run;
        continue;
      }
      if (text_[end] == '\n' && !multi_line) break;
      ++end;
    }
    std::string_view content = text_.substr(at_ + open, end - at_ - open);
    bool all_ascii = std::all_of(content.begin(), content.end(), IsAscii);
    if (close_length == 0 && !all_ascii) {
      Fail("a string that is never closed");
      return;
    }
    if (all_ascii) {  // as it is, also when never closed: toml++ then says so
      size_t copied = end + close_length - at_;
      out_.text.append(text_.substr(at_, copied));
      at_ += copied;
      return;
    }
    std::string_view quotes = multi_line ? "\"\"\"" : "\"";
    out_.text += quotes;
    at_ += open;
    while (at_ < end) {
      char c = text_[at_];
      if (c == '\\' || c == '"') {
        out_.text += '\\';
        out_.text += c;
        ++at_;
      } else if (!IsAscii(c)) {
        AppendEscape(out_.text, TakeCodePoint());
      } else {
        out_.text += c;
        ++at_;
      }
    }
    out_.text += quotes;
    at_ += close_length;
  }

  std::string_view text_;
  size_t at_ = 0;
  AsciiToml out_;
};

}  // namespace

AsciiToml ToAsciiToml(std::string_view toml) { return Rewriter(toml).Run(); }

}  // namespace debrief::core
