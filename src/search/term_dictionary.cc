#include "search/term_dictionary.h"

#include <algorithm>

namespace debrief::search {
namespace {

bool IsAsciiWordByte(unsigned char byte) {
  return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
         (byte >= 'A' && byte <= 'Z');
}

// Calls on_run(run, offset, ascii) for each run of `text`. Runs are split at ASCII bytes that are
// neither letters nor digits: unicode61 separates there too, and a run holding other bytes is
// given to the tokenizer whole, which splits it further.
template <typename OnRun>
void ForEachRun(std::string_view text, OnRun&& on_run) {
  size_t at = 0;
  while (at < text.size()) {
    auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80 && !IsAsciiWordByte(byte)) {
      ++at;
      continue;
    }
    size_t end = at;
    bool ascii = true;
    while (end < text.size()) {
      auto next = static_cast<unsigned char>(text[end]);
      if (next >= 0x80) {
        ascii = false;
      } else if (!IsAsciiWordByte(next)) {
        break;
      }
      ++end;
    }
    on_run(text.substr(at, end - at), static_cast<uint32_t>(at), ascii);
    at = end;
  }
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

void LowerAscii(std::string_view run, std::string& lowered) {
  lowered.assign(run);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

}  // namespace

uint32_t TermDictionary::Number(std::string_view term) {
  auto found = ids_.find(term);
  if (found != ids_.end()) return found->second;
  auto id = static_cast<uint32_t>(terms_.size());
  terms_.emplace_back(term);
  ids_.emplace(std::string(term), id);
  return id;
}

uint32_t TermDictionary::Known(std::string_view term) const {
  auto found = ids_.find(term);
  return found == ids_.end() ? kUnknown : found->second;
}

void TermDictionary::CutRun(std::string_view run, uint32_t offset, bool ascii,
                            std::vector<Token>& tokens) {
  auto end = offset + static_cast<uint32_t>(run.size());
  if (ascii) {
    LowerAscii(run, lowered_);
    auto found = ascii_words_.find(std::string_view(lowered_));
    if (found == ascii_words_.end()) {
      std::vector<uint32_t> ids;
      tokenizer_.Tokenize(
          lowered_, Tokenizer::Purpose::kDocument,
          [&](std::string_view term, size_t, size_t) { ids.push_back(Number(term)); });
      // Always one term in practice; anything else takes the general path below.
      if (ids.size() != 1) {
        ascii_keeps_initial_ = false;
        return CutRun(run, offset, false, tokens);
      }
      const std::string& term = terms_[ids.front()];
      if (term.empty() || term.front() != lowered_.front()) ascii_keeps_initial_ = false;
      found = ascii_words_.emplace(lowered_, ids.front()).first;
    }
    tokens.push_back({found->second, offset, end});
    return;
  }
  auto found = other_runs_.find(run);
  if (found == other_runs_.end()) {
    auto first = static_cast<uint32_t>(run_tokens_.size());
    run_tokens_.push_back({});
    tokenizer_.Tokenize(
        run, Tokenizer::Purpose::kDocument, [&](std::string_view term, size_t start, size_t stop) {
          run_tokens_.push_back(
              {Number(term), static_cast<uint32_t>(start), static_cast<uint32_t>(stop)});
          ++run_tokens_[first].term;
        });
    found = other_runs_.emplace(std::string(run), first).first;
  }
  uint32_t first = found->second;
  for (uint32_t index = 1; index <= run_tokens_[first].term; ++index) {
    const Token& token = run_tokens_[first + index];
    tokens.push_back({token.term, offset + token.start, offset + token.end});
  }
}

void TermDictionary::Cut(std::string_view text, std::vector<Token>& tokens) {
  ForEachRun(text, [&](std::string_view run, uint32_t offset, bool ascii) {
    CutRun(run, offset, ascii, tokens);
  });
}

void TermDictionary::CutKnownRun(std::string_view run, uint32_t offset, bool ascii,
                                 const Tokenizer& tokenizer, std::vector<Token>& tokens,
                                 std::string& lowered, const Initials* only) const {
  if (ascii) {
    if (only != nullptr && !only->test(static_cast<unsigned char>(LowerAscii(run.front())))) {
      tokens.push_back({kUnknown, offset, offset + static_cast<uint32_t>(run.size())});
      return;
    }
    LowerAscii(run, lowered);
    auto found = ascii_words_.find(std::string_view(lowered));
    if (found != ascii_words_.end()) {
      tokens.push_back({found->second, offset, offset + static_cast<uint32_t>(run.size())});
      return;
    }
  } else if (auto found = other_runs_.find(run); found != other_runs_.end()) {
    uint32_t first = found->second;
    for (uint32_t index = 1; index <= run_tokens_[first].term; ++index) {
      const Token& token = run_tokens_[first + index];
      tokens.push_back({token.term, offset + token.start, offset + token.end});
    }
    return;
  }
  // Text that was never indexed (it holds no term a search could match, but still has tokens).
  tokenizer.Tokenize(run, Tokenizer::Purpose::kDocument,
                     [&](std::string_view term, size_t start, size_t stop) {
                       tokens.push_back({Known(term), offset + static_cast<uint32_t>(start),
                                         offset + static_cast<uint32_t>(stop)});
                     });
}

void TermDictionary::CutKnown(std::string_view text, const Tokenizer& tokenizer,
                              std::vector<Token>& tokens, std::string& lowered,
                              const Initials* only) const {
  ForEachRun(text, [&](std::string_view run, uint32_t offset, bool ascii) {
    CutKnownRun(run, offset, ascii, tokenizer, tokens, lowered, only);
  });
}

std::optional<TermDictionary::Initials> TermDictionary::InitialsOf(
    const std::vector<QueryTerm>& terms) const {
  if (!ascii_keeps_initial_) return std::nullopt;
  Initials initials;
  for (const QueryTerm& term : terms) {
    if (term.exclude) continue;
    for (const std::vector<uint32_t>& ids : term.words) {
      for (uint32_t id : ids) {
        if (id < terms_.size() && !terms_[id].empty()) {
          initials.set(static_cast<unsigned char>(terms_[id].front()));
        }
      }
    }
  }
  return initials;
}

void TermDictionary::Settle() {
  size_t settled = sorted_.size();
  if (settled == terms_.size()) return;
  auto before = [&](uint32_t a, uint32_t b) { return terms_[a] < terms_[b]; };
  // A publish adds a handful of terms: put each in its place. A bulk load sorts once.
  if (terms_.size() - settled <= 64) {
    for (auto id = static_cast<uint32_t>(settled); id < terms_.size(); ++id) {
      sorted_.insert(std::lower_bound(sorted_.begin(), sorted_.end(), id, before), id);
    }
    return;
  }
  sorted_.resize(terms_.size());
  for (uint32_t id = 0; id < sorted_.size(); ++id) sorted_[id] = id;
  std::sort(sorted_.begin(), sorted_.end(), before);
}

QueryTerm TermDictionary::Compile(const LibraryTerm& term, const Tokenizer& tokenizer) const {
  std::vector<std::string> texts;
  for (size_t at = 0; at < term.words.size(); ++at) {
    bool prefix = term.prefix && at + 1 == term.words.size();
    tokenizer.Tokenize(term.words[at],
                       prefix ? Tokenizer::Purpose::kPrefixQuery : Tokenizer::Purpose::kQuery,
                       [&](std::string_view text, size_t, size_t) { texts.emplace_back(text); });
  }
  QueryTerm compiled;
  compiled.exclude = term.exclude;
  for (size_t at = 0; at < texts.size(); ++at) {
    if (term.prefix && at + 1 == texts.size()) {
      compiled.words.push_back(WithPrefix(texts[at]));
      continue;
    }
    uint32_t id = Known(texts[at]);
    compiled.words.push_back(id == kUnknown ? std::vector<uint32_t>{} : std::vector<uint32_t>{id});
  }
  return compiled;
}

std::vector<uint32_t> TermDictionary::WithPrefix(std::string_view prefix) const {
  auto first = std::lower_bound(sorted_.begin(), sorted_.end(), prefix,
                                [&](uint32_t id, std::string_view p) { return terms_[id] < p; });
  std::vector<uint32_t> out;
  for (auto at = first; at != sorted_.end() && terms_[*at].starts_with(prefix); ++at) {
    out.push_back(*at);
  }
  return out;
}

}  // namespace debrief::search
