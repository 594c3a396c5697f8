// The Markdown postmortem importer (front matter, sections, timeline rows, factors, action items,
// lessons) on one file, in UTC and in a zone with daylight saving.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/markdown_postmortem.h"
#include "ingest/time_zone.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const ingest::TimeZone kBerlin = *ingest::TimeZone::Parse("Europe/Berlin");
  for (const ingest::TimeZone& zone : {ingest::TimeZone(), kBerlin}) {
    ingest::PostmortemOptions options;
    options.zone = zone;
    auto postmortem = ingest::ReadPostmortem("fuzz.md", text, options);
    if (!postmortem) continue;
    for (const auto& factor : postmortem->factors) ingest::GuessFactorCategory(factor.text);
    for (const auto& row : postmortem->timeline) ingest::GuessEventKind(row.text);
  }
  return 0;
}
