// A whole Slack export as an uploaded ZIP archive: the archive itself, users.json,
// channels.json and every day of every channel, with all messages imported.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/timeline_event.h"
#include "ingest/export_archive.h"
#include "ingest/slack_export.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto archive = ingest::ExportArchive::FromZipBytes("fuzz.zip", bytes);
  if (!archive) return 0;
  auto channels = ingest::SlackChannels(**archive);
  if (!channels) return 0;
  for (const std::string& channel : *channels) {
    auto reopened = ingest::ExportArchive::FromZipBytes("fuzz.zip", bytes);
    if (!reopened) __builtin_trap();  // It opened a moment ago.
    ingest::SlackImportOptions options;
    options.channel = channel;
    options.all_messages = true;
    auto source = ingest::SlackExportSource::Open(std::move(*reopened), options);
    if (!source) continue;
    core::TimelineEvent event;
    while (true) {
      auto more = (*source)->Next(event);
      if (!more || !*more) break;
    }
  }
  return 0;
}
