#include "core/timeline_event.h"

namespace debrief::core {

void KeepOriginalText(const TimelineEvent& current, TimelineEvent& updated) {
  if (!current.source.starts_with("import:")) return;
  if (updated.text == current.text || !current.original_text.empty()) return;
  updated.original_text = current.text;
}

}  // namespace debrief::core
