#include "language/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

#include "markdown/bounded_parse.h"

namespace debrief::language {
namespace {

// Decodes one UTF-8 code point at `position`; a malformed sequence reads as U+FFFD, length 1.
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
  length = 1;
  if (count == 1 || position + count > text.size()) return 0xFFFD;
  char32_t code = byte & (0x7F >> count);
  for (size_t index = 1; index < count; ++index) {
    auto next = static_cast<unsigned char>(text[position + index]);
    if ((next & 0xC0) != 0x80) return 0xFFFD;
    code = (code << 6) | (next & 0x3F);
  }
  length = count;
  return code;
}

bool IsApostrophe(char32_t code) { return code == '\'' || code == 0x2019 || code == 0x2018; }
bool IsDoubleQuote(char32_t code) { return code == '"' || code == 0x201C || code == 0x201D; }

// ASCII letters and digits, and the lower-case form of every ASCII byte.
constexpr std::array<bool, 128> kAsciiWordChar = [] {
  std::array<bool, 128> table{};
  for (int c = 0; c < 128; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return table;
}();
constexpr std::array<char, 128> kAsciiLower = [] {
  std::array<char, 128> table{};
  for (int c = 0; c < 128; ++c) table[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return table;
}();

// Letters, combining marks and numbers of every script (so "Zoë" written with a combining
// diaeresis is still one word); punctuation, symbols and spaces are not.
bool IsWordChar(char32_t code) {
  if (code < 0x80) return kAsciiWordChar[code];
  if (code == 0xFFFD) return false;
  utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(code));
  return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_NO;
}

// Appends the folded form of `word`. ASCII words are lower-cased by table; others go through
// utf8proc (case folding and NFC), with typographic apostrophes straightened first.
void AppendFolded(std::string_view word, bool ascii, std::vector<char>& out) {
  if (ascii) {
    for (char c : word) out.push_back(kAsciiLower[static_cast<unsigned char>(c)]);
    return;
  }
  std::string straight;
  straight.reserve(word.size());
  for (size_t position = 0; position < word.size();) {
    size_t length = 1;
    char32_t code = Decode(word, position, length);
    if (IsApostrophe(code)) {
      straight += '\'';
    } else {
      straight.append(word.substr(position, length));
    }
    position += length;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(straight.data()),
      static_cast<utf8proc_ssize_t>(straight.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (length < 0) {
    for (char c : straight) {
      auto byte = static_cast<unsigned char>(c);
      out.push_back(byte < 0x80 ? kAsciiLower[byte] : c);
    }
    return;
  }
  out.insert(out.end(), mapped, mapped + length);
  std::free(mapped);
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void Blank(std::string& text, size_t from, size_t to) {
  for (size_t index = from; index < to && index < text.size(); ++index) {
    if (text[index] != '\n') text[index] = ' ';
  }
}

}  // namespace

std::string Fold(std::string_view word) {
  std::vector<char> folded;
  AppendFolded(word, IsAscii(word), folded);
  return std::string(folded.begin(), folded.end());
}

namespace {

// Whether the text may hold a code block at all: a fence, or a line indented by four spaces or
// a tab. Most texts checked (a field, a sentence) hold none, and are not parsed.
bool MayHoldCodeBlock(std::string_view text) {
  if (text.find("```") != std::string_view::npos || text.find("~~~") != std::string_view::npos) {
    return true;
  }
  for (size_t line = 0; line < text.size();) {
    if (text.substr(line).starts_with("    ") || text.substr(line).starts_with("\t")) return true;
    size_t next = text.find('\n', line);
    if (next == std::string_view::npos) break;
    line = next + 1;
  }
  return false;
}

// Blanks the lines of every fenced and indented code block, as cmark-gfm finds them: an
// indented line inside a list item, or a paragraph's wrapped line, is text, not code. False
// when cmark-gfm was not given the text (too large, too much markup).
bool MaskCodeBlocks(std::string& text) {
  if (!MayHoldCodeBlock(text)) return true;
  auto tree = markdown::Parse(text, {}, CMARK_OPT_SOURCEPOS);
  if (!tree) return false;
  std::vector<size_t> line_starts = {0};
  for (size_t index = 0; index < text.size(); ++index) {
    if (text[index] == '\n') line_starts.push_back(index + 1);
  }
  cmark_iter* iter = cmark_iter_new(tree->root());
  for (cmark_event_type event = cmark_iter_next(iter); event != CMARK_EVENT_DONE;
       event = cmark_iter_next(iter)) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK) continue;
    auto first = static_cast<size_t>(std::max(cmark_node_get_start_line(node), 1)) - 1;
    auto last = static_cast<size_t>(std::max(cmark_node_get_end_line(node), 1)) - 1;
    if (first >= line_starts.size()) continue;
    size_t begin = line_starts[first];
    size_t end = last + 1 < line_starts.size() ? line_starts[last + 1] - 1 : text.size();
    Blank(text, begin, std::max(begin, end));
  }
  cmark_iter_free(iter);
  return true;
}

// The same by the lines' look: fences, and lines indented by four spaces or a tab.
void MaskCodeBlocksByLine(std::string& text) {
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
}

}  // namespace

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
  // Code blocks as CommonMark reads them; line by line when the text is too large or holds more
  // markup than cmark-gfm is given (markdown/bounded_parse.h).
  if (!MaskCodeBlocks(text)) MaskCodeBlocksByLine(text);
  // Inline code spans and URLs.
  // A span opens and closes on one line; each line is searched on its own, so a run of a
  // million backticks (or one backtick above a long text) is read once, not once per backtick.
  for (size_t line_start = 0; line_start < text.size();) {
    size_t line_end = std::min(text.find('\n', line_start), text.size());
    std::string_view line(text.data() + line_start, line_end - line_start);
    for (size_t open = line.find('`'); open != std::string_view::npos;) {
      size_t close = line.find('`', open + 1);
      if (close == std::string_view::npos) break;
      Blank(text, line_start + open, line_start + close + 1);
      open = line.find('`', close + 1);
    }
    line_start = line_end + 1;
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

namespace {

// A line that is only emphasis ("**Timeline**", "*What went well:*"): a heading in all but
// syntax, as many write-ups mark their sections. "**Impact:** 12% of requests" is a label with
// its text, not a heading.
bool EmphasisOnly(std::string_view text, size_t line_start) {
  size_t line_end = text.find('\n', line_start);
  std::string_view line =
      text.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                 : line_end - line_start);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == ':')) {
    line.remove_suffix(1);
  }
  for (std::string_view mark : {"**", "__", "*", "_"}) {
    if (line.size() > 2 * mark.size() && line.starts_with(mark) && line.ends_with(mark) &&
        line[mark.size()] != ' ') {
      std::string_view inner = line.substr(mark.size(), line.size() - 2 * mark.size());
      if (inner.find(mark) == std::string_view::npos) return true;
    }
  }
  return false;
}

}  // namespace

TokenizedText Tokenize(std::string_view text) {
  TokenizedText result;
  std::vector<Token>& tokens = result.tokens_;
  std::vector<char>& folded = result.folded_;
  tokens.reserve(text.size() / 5 + 1);
  folded.reserve(text.size() + 16);
  // Folded forms are (offset, length) into `folded` until it stops growing.
  std::vector<std::pair<size_t, size_t>> spans;
  spans.reserve(tokens.capacity());
  bool line_is_heading = false;
  bool line_is_quote = false;
  bool in_double_quotes = false;
  bool in_single_quotes = false;
  bool block_starts = true;     // The next token starts a block.
  bool line_has_token = false;  // The current line holds a token.
  bool previous_line_heading = false;
  bool previous_line_quote = false;    // The line before was quoted and had words.
  bool line_has_token_before = false;  // The line before had a token (no blank line since).
  auto push = [&](size_t begin, size_t end, size_t offset, bool is_word, bool heading, bool quote) {
    bool capitalised = false;
    if (is_word) {
      auto first = static_cast<unsigned char>(text[begin]);
      size_t length = 1;
      capitalised =
          first < 0x80
              ? (first >= 'A' && first <= 'Z')
              : utf8proc_isupper(static_cast<utf8proc_int32_t>(Decode(text, begin, length)));
      // An acronym ("API", "DNS") is not a capitalised word.
      if (capitalised && begin + length < end) {
        size_t second_length = 1;
        auto second = static_cast<unsigned char>(text[begin + length]);
        capitalised = second < 0x80 ? !(second >= 'A' && second <= 'Z')
                                    : !utf8proc_isupper(static_cast<utf8proc_int32_t>(
                                          Decode(text, begin + length, second_length)));
      }
    }
    tokens.push_back({begin,
                      end,
                      {},
                      is_word,
                      heading,
                      quote,
                      in_double_quotes || in_single_quotes,
                      capitalised,
                      block_starts});
    block_starts = false;
    line_has_token = true;
    spans.emplace_back(offset, folded.size() - offset);
  };
  bool at_line_start = true;
  size_t position = 0;
  while (position < text.size()) {
    size_t length = 1;
    auto byte = static_cast<unsigned char>(text[position]);
    char32_t code = byte < 0x80 ? byte : Decode(text, position, length);
    if (at_line_start && code != ' ' && code != '\t' && code != '\r' && code != '\n') {
      line_is_heading = code == '#' || EmphasisOnly(text, position);
      bool list_item =
          code == '-' || code == '*' || code == '+' || code == '|' || (code >= '0' && code <= '9');
      // A line after a quoted one, with no blank line between, continues the quotation
      // (CommonMark's lazy continuation) unless it opens another block.
      line_is_quote = code == '>' || (previous_line_quote && line_has_token_before &&
                                      !line_is_heading && !list_item && code != '`');
      at_line_start = false;
      if (line_is_heading || previous_line_heading || list_item) block_starts = true;
    }
    if (code == '\n') {
      // A line with nothing on it ends the block.
      if (!line_has_token) block_starts = true;
      previous_line_heading = line_is_heading;
      previous_line_quote = line_is_quote && line_has_token;
      line_has_token_before = line_has_token;
      at_line_start = true;
      line_has_token = false;
      line_is_heading = line_is_quote = in_double_quotes = in_single_quotes = false;
      ++position;
      continue;
    }
    if (code == ' ' || code == '\t' || code == '\r' || code == 0xA0) {
      position += length;
      continue;
    }
    bool quoted = line_is_quote || in_double_quotes || in_single_quotes;
    if (IsDoubleQuote(code)) {
      in_double_quotes = !in_double_quotes;
      position += length;
      continue;
    }
    // A single quotation mark opens before a word, after a space or an opening bracket, and
    // closes after a word (an apostrophe inside a word is part of it; "users' data" closes
    // nothing that was not opened).
    if (IsApostrophe(code)) {
      bool after_space = position == 0 || text[position - 1] == ' ' || text[position - 1] == '(' ||
                         text[position - 1] == '\t';
      size_t next_length = 1;
      bool before_word = position + length < text.size() &&
                         IsWordChar(Decode(text, position + length, next_length));
      if (!in_single_quotes && after_space && before_word) {
        in_single_quotes = true;
        position += length;
        continue;
      }
      if (in_single_quotes && !after_space) {
        in_single_quotes = false;
        position += length;
        continue;
      }
    }
    if (!IsWordChar(code)) {
      size_t offset = folded.size();
      folded.insert(folded.end(), text.begin() + static_cast<std::ptrdiff_t>(position),
                    text.begin() + static_cast<std::ptrdiff_t>(position + length));
      push(position, position + length, offset, false, line_is_heading, quoted);
      position += length;
      continue;
    }
    // A word: letters, digits, and apostrophes or hyphens between them.
    size_t begin = position;
    size_t end = position + length;
    bool ascii = byte < 0x80;
    while (end < text.size()) {
      auto next_byte = static_cast<unsigned char>(text[end]);
      if (next_byte < 0x80 && kAsciiWordChar[next_byte]) {
        ++end;
        continue;
      }
      size_t next_length = 1;
      char32_t next = next_byte < 0x80 ? next_byte : Decode(text, end, next_length);
      if (next_byte >= 0x80 && IsWordChar(next)) {
        ascii = false;
        end += next_length;
        continue;
      }
      if ((IsApostrophe(next) || next == '-') && end + next_length < text.size()) {
        size_t after_length = 1;
        if (IsWordChar(Decode(text, end + next_length, after_length))) {
          ascii = ascii && next_byte < 0x80;
          end += next_length;
          continue;
        }
      }
      break;
    }
    size_t offset = folded.size();
    AppendFolded(text.substr(begin, end - begin), ascii, folded);
    std::string_view word(folded.data() + offset, folded.size() - offset);
    // "bob's" -> "bob" "'s"; "should've" -> "should" "have"; "didn't" stays one token.
    size_t suffix_letters = word.size() > 2 && word.ends_with("'s")    ? 1
                            : word.size() > 3 && word.ends_with("'ve") ? 2
                                                                       : 0;
    if (suffix_letters == 0) {
      push(begin, end, offset, true, line_is_heading, quoted);
    } else {
      // The apostrophe is one byte in the original, or three when typographic.
      size_t apostrophe = text[end - suffix_letters - 1] == '\'' ? 1 : 3;
      size_t split = end - suffix_letters - apostrophe;
      folded.resize(folded.size() - suffix_letters - 1);
      push(begin, split, offset, true, line_is_heading, quoted);
      size_t suffix_offset = folded.size();
      std::string_view suffix = suffix_letters == 1 ? "'s" : "have";
      folded.insert(folded.end(), suffix.begin(), suffix.end());
      push(split, end, suffix_offset, true, line_is_heading, quoted);
    }
    position = end;
  }
  for (size_t index = 0; index < tokens.size(); ++index) {
    tokens[index].folded =
        std::string_view(folded.data() + spans[index].first, spans[index].second);
  }
  return result;
}

}  // namespace debrief::language
