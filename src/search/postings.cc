#include "search/postings.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace debrief::search {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// FTS5's bm25() constants, and the library's section weights in kLibrarySections order (the
// same as the bm25() call in library_index.cc): titles weigh most, long narratives least.
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr std::array<double, kLibrarySectionCount> kWeights = {10.0, 4.0, 1.0, 1.0,
                                                               1.0,  2.0, 2.0, 1.0};
// A term's impact is below k1 + 1 however often it occurs.
constexpr double kImpactScale = 65535.0 / (kK1 + 1.0);
constexpr uint32_t kMaxCount = 15;  // Per section: more adds next to nothing to the score.
// A later term of a search whose list is this many times longer than the rarest term's is looked
// up document by document instead of read whole.
constexpr size_t kSkipAheadRatio = 16;

}  // namespace

template <typename Visit>
void LibraryPostings::TermMatch::ForEach(Visit&& visit) const {
  // Raw pointers: the visits store bytes, which may alias anything, and would otherwise make
  // the compiler reload each vector's data pointer on every step.
  if (list != nullptr) {
    auto scale = static_cast<float>(idf / kImpactScale);
    const uint32_t* in = list->documents.data();
    const uint16_t* impacts = list->impacts.data();
    const size_t count = list->documents.size();
    for (size_t at = 0; at < count; ++at) visit(in[at], scale * static_cast<float>(impacts[at]));
    return;
  }
  const uint32_t* in = documents.data();
  const float* of = scores.data();
  const size_t count = documents.size();
  for (size_t at = 0; at < count; ++at) visit(in[at], of[at]);
}

uint16_t LibraryPostings::Impact(uint32_t counts, uint32_t length) const {
  double average = live_documents_ == 0 ? 1.0 : static_cast<double>(live_length_) / live_documents_;
  double weighted = 0;
  for (size_t section = 0; section < kLibrarySectionCount; ++section) {
    weighted += kWeights[section] * static_cast<double>((counts >> (4 * section)) & 0xF);
  }
  double saturated =
      weighted * (kK1 + 1.0) / (weighted + kK1 * (1.0 - kB + kB * length / std::max(average, 1.0)));
  return static_cast<uint16_t>(std::lround(std::min(saturated * kImpactScale, 65535.0)));
}

float LibraryPostings::Idf(const List& list) const {
  // The list still holds the documents of replaced text until a rebuild: never count more hits
  // than there are rows, or the logarithm's argument turns negative.
  double rows = live_documents_;
  double hits = std::min(static_cast<double>(list.documents.size()), rows);
  double idf = std::log((rows - hits + 0.5) / (hits + 0.5));
  return static_cast<float>(idf <= 0 ? 1e-6 : idf);
}

void LibraryPostings::Put(uint32_t entry, const Sections& sections) {
  if (entry >= document_of_entry_.size()) document_of_entry_.resize(entry + 1, kNone);
  if (uint32_t old = document_of_entry_[entry]; old != kNone) {
    documents_[old].live = false;
    ++dead_documents_;
    live_length_ -= documents_[old].length;
    --live_documents_;
  }
  scratch_.clear();
  for (size_t section = 0; section < sections.size(); ++section) {
    cut_.clear();
    terms_.Cut(sections[section], cut_);
    for (const Token& token : cut_) scratch_.push_back(uint64_t{token.term} << 3 | section);
  }
  auto document = static_cast<uint32_t>(documents_.size());
  auto length = static_cast<uint32_t>(scratch_.size());
  documents_.push_back({entry, length, true});
  entry_of_document_.push_back(entry);
  document_of_entry_[entry] = document;
  live_length_ += length;
  ++live_documents_;
  if (terms_.size() > lists_.size()) lists_.resize(terms_.size());

  std::sort(scratch_.begin(), scratch_.end());
  for (size_t at = 0; at < scratch_.size();) {
    uint64_t term = scratch_[at] >> 3;
    uint32_t counts = 0;
    for (; at < scratch_.size() && scratch_[at] >> 3 == term; ++at) {
      uint32_t shift = 4 * static_cast<uint32_t>(scratch_[at] & 7);
      if (((counts >> shift) & 0xF) < kMaxCount) counts += 1u << shift;
    }
    List& list = lists_[term];
    list.documents.push_back(document);
    uint8_t held = 0;
    for (size_t section = 0; section < kLibrarySectionCount; ++section) {
      if ((counts >> (4 * section)) & 0xF) held |= static_cast<uint8_t>(1u << section);
    }
    list.sections.push_back(held);
    if (finished_) {
      list.impacts.push_back(Impact(counts, length));
    } else {
      list.counts.push_back(counts);
    }
  }
  if (finished_) terms_.Settle();
}

void LibraryPostings::Finish() {
  for (List& list : lists_) {
    list.impacts.resize(list.counts.size());
    for (size_t at = 0; at < list.counts.size(); ++at) {
      list.impacts[at] = Impact(list.counts[at], documents_[list.documents[at]].length);
    }
    std::vector<uint32_t>().swap(list.counts);
  }
  terms_.Settle();
  finished_ = true;
}

Result<LibraryPostings::TermMatch> LibraryPostings::MatchTerm(const LibraryTerm& term,
                                                              const QueryTerm& compiled,
                                                              const PhraseLookup& phrase_entries,
                                                              Scratch& scratch) const {
  TermMatch match;
  if (compiled.words.empty()) return match;
  auto list_of = [&](uint32_t id) -> const List* {
    return id < lists_.size() ? &lists_[id] : nullptr;
  };
  auto score_of = [&](const List& list, size_t at) {
    return static_cast<float>(Idf(list) / kImpactScale) * static_cast<float>(list.impacts[at]);
  };

  if (!compiled.phrase()) {
    const std::vector<uint32_t>& ids = compiled.words.front();
    if (ids.size() == 1 && list_of(ids.front()) != nullptr) {
      match.list = list_of(ids.front());
      match.idf = Idf(*match.list);
      return match;
    }
    // Every term of a prefix, merged: an entry scores for each one it holds.
    std::vector<float>& scores = scratch.scores;
    scores.assign(documents_.size(), -1.0f);
    for (uint32_t id : ids) {
      const List* list = list_of(id);
      if (list == nullptr) continue;
      for (size_t at = 0; at < list->documents.size(); ++at) {
        float& score = scores[list->documents[at]];
        if (score < 0) {
          match.documents.push_back(list->documents[at]);
          score = 0;
        }
        score += score_of(*list, at);
      }
    }
    for (uint32_t document : match.documents) match.scores.push_back(scores[document]);
    return match;
  }

  // A phrase: FTS5 says where it occurs; its words are scored from their lists.
  if (std::any_of(compiled.words.begin(), compiled.words.end(),
                  [](const auto& ids) { return ids.empty(); })) {
    return match;
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<uint32_t> entries, phrase_entries(term));
  for (uint32_t entry : entries) {
    if (entry >= document_of_entry_.size() || document_of_entry_[entry] == kNone) continue;
    uint32_t document = document_of_entry_[entry];
    float score = 0;
    for (const std::vector<uint32_t>& ids : compiled.words) {
      for (uint32_t id : ids) {
        const List* list = list_of(id);
        if (list == nullptr) continue;
        auto found = std::lower_bound(list->documents.begin(), list->documents.end(), document);
        if (found != list->documents.end() && *found == document) {
          score += score_of(*list, static_cast<size_t>(found - list->documents.begin()));
        }
      }
    }
    match.documents.push_back(document);
    match.scores.push_back(score);
  }
  return match;
}

uint32_t LibraryPostings::SectionsWithTerms(uint32_t entry,
                                            const std::vector<QueryTerm>& compiled) const {
  if (entry >= document_of_entry_.size() || document_of_entry_[entry] == kNone) return 0;
  uint32_t document = document_of_entry_[entry];
  auto sections_of = [&](uint32_t id) -> uint32_t {
    if (id >= lists_.size()) return 0;
    const List& list = lists_[id];
    auto found = std::lower_bound(list.documents.begin(), list.documents.end(), document);
    if (found == list.documents.end() || *found != document) return 0;
    return list.sections[static_cast<size_t>(found - list.documents.begin())];
  };
  uint32_t sections = 0;
  for (const QueryTerm& term : compiled) {
    if (term.exclude || term.words.empty()) continue;
    uint32_t of_term = (1u << kLibrarySectionCount) - 1;  // A phrase's words share a section.
    for (const std::vector<uint32_t>& ids : term.words) {
      uint32_t of_word = 0;
      for (uint32_t id : ids) of_word |= sections_of(id);
      of_term &= of_word;
    }
    sections |= of_term;
  }
  return sections;
}

Result<void> LibraryPostings::Search(const std::vector<LibraryTerm>& terms,
                                     const std::vector<QueryTerm>& compiled,
                                     const PhraseLookup& phrase_entries, Scratch& scratch,
                                     std::vector<Match>& matches) const {
  matches.clear();
  std::vector<TermMatch> included;
  std::vector<bool> excluded;
  for (size_t index = 0; index < terms.size(); ++index) {
    const LibraryTerm& term = terms[index];
    DEBRIEF_ASSIGN_OR_RETURN(TermMatch match,
                             MatchTerm(term, compiled[index], phrase_entries, scratch));
    if (!term.exclude) {
      included.push_back(std::move(match));
      continue;
    }
    if (excluded.empty()) excluded.assign(documents_.size(), false);
    match.ForEach([&](uint32_t document, float) { excluded[document] = true; });
  }
  if (included.empty()) return core::Ok();
  const uint32_t* entry_of = entry_of_document_.data();
  bool keep_all = dead_documents_ == 0 && excluded.empty();
  auto keep = [&](uint32_t document) {
    return documents_[document].live && (excluded.empty() || !excluded[document]);
  };
  std::sort(included.begin(), included.end(),
            [](const TermMatch& a, const TermMatch& b) { return a.size() < b.size(); });
  if (included.size() == 1) {
    matches.reserve(included.front().size());
    if (keep_all) {
      included.front().ForEach([&](uint32_t document, float score) {
        matches.push_back({entry_of[document], score});
      });
    } else {
      included.front().ForEach([&](uint32_t document, float score) {
        if (keep(document)) matches.push_back({entry_of[document], score});
      });
    }
    return core::Ok();
  }
  // Every term must occur: count the terms each document holds, rarest term first, so a
  // document missing one is passed over by the rest. Only the rarest term's documents get a
  // score, so the scores need no clearing; the later terms' steps hold no branch to mispredict.
  scratch.held.assign(documents_.size(), 0);
  if (scratch.scores.size() < documents_.size()) scratch.scores.resize(documents_.size());
  uint8_t* held = scratch.held.data();
  float* scores = scratch.scores.data();
  included.front().ForEach([held, scores](uint32_t document, float score) {
    held[document] = 1;
    scores[document] = score;
  });
  // The rarest term's documents in ascending order, for looking them up in much longer lists.
  std::vector<uint32_t> candidates;
  for (size_t index = 1; index < included.size(); ++index) {
    auto before = static_cast<uint8_t>(index);
    const TermMatch& match = included[index];
    // A list many times longer than the documents still in the running ("health" after
    // "balancer") is searched for them, skipping ahead, instead of read end to end.
    if (match.list != nullptr && match.size() > kSkipAheadRatio * included.front().size()) {
      if (candidates.empty()) {
        candidates.reserve(included.front().size());
        included.front().ForEach([&](uint32_t document, float) { candidates.push_back(document); });
        if (included.front().list == nullptr) std::sort(candidates.begin(), candidates.end());
      }
      auto scale = static_cast<float>(match.idf / kImpactScale);
      const std::vector<uint32_t>& documents = match.list->documents;
      auto from = documents.begin();
      for (uint32_t document : candidates) {
        if (held[document] != before) continue;
        from = std::lower_bound(from, documents.end(), document);
        if (from == documents.end()) break;
        if (*from != document) continue;
        held[document] = static_cast<uint8_t>(before + 1);
        scores[document] +=
            scale * static_cast<float>(match.list->impacts[from - documents.begin()]);
      }
      continue;
    }
    match.ForEach([held, scores, before](uint32_t document, float score) {
      uint8_t holds = held[document] == before;
      held[document] = static_cast<uint8_t>(held[document] + holds);
      scores[document] += holds ? score : 0.0f;
    });
  }
  auto all = static_cast<uint8_t>(included.size());
  matches.reserve(included.front().size());
  included.front().ForEach([&](uint32_t document, float) {
    if (held[document] == all && (keep_all || keep(document))) {
      matches.push_back({entry_of[document], scores[document]});
    }
  });
  return core::Ok();
}

}  // namespace debrief::search
