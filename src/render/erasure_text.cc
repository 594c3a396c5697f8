#include "render/erasure_text.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

namespace debrief::render {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// A byte that may belong to a word: an ASCII letter or digit, or any byte of a multi-byte
// character (a letter of another script). "Ana" is not found inside "Banana" nor "Anaïs".
bool WordByte(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte) != 0;
}

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

// Rewrites every string of `value` in place; whether any changed.
bool RewriteStrings(boost::json::value& value, const ErasureText& eraser) {
  bool changed = false;
  if (value.is_string()) {
    if (auto text = eraser.Text(std::string_view(value.as_string()))) {
      value = *text;
      changed = true;
    }
  } else if (value.is_array()) {
    for (boost::json::value& item : value.as_array())
      changed = RewriteStrings(item, eraser) || changed;
  } else if (value.is_object()) {
    for (auto& member : value.as_object())
      changed = RewriteStrings(member.value(), eraser) || changed;
  }
  return changed;
}

}  // namespace

namespace {

std::vector<LabelledPerson> People(std::vector<std::string> names, const std::string& label,
                                   const std::vector<std::string>& others) {
  std::vector<LabelledPerson> people{{std::move(names), label}};
  for (const std::string& other : others) people.push_back({{other}, ""});
  return people;
}

void LongestFirst(std::vector<std::string>& texts) {
  std::erase_if(texts, [](const std::string& text) { return text.empty(); });
  // Longest first, so a longer one goes whole before a shorter one it holds.
  std::sort(texts.begin(), texts.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

}  // namespace

ErasureText::ErasureText(std::vector<std::string> names, std::vector<std::string> emails,
                         std::string label, const std::vector<std::string>& others,
                         std::vector<std::string> handles)
    : emails_(std::move(emails)),
      handles_(std::move(handles)),
      label_(std::move(label)),
      anonymiser_(People(std::move(names), label_, others)) {
  LongestFirst(emails_);
  LongestFirst(handles_);
}

std::string ErasureText::ReplaceWhole(std::string_view text, std::string_view needle) const {
  std::string out;
  size_t copied = 0;
  for (size_t at = 0; at + needle.size() <= text.size();) {
    bool whole = (at == 0 || !WordByte(text[at - 1])) &&
                 (at + needle.size() == text.size() || !WordByte(text[at + needle.size()]));
    if (whole && EqualIgnoringCase(text.substr(at, needle.size()), needle)) {
      out.append(text.substr(copied, at - copied));
      out += label_;
      at += needle.size();
      copied = at;
    } else {
      ++at;
    }
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

std::optional<std::string> ErasureText::Text(std::string_view text) const {
  // Addresses first, whole: the anonymiser would otherwise take a name out of the middle of one
  // and leave the rest of the address behind.
  std::string out(text);
  for (const std::string& email : emails_) {
    if (out.size() >= email.size()) out = ReplaceWhole(out, email);
  }
  // The admin's handles next, whole, for the same reason ("priya.r").
  for (const std::string& handle : handles_) {
    if (out.size() >= handle.size()) out = ReplaceWhole(out, handle);
  }
  // Names by the anonymiser's rules: a name of everyday words ("Will Park") only where it reads
  // as the name, so "we will park the change" stays as written.
  out = anonymiser_.Text(out);
  if (out == text) return std::nullopt;
  return out;
}

std::optional<std::string> ErasureText::Json(std::string_view json) const {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(json, error);
  if (error) return Text(json);
  if (!RewriteStrings(value, *this)) return std::nullopt;
  return boost::json::serialize(value);
}

}  // namespace debrief::render
