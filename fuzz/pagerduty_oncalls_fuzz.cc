// PagerDuty's on-calls as the audiences route reads them: any bytes either read as spans, each
// with an order of time that holds, or refused.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/pagerduty_oncalls.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = ingest::ReadPagerDutyOnCalls(text);
  if (!read) return 0;
  for (const ingest::AudienceSpan& span : read->spans) {
    if (span.name.empty() && span.email.empty()) std::abort();
    if (span.since && span.until && *span.until <= *span.since) std::abort();
  }
  return 0;
}
