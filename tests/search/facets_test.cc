// Facet bitsets against counting entry by entry, on random entries and random filters, with
// many candidates and with few.
#include "search/facets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace debrief::search {
namespace {

struct Entry {
  LibraryFacets::Values values;
  std::optional<int32_t> day;
};

bool Allows(const std::optional<std::vector<uint32_t>>& allowed,
            const std::vector<uint32_t>& values) {
  if (!allowed) return true;
  return std::any_of(values.begin(), values.end(), [&](uint32_t value) {
    return std::count(allowed->begin(), allowed->end(), value) > 0;
  });
}

TEST(LibraryFacetsTest, CountsAndPassesAsCountingEachEntryWould) {
  std::mt19937 random(42);
  auto below = [&](uint32_t bound) {
    return std::uniform_int_distribution<uint32_t>(0, bound - 1)(random);
  };
  constexpr std::array<uint32_t, LibraryFacets::kFacetCount> kValues = {4, 30, 8, 12};
  std::vector<Entry> entries(1000);
  LibraryFacets facets;
  for (size_t position = 0; position < entries.size(); ++position) {
    Entry& entry = entries[position];
    for (int facet = 0; facet < LibraryFacets::kFacetCount; ++facet) {
      uint32_t count = facet == LibraryFacets::kSeverity ? 1 : below(4);
      for (uint32_t at = 0; at < count; ++at) {
        uint32_t value = below(kValues[facet]);
        if (std::count(entry.values[facet].begin(), entry.values[facet].end(), value) == 0) {
          entry.values[facet].push_back(value);
        }
      }
    }
    if (below(10) > 0) entry.day = static_cast<int32_t>(18000 + below(1000));
    facets.Set(static_cast<uint32_t>(position), {}, entry.values, entry.day);
  }
  // Some entries change: their old values must stop counting.
  for (size_t position = 0; position < entries.size(); position += 7) {
    Entry changed = entries[position];
    changed.values[LibraryFacets::kService] = {below(kValues[LibraryFacets::kService])};
    facets.Set(static_cast<uint32_t>(position), entries[position].values, changed.values,
               changed.day);
    entries[position] = changed;
  }

  for (int round = 0; round < 50; ++round) {
    LibraryFacets::Bits candidates((entries.size() + 63) / 64, 0);
    std::vector<bool> candidate(entries.size());
    // Many candidates and few, in turn.
    bool few = round % 2 == 1;
    for (size_t position = 0; position < entries.size(); ++position) {
      if (few ? below(20) != 0 : below(3) == 0) continue;
      candidate[position] = true;
      candidates[position / 64] |= uint64_t{1} << (position % 64);
    }
    LibraryFacets::Filters filters;
    for (int facet = 0; facet < LibraryFacets::kFacetCount; ++facet) {
      if (below(2) == 0) continue;
      std::vector<uint32_t>& allowed = filters.allowed[facet].emplace();
      for (uint32_t at = below(3); at > 0; --at) allowed.push_back(below(kValues[facet]));
    }
    if (below(3) == 0) filters.from_day = static_cast<int32_t>(18000 + below(500));
    if (below(3) == 0) filters.to_day = static_cast<int32_t>(18500 + below(500));

    LibraryFacets::Selection selection = facets.Select(candidates, filters);
    std::array<std::vector<int64_t>, LibraryFacets::kFacetCount> expected;
    for (int facet = 0; facet < LibraryFacets::kFacetCount; ++facet) {
      expected[facet].assign(kValues[facet], 0);
    }
    int64_t passing = 0;
    for (size_t position = 0; position < entries.size(); ++position) {
      const Entry& entry = entries[position];
      bool in_dates = entry.day && (!filters.from_day || *entry.day >= *filters.from_day) &&
                      (!filters.to_day || *entry.day <= *filters.to_day);
      if (!filters.from_day && !filters.to_day) in_dates = true;
      std::array<bool, LibraryFacets::kFacetCount> passes;
      for (int facet = 0; facet < LibraryFacets::kFacetCount; ++facet) {
        passes[facet] = Allows(filters.allowed[facet], entry.values[facet]);
      }
      bool all = candidate[position] && in_dates &&
                 std::all_of(passes.begin(), passes.end(), [](bool pass) { return pass; });
      ASSERT_EQ(selection.Passes(static_cast<uint32_t>(position)), all)
          << "round " << round << " position " << position;
      passing += all;
      if (!candidate[position] || !in_dates) continue;
      for (int facet = 0; facet < LibraryFacets::kFacetCount; ++facet) {
        bool others = true;
        for (int other = 0; other < LibraryFacets::kFacetCount; ++other) {
          if (other != facet) others = others && passes[other];
        }
        if (!others) continue;
        for (uint32_t value : entry.values[facet]) ++expected[facet][value];
      }
    }
    for (int facet = 0; facet < LibraryFacets::kFacetCount; ++facet) {
      std::vector<int64_t> counts = selection.counts[facet];
      counts.resize(kValues[facet], 0);
      EXPECT_EQ(counts, expected[facet]) << "round " << round << " facet " << facet;
    }
    EXPECT_EQ(selection.Count(), passing) << "round " << round;
  }
}

}  // namespace
}  // namespace debrief::search
