// One importer of line-based text (DEBRIEF_FUZZ_FORMAT: jsonl, csv, json, chat, paste, journald,
// kubectl, pagerduty, opsgenie, alertmanager) reading the input as a file, with the settings a
// user gets when they name only the format, through to the last event.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/timeline_event.h"
#include "ingest/line_reader.h"
#include "ingest/text_import.h"

#ifndef DEBRIEF_FUZZ_FORMAT
#error "DEBRIEF_FUZZ_FORMAT names the importer"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto source = ingest::OpenTextSource(ingest::DefaultSettings(DEBRIEF_FUZZ_FORMAT),
                                       ingest::LineReader::FromText("fuzz", text));
  if (!source) return 0;
  core::TimelineEvent event;
  // Each event is built from at least one byte of the input, so this bounds the loop without
  // cutting a real file short; an importer that yields more is stuck and the check says so.
  for (size_t events = 0;; ++events) {
    auto more = (*source)->Next(event);
    if (!more || !*more) break;
    if (events > size + 1) __builtin_trap();
  }
  return 0;
}
