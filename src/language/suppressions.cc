#include "language/suppressions.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "language/rule_pack.h"
#include "language/text.h"

namespace debrief::language {
namespace {

std::string_view SentenceOf(std::string_view text, const Finding& finding) {
  size_t begin = std::min(finding.sentence_begin, text.size());
  size_t end = std::clamp(finding.sentence_end, begin, text.size());
  if (end == begin) {  // A finding made without its sentence: the phrase stands for it.
    begin = std::min(finding.begin, text.size());
    end = std::clamp(finding.end, begin, text.size());
  }
  return text.substr(begin, end - begin);
}

size_t SentenceStart(const Finding& finding) {
  return finding.sentence_end > finding.sentence_begin ? finding.sentence_begin : finding.begin;
}

}  // namespace

std::string SentenceHash(std::string_view text, const Finding& finding) {
  std::string words;
  for (const Token& token : Tokenize(SentenceOf(text, finding))) {
    if (!token.is_word) continue;
    if (!words.empty()) words += ' ';
    words += token.folded;
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(words.data()),
                     words.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::string FindingPhrase(std::string_view text, const Finding& finding) {
  size_t begin = std::min(finding.begin, text.size());
  size_t end = std::clamp(finding.end, begin, text.size());
  return NormalisePhrase(text.substr(begin, end - begin));
}

void Suppressions::Allow(std::string rule_id, std::string_view phrase) {
  AllowEntry entry{std::move(rule_id), {}};
  for (const Token& token : Tokenize(phrase)) entry.words.emplace_back(token.folded);
  if (entry.words.empty()) return;
  allowed_by_first_word_.emplace(entry.words.front(), allowed_.size());
  allowed_.push_back(std::move(entry));
}

void Suppressions::Dismiss(std::string rule_id, std::string sentence_hash) {
  dismissed_.emplace(std::move(rule_id), std::move(sentence_hash));
}

bool Suppressions::Allowed(std::string_view text, const Finding& finding) const {
  std::string_view sentence = SentenceOf(text, finding);
  const size_t offset = SentenceStart(finding);
  TokenizedText tokens = Tokenize(sentence);
  const std::vector<Token>& list = tokens.tokens();
  std::string first_word;
  for (size_t first = 0; first < list.size(); ++first) {
    first_word.assign(list[first].folded);
    auto [from, to] = allowed_by_first_word_.equal_range(first_word);
    for (auto candidate = from; candidate != to; ++candidate) {
      const AllowEntry& entry = allowed_[candidate->second];
      if (!entry.rule_id.empty() && entry.rule_id != finding.rule->id) continue;
      const size_t length = entry.words.size();
      if (first + length > list.size()) continue;
      bool same = true;
      for (size_t word = 1; word < length && same; ++word) {
        same = list[first + word].folded == entry.words[word];
      }
      if (!same) continue;
      // The allowed phrase must hold the whole finding: allowing "just prior to" keeps "just
      // ignored" a finding in the same sentence.
      size_t begin = offset + list[first].begin;
      size_t end = offset + list[first + length - 1].end;
      if (begin <= finding.begin && finding.end <= end) return true;
    }
  }
  return false;
}

bool Suppressions::Covers(std::string_view text, const Finding& finding) const {
  if (finding.rule == nullptr) return false;
  if (!allowed_.empty() && Allowed(text, finding)) return true;
  if (dismissed_.empty()) return false;
  auto key = std::make_pair(finding.rule->id, SentenceHash(text, finding));
  return dismissed_.contains(key);
}

void Suppressions::Apply(std::string_view text, std::vector<Finding>& findings) const {
  if (empty()) return;
  std::erase_if(findings, [&](const Finding& finding) { return Covers(text, finding); });
}

}  // namespace debrief::language
