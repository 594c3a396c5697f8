#include "http/handlers/timeline_json.h"

#include <boost/json.hpp>
#include <map>
#include <string_view>

#include "core/timeline_merge.h"
#include "core/timeline_suggestions.h"
#include "formats/json/record_json.h"
#include "formats/json/record_text.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// How many items are written before the text is sized for the rest.
constexpr size_t kItemsToMeasure = 256;

int64_t Seconds(core::Duration duration) {
  return std::chrono::duration_cast<std::chrono::seconds>(duration).count();
}

bj::value OptionalSeconds(const std::optional<core::Duration>& duration) {
  return duration ? bj::value(Seconds(*duration)) : bj::value(nullptr);
}

// The refs of each moment (group) the page's items belong to, by the group's index.
using PageGroups = std::map<size_t, bj::array>;

// Writes items [first, last) into `text`, each with its record, and (for a page) notes the
// moments they belong to. Each item goes straight into the text (record_text.h): building a
// document for each of a hundred thousand items only to serialise it was most of the time.
void AppendItems(std::string& text, const app::CachedTimeline& loaded, size_t first, size_t last,
                 const std::vector<bool>* known, PageGroups* page_groups) {
  const core::MergedTimeline& timeline = loaded.timeline;
  // ,"name":value
  auto member = [&text](std::string_view name, const auto& value) {
    text += ",\"";
    text += name;
    text += "\":";
    formats::json::AppendJson(text, value);
  };
  for (size_t position = first; position < last; ++position) {
    const core::TimelineItem& item = timeline.items[position];
    if (position > first) text += ',';
    text += "{\"ref\":";
    formats::json::AppendJson(text, item.ref);
    member("lane", item.lane);
    member("at", item.at);
    member("uncertainty_seconds", Seconds(item.uncertainty));
    member("group", uint64_t{item.group});
    if (item.kind == core::TimelineItemKind::kEntry) {
      const core::EntryInput& input = loaded.entries[item.index];
      member("type", "entry");
      member("participant_id", input.participant_id);
      member("account_id", input.account_id);
      text += ",\"entry\":";
      formats::json::AppendEncoded(text, input.entry);
    } else {
      member("type", "event");
      text += ",\"event\":";
      formats::json::AppendEncoded(text, (*loaded.events)[item.index]);
    }
    if (known != nullptr) member("known", static_cast<bool>((*known)[position]));
    text += '}';
    // Room for the rest at the size of the items so far (events vary; a tenth more), so that a
    // text of tens of megabytes grows once, not by doubling.
    if (position == first + kItemsToMeasure - 1 && last - first > kItemsToMeasure) {
      text.reserve(text.size() / kItemsToMeasure * (last - first) * 11 / 10);
    }
    if (page_groups != nullptr) (*page_groups)[item.group].emplace_back(item.ref);
  }
}

// The moments: all of them, or (for a page) those of the page's items with only those items,
// each with its index, as items name it, and its size. One moment can hold tens of thousands of
// events (a log line every second), and each page would otherwise carry them all.
bj::array EncodeGroups(const core::MergedTimeline& timeline, PageGroups* page_groups) {
  bj::array groups;
  for (size_t index = 0; index < timeline.groups.size(); ++index) {
    const core::TimelineGroup& group = timeline.groups[index];
    bj::object encoded{{"start", core::FormatRfc3339(group.start)},
                       {"end", core::FormatRfc3339(group.end)}};
    if (page_groups == nullptr) {
      encoded["refs"] = bj::array(group.refs.begin(), group.refs.end());
    } else {
      auto on_page = page_groups->find(index);
      if (on_page == page_groups->end()) continue;
      encoded["refs"] = std::move(on_page->second);
      encoded["index"] = index;
      encoded["size"] = group.refs.size();
    }
    groups.push_back(std::move(encoded));
  }
  return groups;
}

bj::array EncodeDiscrepancies(const core::MergedTimeline& timeline) {
  bj::array discrepancies;
  for (const core::Discrepancy& discrepancy : timeline.discrepancies) {
    discrepancies.push_back({{"kind", core::ToString(discrepancy.kind)},
                             {"refs", {discrepancy.first_ref, discrepancy.second_ref}},
                             {"difference_seconds", Seconds(discrepancy.difference)},
                             {"allowed_seconds", Seconds(discrepancy.allowed)},
                             {"explanation", discrepancy.explanation}});
  }
  return discrepancies;
}

bj::array EncodeGaps(const core::MergedTimeline& timeline) {
  bj::array gaps;
  for (const core::Gap& gap : timeline.gaps) {
    gaps.push_back({{"from", core::FormatRfc3339(gap.from)},
                    {"to", core::FormatRfc3339(gap.to)},
                    {"seconds", Seconds(gap.length())}});
  }
  return gaps;
}

// A lane per participant, then one per kind of signal.
bj::array EncodeLanes(const std::vector<core::Participant>& participants) {
  bj::array lanes;
  for (const core::Participant& participant : participants) {
    lanes.push_back({{"id", "participant:" + std::to_string(participant.id)},
                     {"label", participant.name},
                     {"role", core::ToString(participant.role)}});
  }
  for (std::string_view lane : {"alerts", "changes", "chat", "events"}) {
    lanes.push_back({{"id", lane}, {"label", lane}});
  }
  return lanes;
}

bj::object EncodeMetrics(const core::IncidentMetrics& metrics) {
  return {{"time_to_detect_seconds", OptionalSeconds(metrics.time_to_detect)},
          {"time_to_mitigate_seconds", OptionalSeconds(metrics.time_to_mitigate)},
          {"time_to_resolve_seconds", OptionalSeconds(metrics.time_to_resolve)}};
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

}  // namespace

std::string EncodeTimeline(const core::Incident& incident, const app::CachedTimeline& loaded,
                           const std::optional<KnowledgeQuery>& knowledge,
                           const std::optional<ItemPage>& page, bool with_suggestions) {
  const core::MergedTimeline& timeline = loaded.timeline;
  std::vector<bool> known;
  if (knowledge) {
    known = core::KnownAt(timeline, loaded.entries, *loaded.events, knowledge->participant_id,
                          knowledge->at);
  }
  size_t first = page ? std::min(page->begin, timeline.items.size()) : 0;
  size_t last = page ? std::min(first + page->limit, timeline.items.size()) : timeline.items.size();
  std::string text = "{\"incident\":";
  formats::json::AppendJson(text, incident.key);
  text += ",\"items\":[";
  PageGroups page_groups;
  AppendItems(text, loaded, first, last, knowledge ? &known : nullptr,
              page ? &page_groups : nullptr);
  text += "],";
  bj::object body;
  if (page) {
    body["total_items"] = timeline.items.size();
    body["next_cursor"] =
        last < timeline.items.size() ? bj::value(std::to_string(last)) : bj::value(nullptr);
  }
  body["groups"] = EncodeGroups(timeline, page ? &page_groups : nullptr);
  body["discrepancies"] = EncodeDiscrepancies(timeline);
  body["gaps"] = EncodeGaps(timeline);
  body["lanes"] = EncodeLanes(loaded.participants);
  body["metrics"] = EncodeMetrics(timeline.metrics);
  if (with_suggestions) body["suggestions"] = EncodeSuggestions(loaded.suggestions);
  // The rest of the body's members after the items (the object's own '{' left out; it always
  // holds groups, gaps, lanes and metrics, so it is never the empty "{}").
  text.append(bj::serialize(body), 1);
  return text;
}

}  // namespace debrief::http::handlers
