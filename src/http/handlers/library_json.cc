#include "http/handlers/library_json.h"

#include <algorithm>
#include <cmath>

namespace debrief::http::handlers {

namespace bj = boost::json;

// The encoders take the storage to build in: a search's answer is built in one monotonic
// buffer, freed at once, instead of a few hundred separate allocations.
bj::array Strings(const std::vector<std::string>& values, const bj::storage_ptr& storage) {
  bj::array out(storage);
  out.reserve(values.size());
  for (const std::string& value : values) out.emplace_back(value);
  return out;
}

namespace {

bj::value OptionalTime(const std::optional<core::Timestamp>& value,
                       const bj::storage_ptr& storage) {
  if (!value) return bj::value(nullptr, storage);
  return bj::value(core::FormatRfc3339(*value), storage);
}

}  // namespace

bj::object EncodeHit(const store::LibraryHit& hit, int64_t rank, const bj::storage_ptr& storage) {
  bj::array snippets(storage);
  for (const store::LibrarySnippet& snippet : hit.snippets) {
    bj::array parts(storage);
    for (const store::SnippetPart& part : snippet.parts) {
      parts.emplace_back(bj::object({{"text", part.text}, {"match", part.match}}, storage));
    }
    snippets.emplace_back(
        bj::object({{"section", snippet.section}, {"parts", std::move(parts)}}, storage));
  }
  return bj::object({{"key", hit.key},
                     {"title", hit.title},
                     {"summary", hit.summary},
                     {"severity", hit.severity},
                     {"services", Strings(hit.services, storage)},
                     {"tags", Strings(hit.tags, storage)},
                     {"factor_categories", Strings(hit.factor_categories, storage)},
                     {"started_at", OptionalTime(hit.started_at, storage)},
                     {"published_at", core::FormatRfc3339(hit.published_at)},
                     {"version", hit.version},
                     {"score", 1.0 / static_cast<double>(std::max<int64_t>(rank, 1))},
                     {"snippets", std::move(snippets)}},
                    storage);
}

bj::array EncodeHits(const std::vector<store::LibraryHit>& hits, int64_t first_rank,
                     const bj::storage_ptr& storage) {
  bj::array items(storage);
  items.reserve(hits.size());
  int64_t rank = first_rank;
  for (const store::LibraryHit& hit : hits) items.emplace_back(EncodeHit(hit, rank++, storage));
  return items;
}

bj::array EncodeCounts(const std::vector<store::FacetCount>& counts,
                       const bj::storage_ptr& storage) {
  bj::array out(storage);
  out.reserve(counts.size());
  for (const store::FacetCount& count : counts) {
    out.emplace_back(bj::object({{"value", count.value}, {"count", count.count}}, storage));
  }
  return out;
}

}  // namespace debrief::http::handlers
