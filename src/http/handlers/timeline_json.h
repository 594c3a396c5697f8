// The merged timeline as the API answers it (GET /incidents/{key}/timeline): the items of a page
// (or all of them) written straight into the text, the moments they belong to, discrepancies,
// gaps, lanes, metrics and, for those who confirm them, suggestions. Written by hand into one
// string rather than built as a document: a large incident's timeline holds a hundred thousand
// items, and as one document they doubled the server's peak memory and took a third longer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/timeline.h"
#include "core/incident.h"
#include "core/knowledge.h"
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

// The timeline's body written part by part, for a body too large to hold at once (a hundred
// thousand items are about 49 MB): each Next appends about `part_bytes` more (whole items) and
// says whether more follows. It holds the merged timeline it reads, which is shared and never
// changed, so the parts may be written while the connection takes them.
class TimelineWriter {
 public:
  TimelineWriter(std::string incident_key, std::shared_ptr<const app::CachedTimeline> loaded,
                 const std::optional<KnowledgeQuery>& knowledge,
                 const std::optional<ItemPage>& page, bool with_suggestions);

  bool Next(std::string& text, size_t part_bytes);
  size_t ItemsWritten() const { return position_ - first_; }
  size_t ItemCount() const { return last_ - first_; }

 private:
  enum class Stage { kHead, kItems, kGroups, kRest, kDone };

  std::string incident_key_;
  std::shared_ptr<const app::CachedTimeline> loaded_;
  bool paged_;
  bool with_suggestions_;
  bool with_known_;
  std::vector<core::Knowledge> known_;
  size_t first_ = 0;
  size_t last_ = 0;
  size_t position_ = 0;
  size_t next_group_ = 0;
  // For a page, the refs of each moment its items belong to, by the moment's index.
  std::map<size_t, std::vector<std::string>> page_groups_;
  Stage stage_ = Stage::kHead;
};

// The whole body at once. `with_suggestions`: whether the reader is one who confirms suggestions
// (members and admins); viewers read anonymised timelines, and a suggestion's reason quotes an
// event's text as it is.
std::string EncodeTimeline(const core::Incident& incident, const app::CachedTimeline& loaded,
                           const std::optional<KnowledgeQuery>& knowledge,
                           const std::optional<ItemPage>& page, bool with_suggestions);

}  // namespace debrief::http::handlers
