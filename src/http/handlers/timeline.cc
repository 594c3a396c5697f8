// The merged timeline of an incident, built from what the caller may read: released accounts
// (and the caller's own), never withdrawn ones, and every event.
#include <charconv>

#include <algorithm>
#include <memory>

#include "app/timeline.h"
#include "http/anonymised_view.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/timeline_json.h"
#include "http/response_cache.h"

namespace debrief::http::handlers {
namespace {

// "what could participant P know at time T": both query parameters or neither.

core::Result<std::optional<KnowledgeQuery>> ParseKnowledgeQuery(const Context& context) {
  auto participant = context.Query("known_by");
  auto at = context.Query("known_at");
  if (!participant && !at) return std::optional<KnowledgeQuery>();
  if (!participant || !at) {
    return core::Error::InvalidArgument("known_by and known_at go together",
                                        participant ? "known_at" : "known_by");
  }
  KnowledgeQuery query;
  auto [end, error] = std::from_chars(
      participant->data(), participant->data() + participant->size(), query.participant_id);
  if (error != std::errc() || end != participant->data() + participant->size()) {
    return core::Error::InvalidArgument("known_by must be a participant id", "known_by");
  }
  auto instant = core::ParseRfc3339(*at);
  if (!instant)
    return core::Error::InvalidArgument("known_at must be an RFC 3339 time", "known_at");
  query.at = *instant;
  return query;
}

// A page of the items: `limit` items from position `cursor` (an opaque string the previous page
// gave as next_cursor). Without `limit`, every item.

constexpr size_t kMaxPageItems = 5000;

// Past this many items, a timeline is written in parts as the client takes them.
constexpr size_t kItemsWrittenAtOnce = 5000;
// About 0.3 ms of writing each.
constexpr size_t kPartBytes = 256 * 1024;

core::Result<std::optional<ItemPage>> ParsePage(const Context& context) {
  auto limit = context.Query("limit");
  auto cursor = context.Query("cursor");
  if (!limit) {
    if (cursor) return core::Error::InvalidArgument("cursor needs limit", "limit");
    return std::optional<ItemPage>();
  }
  ItemPage page;
  auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), page.limit);
  if (error != std::errc() || end != limit->data() + limit->size() || page.limit == 0 ||
      page.limit > kMaxPageItems) {
    return core::Error::InvalidArgument(
        "limit must be a number of items from 1 to " + std::to_string(kMaxPageItems), "limit");
  }
  if (cursor) {
    auto [cursor_end, cursor_error] =
        std::from_chars(cursor->data(), cursor->data() + cursor->size(), page.begin);
    if (cursor_error != std::errc() || cursor_end != cursor->data() + cursor->size()) {
      return core::Error::InvalidArgument("cursor must be a next_cursor this endpoint gave",
                                          "cursor");
    }
  }
  return std::optional<ItemPage>(page);
}

core::Result<core::TimelineOptions> ParseOptions(const Context& context) {
  core::TimelineOptions options = context.services.timeline_options;
  if (auto gap = context.Query("gap_minutes")) {
    int minutes = 0;
    auto [end, error] = std::from_chars(gap->data(), gap->data() + gap->size(), minutes);
    if (error != std::errc() || end != gap->data() + gap->size() || minutes < 1 || minutes > 1440) {
      return core::Error::InvalidArgument("gap_minutes must be a number from 1 to 1440",
                                          "gap_minutes");
    }
    options.gap_threshold = std::chrono::minutes(minutes);
  }
  return options;
}

}  // namespace

core::Result<ApiResponse> GetTimeline(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<KnowledgeQuery> knowledge, ParseKnowledgeQuery(context));
  DEBRIEF_ASSIGN_OR_RETURN(core::TimelineOptions options, ParseOptions(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<ItemPage> page, ParsePage(context));
  // The caller's view of the timeline, as their timeline requests keep it.
  std::string view = app::ReaderView(context.caller(), incident, options);
  std::string key = view;
  if (page) key += "/page" + std::to_string(page->begin) + "+" + std::to_string(page->limit);
  if (knowledge) {
    key += "/" + std::to_string(knowledge->participant_id) + "@" +
           std::to_string(core::ToEpochMillis(knowledge->at));
  }
  DEBRIEF_ASSIGN_OR_RETURN(int64_t generation, context.store().IncidentGeneration(incident.id));
  ApiResponse response;
  if (auto cached = context.services.response_cache.Find(key, generation)) {
    response.body = std::move(*cached);
    return response;
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      std::shared_ptr<const app::CachedTimeline> loaded,
      app::ReaderTimeline(context.store(), context.caller(), incident, options, view, generation,
                          {context.services.timeline_cache, context.services.event_snapshots}));
  bool suggestions = core::SeesTimelineSuggestions(context.caller());
  // Writing a large timeline out is tens of milliseconds and as many megabytes (100,000 items:
  // 49 MB in ~60 ms): it is written as the client takes it, a few hundred kilobytes at a time
  // from the merged timeline, which is shared and never changed, so neither the loop nor the
  // memory of the server carries the whole. Only a view the router does not anonymise afterwards
  // goes this way: anonymising needs the body in hand.
  DEBRIEF_ASSIGN_OR_RETURN(bool anonymised_requested, AnonymisedRequested(context));
  bool items_many = (page ? std::min(page->limit, loaded->timeline.items.size())
                          : loaded->timeline.items.size()) > kItemsWrittenAtOnce;
  if (items_many && !core::SeesAnonymised(context.caller(), anonymised_requested)) {
    auto writer =
        std::make_shared<TimelineWriter>(incident.key, loaded, knowledge, page, suggestions);
    response.parts = [writer](std::string& part) { return writer->Next(part, kPartBytes); };
    return response;
  }
  response.body = EncodeTimeline(incident, *loaded, knowledge, page, suggestions);
  context.services.response_cache.Put(key, generation, response.body);
  return response;
}

}  // namespace debrief::http::handlers
