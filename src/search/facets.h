// LibraryFacets: the library's filters and facet counts as bitsets, one per facet value over the
// entries' positions. A search's counts then cost a popcount per value and 64 entries, however
// many entries matched, instead of a visit to every matching entry's lists.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace debrief::search {

class LibraryFacets {
 public:
  enum Facet { kSeverity, kService, kCategory, kTag, kFacetCount };
  // Per facet, the value ids of one entry (the numbers that the index keeping the entries gives
  // its facet values).
  using Values = std::array<std::vector<uint32_t>, kFacetCount>;
  using Bits = std::vector<uint64_t>;

  // Gives the entry at `position` its values and start day (days since 1970-01-01), replacing
  // `old` (empty for a new entry).
  void Set(uint32_t position, const Values& old, const Values& values,
           std::optional<int32_t> started_day);
  void Clear();

  struct Filters {
    // Per facet: unset passes everything; otherwise the values allowed (none known: nothing).
    std::array<std::optional<std::vector<uint32_t>>, kFacetCount> allowed;
    std::optional<int32_t> from_day;  // Both ends included; an entry without a start fails.
    std::optional<int32_t> to_day;
  };
  struct Selection {
    Bits passing;                                          // Candidates that pass every filter.
    std::array<std::vector<int64_t>, kFacetCount> counts;  // By value id.
    bool Passes(uint32_t position) const { return passing[position >> 6] >> (position & 63) & 1; }
    int64_t Count() const;  // Of the candidates that pass.
  };
  // Which `candidates` (a bitset over positions) pass, and each facet's counts over the
  // candidates that pass every other facet's filter (so choosing one severity still shows how
  // many results each other severity would give).
  Selection Select(const Bits& candidates, const Filters& filters) const;

  size_t words() const { return (positions_ + 63) / 64; }

 private:
  Bits& BitsOf(int facet, uint32_t value);

  size_t positions_ = 0;
  // Each facet's counts of the candidates that pass every filter but its own.
  void Count(const Bits& base, const std::array<std::optional<Bits>, kFacetCount>& allowed,
             Selection& selection) const;

  std::array<std::vector<Bits>, kFacetCount> values_;  // Per facet, per value id.
  std::vector<int32_t> started_days_;                  // kNoDay when unknown.
};

}  // namespace debrief::search
