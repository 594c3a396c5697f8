// One day file of a Slack export (the streaming JSON reader of messages), the part of a Slack
// import that reads the most bytes.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/slack_day.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view json(reinterpret_cast<const char*>(data), size);
  // Parsed twice into one day: the reader reuses its messages from day to day.
  ingest::SlackDay day;
  for (int pass = 0; pass < 2; ++pass) {
    if (!day.Parse(json)) return 0;
    size_t bytes = 0;
    for (size_t i = 0; i < day.size(); ++i) bytes += day[i].text.size() + day[i].reactions.size();
    if (bytes > size * 2 + day.size() * 64) __builtin_trap();
  }
  return 0;
}
