#include "language/text.h"

#include <algorithm>

namespace debrief::language {
namespace {

// Decodes one UTF-8 code point at `position` (a bad byte reads as itself, length 1).
char32_t Decode(std::string_view text, size_t position, size_t& length) {
  auto byte = static_cast<unsigned char>(text[position]);
  if (byte < 0x80) {
    length = 1;
    return byte;
  }
  size_t count = (byte & 0xE0) == 0xC0   ? 2
                 : (byte & 0xF0) == 0xE0 ? 3
                 : (byte & 0xF8) == 0xF0 ? 4
                                         : 1;
  if (count == 1 || position + count > text.size()) {
    length = 1;
    return byte;
  }
  char32_t code = byte & (0x7F >> count);
  for (size_t index = 1; index < count; ++index) {
    code = (code << 6) | (static_cast<unsigned char>(text[position + index]) & 0x3F);
  }
  length = count;
  return code;
}

bool IsApostrophe(char32_t code) { return code == '\'' || code == 0x2019 || code == 0x2018; }
bool IsDoubleQuote(char32_t code) { return code == '"' || code == 0x201C || code == 0x201D; }

bool IsLetterOrDigit(char32_t code) {
  if (code < 0x80) {
    return (code >= 'a' && code <= 'z') || (code >= 'A' && code <= 'Z') ||
           (code >= '0' && code <= '9');
  }
  // Latin-1 and the rest of the alphabets count as letters; punctuation blocks do not.
  return !(code >= 0x2000 && code <= 0x206F) && code != 0xA0 &&
         !(code >= 0x3000 && code <= 0x303F) && code != 0xAB && code != 0xBB && code != 0xB7;
}

void Blank(std::string& text, size_t from, size_t to) {
  for (size_t index = from; index < to && index < text.size(); ++index) {
    if (text[index] != '\n') text[index] = ' ';
  }
}

}  // namespace

std::string Fold(std::string_view word) {
  std::string folded;
  folded.reserve(word.size());
  for (size_t position = 0; position < word.size();) {
    size_t length = 1;
    char32_t code = Decode(word, position, length);
    if (IsApostrophe(code)) {
      folded += '\'';
    } else if (code >= 'A' && code <= 'Z') {
      folded += static_cast<char>(code - 'A' + 'a');
    } else if (code >= 0xC0 && code <= 0xDE && code != 0xD7) {
      char32_t lower = code + 0x20;  // Latin-1 capitals to small letters.
      folded += static_cast<char>(0xC0 | (lower >> 6));
      folded += static_cast<char>(0x80 | (lower & 0x3F));
    } else {
      folded.append(word.substr(position, length));
    }
    position += length;
  }
  return folded;
}

std::string MaskMarkdown(std::string_view source) {
  std::string text(source);
  // Front matter: a first line of "---" or "+++" up to the matching line.
  for (std::string_view fence : {"---", "+++"}) {
    if (text.starts_with(std::string(fence) + "\n")) {
      size_t close = text.find("\n" + std::string(fence), fence.size());
      if (close != std::string::npos) Blank(text, 0, close + 1 + fence.size());
    }
  }
  // HTML comments (debrief's own directives are read before masking).
  for (size_t open = text.find("<!--"); open != std::string::npos; open = text.find("<!--", open)) {
    size_t close = text.find("-->", open + 4);
    size_t end = close == std::string::npos ? text.size() : close + 3;
    Blank(text, open, end);
    open = end;
  }
  // Fenced code blocks, line by line.
  size_t line_start = 0;
  bool in_fence = false;
  std::string fence_marker;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    std::string_view line(text.data() + line_start, line_end - line_start);
    size_t indent = line.find_first_not_of(' ');
    std::string_view trimmed =
        indent == std::string_view::npos ? std::string_view() : line.substr(indent);
    bool is_fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
    if (in_fence) {
      if (is_fence && trimmed.starts_with(fence_marker)) in_fence = false;
      Blank(text, line_start, line_end);
    } else if (is_fence) {
      in_fence = true;
      fence_marker = std::string(trimmed.substr(0, 3));
      Blank(text, line_start, line_end);
    } else if (line.starts_with("    ") || line.starts_with("\t")) {
      Blank(text, line_start, line_end);  // Indented code.
    }
    line_start = line_end + 1;
  }
  // Inline code spans and URLs.
  for (size_t open = text.find('`'); open != std::string::npos; open = text.find('`', open)) {
    size_t close = text.find('`', open + 1);
    if (close == std::string::npos || text.find('\n', open) < close) {
      ++open;
      continue;
    }
    Blank(text, open, close + 1);
    open = close + 1;
  }
  for (std::string_view scheme : {"https://", "http://"}) {
    for (size_t start = text.find(scheme); start != std::string::npos;
         start = text.find(scheme, start)) {
      size_t end = start;
      while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != ')' &&
             text[end] != '>' && text[end] != '"') {
        ++end;
      }
      Blank(text, start, end);
      start = end;
    }
  }
  return text;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5);
  bool line_is_heading = false;
  bool line_is_quote = false;
  bool in_double_quotes = false;
  bool at_line_start = true;
  size_t position = 0;
  while (position < text.size()) {
    size_t length = 1;
    char32_t code = Decode(text, position, length);
    if (at_line_start && code != ' ' && code != '\t') {
      line_is_heading = code == '#';
      line_is_quote = code == '>';
      at_line_start = false;
    }
    if (code == '\n') {
      at_line_start = true;
      line_is_heading = line_is_quote = in_double_quotes = false;
      position += length;
      continue;
    }
    if (IsDoubleQuote(code)) {
      in_double_quotes = !in_double_quotes;
      position += length;
      continue;
    }
    if (IsLetterOrDigit(code)) {
      size_t begin = position;
      size_t end = position + length;
      // Letters, digits, and apostrophes or hyphens between them.
      while (end < text.size()) {
        size_t next_length = 1;
        char32_t next = Decode(text, end, next_length);
        if (IsLetterOrDigit(next)) {
          end += next_length;
          continue;
        }
        if ((IsApostrophe(next) || next == '-') && end + next_length < text.size()) {
          size_t after_length = 1;
          if (IsLetterOrDigit(Decode(text, end + next_length, after_length))) {
            end += next_length;
            continue;
          }
        }
        break;
      }
      std::string folded = Fold(text.substr(begin, end - begin));
      // "bob's" -> "bob" "'s"; "should've" -> "should" "have"; "didn't" stays one token.
      size_t split = std::string::npos;
      std::string second;
      if (folded.size() > 2 && folded.ends_with("'s")) {
        split = folded.size() - 2;
        second = "'s";
      } else if (folded.size() > 3 && folded.ends_with("'ve")) {
        split = folded.size() - 3;
        second = "have";
      }
      Token token{begin, end, folded, true, line_is_heading, line_is_quote || in_double_quotes};
      if (split != std::string::npos) {
        token.folded = folded.substr(0, split);
        // Byte lengths of the folded and original text match for ASCII suffixes; a curly
        // apostrophe is three bytes in the original.
        size_t suffix_bytes = end - begin - split;
        token.end = end - suffix_bytes;
        tokens.push_back(token);
        tokens.push_back({token.end, end, second, true, line_is_heading, token.in_quote});
      } else {
        tokens.push_back(std::move(token));
      }
      position = end;
      continue;
    }
    if (code != ' ' && code != '\t' && code != '\r' && code != 0xA0) {
      tokens.push_back({position, position + length, std::string(text.substr(position, length)),
                        false, line_is_heading, line_is_quote || in_double_quotes});
    }
    position += length;
  }
  return tokens;
}

}  // namespace debrief::language
