#include "search/facets.h"

#include <algorithm>
#include <bit>
#include <limits>

namespace debrief::search {
namespace {

constexpr int32_t kNoDay = std::numeric_limits<int32_t>::min();

// Set bits of `a & b` over the given words. Built twice on x86-64, where the baseline has no
// popcount instruction, and chosen at load time by the CPU.
#if defined(__x86_64__)
__attribute__((target_clones("popcnt", "default")))
#endif
int64_t
CountBoth(const uint64_t* a, const uint64_t* b, const uint32_t* words, size_t count) {
  int64_t total = 0;
  for (size_t at = 0; at < count; ++at) total += std::popcount(a[words[at]] & b[words[at]]);
  return total;
}

#if defined(__x86_64__)
__attribute__((target_clones("popcnt", "default")))
#endif
int64_t
CountAll(const uint64_t* bits, size_t count) {
  int64_t total = 0;
  for (size_t at = 0; at < count; ++at) total += std::popcount(bits[at]);
  return total;
}

void AndInto(LibraryFacets::Bits& into, const LibraryFacets::Bits& other) {
  for (size_t word = 0; word < into.size(); ++word) into[word] &= other[word];
}

}  // namespace

int64_t LibraryFacets::Selection::Count() const { return CountAll(passing.data(), passing.size()); }

LibraryFacets::Bits& LibraryFacets::BitsOf(int facet, uint32_t value) {
  std::vector<Bits>& bits = values_[facet];
  if (value >= bits.size()) bits.resize(value + 1, Bits(words(), 0));
  return bits[value];
}

void LibraryFacets::Set(uint32_t position, const Values& old, const Values& values,
                        std::optional<int32_t> started_day) {
  if (position >= positions_) {
    positions_ = position + 1;
    for (std::vector<Bits>& facet : values_) {
      for (Bits& bits : facet) bits.resize(words(), 0);
    }
    started_days_.resize(positions_, kNoDay);
  }
  uint64_t bit = uint64_t{1} << (position & 63);
  for (int facet = 0; facet < kFacetCount; ++facet) {
    for (uint32_t value : old[facet]) BitsOf(facet, value)[position >> 6] &= ~bit;
    for (uint32_t value : values[facet]) BitsOf(facet, value)[position >> 6] |= bit;
  }
  started_days_[position] = started_day.value_or(kNoDay);
}

void LibraryFacets::Clear() {
  positions_ = 0;
  for (std::vector<Bits>& facet : values_) facet.clear();
  started_days_.clear();
}

LibraryFacets::Selection LibraryFacets::Select(const Bits& candidates,
                                               const Filters& filters) const {
  Bits base = candidates;
  base.resize(words(), 0);
  if (filters.from_day || filters.to_day) {
    int32_t from = filters.from_day.value_or(kNoDay + 1);
    int32_t to = filters.to_day.value_or(std::numeric_limits<int32_t>::max());
    for (size_t position = 0; position < positions_; ++position) {
      int32_t day = started_days_[position];
      if (day == kNoDay || day < from || day > to)
        base[position >> 6] &= ~(uint64_t{1} << (position & 63));
    }
  }
  // Each active filter as one bitset: the union of its allowed values.
  std::array<std::optional<Bits>, kFacetCount> allowed;
  for (int facet = 0; facet < kFacetCount; ++facet) {
    if (!filters.allowed[facet]) continue;
    Bits& bits = allowed[facet].emplace(words(), 0);
    for (uint32_t value : *filters.allowed[facet]) {
      if (value >= values_[facet].size()) continue;
      const Bits& of_value = values_[facet][value];
      for (size_t word = 0; word < bits.size(); ++word) bits[word] |= of_value[word];
    }
  }
  Selection selection;
  selection.passing = base;
  for (const std::optional<Bits>& bits : allowed) {
    if (bits) AndInto(selection.passing, *bits);
  }
  Count(base, allowed, selection);
  return selection;
}

void LibraryFacets::Count(const Bits& base,
                          const std::array<std::optional<Bits>, kFacetCount>& allowed,
                          Selection& selection) const {
  // Per facet, the candidates passing every other filter; only their non-empty words are
  // counted. Without filters on other facets that is the candidates themselves, found once.
  Bits counted;
  std::vector<uint32_t> filled;
  bool counted_is_base = false;
  for (int facet = 0; facet < kFacetCount; ++facet) {
    bool others_filter = false;
    for (int other = 0; other < kFacetCount; ++other) {
      others_filter = others_filter || (other != facet && allowed[other]);
    }
    if (others_filter || !counted_is_base) {
      counted = base;
      for (int other = 0; other < kFacetCount; ++other) {
        if (other != facet && allowed[other]) AndInto(counted, *allowed[other]);
      }
      counted_is_base = !others_filter;
      filled.clear();
      for (size_t word = 0; word < counted.size(); ++word) {
        if (counted[word] != 0) filled.push_back(static_cast<uint32_t>(word));
      }
    }
    std::vector<int64_t>& counts = selection.counts[facet];
    counts.assign(values_[facet].size(), 0);
    for (size_t value = 0; value < values_[facet].size(); ++value) {
      counts[value] =
          CountBoth(counted.data(), values_[facet][value].data(), filled.data(), filled.size());
    }
  }
}

}  // namespace debrief::search
