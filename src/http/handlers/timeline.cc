// The merged timeline of an incident, built from what the caller may read: released accounts
// (and the caller's own), never withdrawn ones, and every event.
#include <boost/json.hpp>
#include <charconv>
#include <map>

#include "app/timeline.h"
#include "core/timeline_merge.h"
#include "core/timeline_suggestions.h"
#include "formats/json/record_json.h"
#include "formats/json/record_text.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/response_cache.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

int64_t Seconds(core::Duration duration) {
  return std::chrono::duration_cast<std::chrono::seconds>(duration).count();
}

bj::value OptionalSeconds(const std::optional<core::Duration>& duration) {
  return duration ? bj::value(Seconds(*duration)) : bj::value(nullptr);
}

// "what could participant P know at time T": both query parameters or neither.
struct KnowledgeQuery {
  int64_t participant_id = 0;
  core::Timestamp at{};
};

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
struct ItemPage {
  size_t begin = 0;
  size_t limit = 0;
};

constexpr size_t kMaxPageItems = 5000;

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

bj::object EncodeSuggestions(const core::TimelineSuggestions& suggestions) {
  bj::array key_moments;
  for (const core::KeyMomentSuggestion& moment : suggestions.key_moments) {
    key_moments.push_back({{"field", moment.field},
                           {"at", core::FormatRfc3339(moment.at)},
                           {"ref", moment.event_ref},
                           {"reason", moment.reason}});
  }
  bj::array links;
  for (const core::EntryLinkSuggestion& link : suggestions.links) {
    links.push_back({{"entry_ref", link.entry_ref},
                     {"event_ref", link.event_ref},
                     {"shared", link.shared},
                     {"apart_seconds", Seconds(link.apart)}});
  }
  return {{"key_moments", std::move(key_moments)}, {"links", std::move(links)}};
}

// How many items EncodeTimeline writes before it sizes the text for the rest.
constexpr size_t kItemsToMeasure = 256;

// Builds the timeline body: the page asked for (or every item), and what could be known then.
std::string EncodeTimeline(Context& context, const core::Incident& incident,
                           const app::CachedTimeline& loaded,
                           const std::optional<KnowledgeQuery>& knowledge,
                           const std::optional<ItemPage>& page) {
  const std::vector<core::EntryInput>& entries = loaded.entries;
  const std::vector<core::TimelineEvent>& events = *loaded.events;
  const std::vector<core::Participant>& participants = loaded.participants;
  const core::MergedTimeline& timeline = loaded.timeline;
  std::vector<bool> known;
  if (knowledge) {
    known = core::KnownAt(timeline, entries, events, knowledge->participant_id, knowledge->at);
  }

  size_t first = page ? std::min(page->begin, timeline.items.size()) : 0;
  size_t last = page ? std::min(first + page->limit, timeline.items.size()) : timeline.items.size();
  // Items are written into the text one by one, never held as one document: the whole timeline
  // of a large incident is a hundred thousand of them, and as one document they doubled the
  // server's peak memory (429 MiB against 224 at 100,000 items) and took a third longer.
  std::string text = "{\"incident\":";
  formats::json::AppendJson(text, incident.key);
  text += ",\"items\":[";
  // ,"name":value
  auto member = [&text](std::string_view name, const auto& value) {
    text += ",\"";
    text += name;
    text += "\":";
    formats::json::AppendJson(text, value);
  };
  // A page's groups list only the page's items: one moment can hold tens of thousands of events
  // (a log line every second), and each page would otherwise carry them all.
  std::map<size_t, bj::array> page_groups;
  for (size_t position = first; position < last; ++position) {
    const core::TimelineItem& item = timeline.items[position];
    // Each item and its record go straight into the text (record_text.h): building a document
    // for each of a hundred thousand items only to serialize it was most of the whole timeline's
    // time.
    if (position > first) text += ',';
    text += "{\"ref\":";
    formats::json::AppendJson(text, item.ref);
    member("lane", item.lane);
    member("at", item.at);
    member("uncertainty_seconds", Seconds(item.uncertainty));
    member("group", uint64_t{item.group});
    if (item.kind == core::TimelineItemKind::kEntry) {
      const core::EntryInput& input = entries[item.index];
      member("type", "entry");
      member("participant_id", input.participant_id);
      member("account_id", input.account_id);
      text += ",\"entry\":";
      formats::json::AppendEncoded(text, input.entry);
    } else {
      member("type", "event");
      text += ",\"event\":";
      formats::json::AppendEncoded(text, events[item.index]);
    }
    if (knowledge) member("known", static_cast<bool>(known[position]));
    text += '}';
    // Room for the rest at the size of the items so far (events vary; a tenth more), so that a
    // text of tens of megabytes grows once, not by doubling.
    if (position == first + kItemsToMeasure - 1 && last - first > kItemsToMeasure) {
      text.reserve(text.size() / kItemsToMeasure * (last - first) * 11 / 10);
    }
    if (page) page_groups[item.group].emplace_back(item.ref);
  }
  bj::array groups;
  for (size_t index = 0; index < timeline.groups.size(); ++index) {
    // A page carries the groups of its items, each with its index, as items name them, and its
    // size.
    auto on_page = page_groups.find(index);
    if (page && on_page == page_groups.end()) continue;
    const core::TimelineGroup& group = timeline.groups[index];
    bj::array refs =
        page ? std::move(on_page->second) : bj::array(group.refs.begin(), group.refs.end());
    bj::object encoded{{"start", core::FormatRfc3339(group.start)},
                       {"end", core::FormatRfc3339(group.end)},
                       {"refs", std::move(refs)}};
    if (page) {
      encoded["index"] = index;
      encoded["size"] = group.refs.size();
    }
    groups.push_back(std::move(encoded));
  }
  bj::array discrepancies;
  for (const core::Discrepancy& discrepancy : timeline.discrepancies) {
    discrepancies.push_back({{"kind", core::ToString(discrepancy.kind)},
                             {"refs", {discrepancy.first_ref, discrepancy.second_ref}},
                             {"difference_seconds", Seconds(discrepancy.difference)},
                             {"allowed_seconds", Seconds(discrepancy.allowed)},
                             {"explanation", discrepancy.explanation}});
  }
  bj::array gaps;
  for (const core::Gap& gap : timeline.gaps) {
    gaps.push_back({{"from", core::FormatRfc3339(gap.from)},
                    {"to", core::FormatRfc3339(gap.to)},
                    {"seconds", Seconds(gap.length())}});
  }
  bj::array lanes;
  for (const core::Participant& participant : participants) {
    lanes.push_back({{"id", "participant:" + std::to_string(participant.id)},
                     {"label", participant.name},
                     {"role", core::ToString(participant.role)}});
  }
  for (std::string_view lane : {"alerts", "changes", "chat", "events"}) {
    lanes.push_back({{"id", lane}, {"label", lane}});
  }
  text += "],";
  bj::object body;
  if (page) {
    body["total_items"] = timeline.items.size();
    body["next_cursor"] =
        last < timeline.items.size() ? bj::value(std::to_string(last)) : bj::value(nullptr);
  }
  body["groups"] = std::move(groups);
  body["discrepancies"] = std::move(discrepancies);
  body["gaps"] = std::move(gaps);
  body["lanes"] = std::move(lanes);
  body["metrics"] = {
      {"time_to_detect_seconds", OptionalSeconds(timeline.metrics.time_to_detect)},
      {"time_to_mitigate_seconds", OptionalSeconds(timeline.metrics.time_to_mitigate)},
      {"time_to_resolve_seconds", OptionalSeconds(timeline.metrics.time_to_resolve)}};
  // For the people who confirm them (members and admins). Viewers read anonymised timelines,
  // and a suggestion's reason quotes an event's text as it is.
  if (core::SeesTimelineSuggestions(context.caller())) {
    body["suggestions"] = EncodeSuggestions(loaded.suggestions);
  }
  // The rest of the body's members after the items (the object's own '{' left out; it always
  // holds groups, gaps, lanes and metrics, so it is never the empty "{}").
  text.append(bj::serialize(body), 1);
  return text;
}

}  // namespace

core::Result<ApiResponse> GetTimeline(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<KnowledgeQuery> knowledge, ParseKnowledgeQuery(context));
  DEBRIEF_ASSIGN_OR_RETURN(core::TimelineOptions options, ParseOptions(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<ItemPage> page, ParsePage(context));
  // What the caller may read depends on who they are and their role, and the options change the
  // result; everything else is covered by the incident's generation.
  std::string view = std::to_string(incident.id) + "/" + std::to_string(context.caller().user_id) +
                     "/" + std::string(core::ToString(context.caller().role)) + "/" +
                     std::to_string(options.gap_threshold.count());
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
  response.body = EncodeTimeline(context, incident, *loaded, knowledge, page);
  context.services.response_cache.Put(key, generation, response.body);
  return response;
}

}  // namespace debrief::http::handlers
