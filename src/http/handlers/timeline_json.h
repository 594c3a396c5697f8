// The merged timeline as the API answers it (GET /incidents/{key}/timeline): the items of a page
// (or all of them) written straight into the text, the moments they belong to, discrepancies,
// gaps, lanes, metrics and, for those who confirm them, suggestions. Written by hand into one
// string rather than built as a document: a large incident's timeline holds a hundred thousand
// items, and as one document they doubled the server's peak memory and took a third longer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "app/timeline.h"
#include "core/incident.h"
#include "core/time.h"

namespace debrief::http::handlers {

// "What could participant P know at time T".
struct KnowledgeQuery {
  int64_t participant_id = 0;
  core::Timestamp at{};
};

// A page of the items: `limit` items from position `begin`.
struct ItemPage {
  size_t begin = 0;
  size_t limit = 0;
};

// `with_suggestions`: whether the reader is one who confirms suggestions (members and admins);
// viewers read anonymised timelines, and a suggestion's reason quotes an event's text as it is.
std::string EncodeTimeline(const core::Incident& incident, const app::CachedTimeline& loaded,
                           const std::optional<KnowledgeQuery>& knowledge,
                           const std::optional<ItemPage>& page, bool with_suggestions);

}  // namespace debrief::http::handlers
