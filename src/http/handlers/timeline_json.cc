#include "http/handlers/timeline_json.h"

#include <boost/json.hpp>
#include <limits>
#include <map>
#include <memory>
#include <string_view>

#include "core/knowledge.h"
#include "core/timeline_merge.h"
#include "core/timeline_suggestions.h"
#include "formats/json/record_json.h"
#include "formats/json/record_text.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// How much of a whole body is written before the text is sized for the rest.
constexpr size_t kBytesToMeasure = 64 * 1024;

int64_t Seconds(core::Duration duration) {
  return std::chrono::duration_cast<std::chrono::seconds>(duration).count();
}

bj::value OptionalSeconds(const std::optional<core::Duration>& duration) {
  return duration ? bj::value(Seconds(*duration)) : bj::value(nullptr);
}

using PageGroups = std::map<size_t, std::vector<std::string>>;

// ,"name":value
template <class Value>
void AppendMember(std::string& text, std::string_view name, const Value& value) {
  text += ",\"";
  text += name;
  text += "\":";
  formats::json::AppendJson(text, value);
}

// Writes item `position` into `text` with its record, and (for a page) notes the moment it
// belongs to. Each item goes straight into the text (record_text.h): building a document for
// each of a hundred thousand items only to serialise it was most of the time.
void AppendItem(std::string& text, const app::CachedTimeline& loaded, size_t position,
                const std::vector<core::Knowledge>* known, PageGroups* page_groups) {
  const core::TimelineItem& item = loaded.timeline.items[position];
  text += "{\"ref\":";
  formats::json::AppendJson(text, item.ref);
  AppendMember(text, "lane", item.lane);
  AppendMember(text, "at", item.at);
  AppendMember(text, "uncertainty_seconds", Seconds(item.uncertainty));
  AppendMember(text, "group", uint64_t{item.group});
  if (item.kind == core::TimelineItemKind::kEntry) {
    const core::EntryInput& input = loaded.entries[item.index];
    AppendMember(text, "type", "entry");
    AppendMember(text, "participant_id", input.participant_id);
    AppendMember(text, "account_id", input.account_id);
    text += ",\"entry\":";
    formats::json::AppendEncoded(text, input.entry);
  } else {
    AppendMember(text, "type", "event");
    text += ",\"event\":";
    formats::json::AppendEncoded(text, (*loaded.events)[item.index]);
  }
  if (known != nullptr) {
    // Why they could know it: a reader checking for hindsight needs the path, not just yes/no.
    const core::Knowledge& knowledge = (*known)[position];
    AppendMember(text, "known", knowledge.known());
    AppendMember(text, "known_because", core::KnownBecauseName(knowledge.because));
    if (knowledge.because == core::KnownBecause::kAudience) {
      AppendMember(text, "known_via", knowledge.audience);
      if (knowledge.since) AppendMember(text, "known_since", *knowledge.since);
    }
  }
  text += '}';
  if (page_groups != nullptr) (*page_groups)[item.group].push_back(item.ref);
}

// {"start":…,"end":…,"refs":[…]} and, for a page, its index and size: one moment holds tens of
// thousands of events (a log line every second), and each page would otherwise carry them all.
void AppendGroup(std::string& text, const core::TimelineGroup& group,
                 const std::vector<std::string>& refs, const size_t* page_index) {
  text += "{\"start\":";
  formats::json::AppendJson(text, group.start);
  AppendMember(text, "end", group.end);
  AppendMember(text, "refs", refs);
  if (page_index != nullptr) {
    AppendMember(text, "index", uint64_t{*page_index});
    AppendMember(text, "size", uint64_t{group.refs.size()});
  }
  text += '}';
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

TimelineWriter::TimelineWriter(std::string incident_key,
                               std::shared_ptr<const app::CachedTimeline> loaded,
                               const std::optional<KnowledgeQuery>& knowledge,
                               const std::optional<ItemPage>& page, bool with_suggestions)
    : incident_key_(std::move(incident_key)),
      loaded_(std::move(loaded)),
      paged_(page.has_value()),
      with_suggestions_(with_suggestions),
      with_known_(knowledge.has_value()) {
  const core::MergedTimeline& timeline = loaded_->timeline;
  if (knowledge) {
    known_ = core::KnowledgeAt(timeline, loaded_->entries, *loaded_->events, loaded_->memberships,
                               knowledge->participant_id, knowledge->at);
  }
  first_ = page ? std::min(page->begin, timeline.items.size()) : 0;
  last_ = page ? std::min(first_ + page->limit, timeline.items.size()) : timeline.items.size();
  position_ = first_;
}

bool TimelineWriter::Next(std::string& text, size_t part_bytes) {
  const core::MergedTimeline& timeline = loaded_->timeline;
  size_t part_end = text.size() + part_bytes;
  if (stage_ == Stage::kHead) {
    text += "{\"incident\":";
    formats::json::AppendJson(text, incident_key_);
    text += ",\"items\":[";
    stage_ = Stage::kItems;
  }
  while (stage_ == Stage::kItems && text.size() < part_end) {
    if (position_ == last_) {
      text += "],";
      if (paged_) {
        text += "\"total_items\":";
        formats::json::AppendJson(text, uint64_t{timeline.items.size()});
        text += ",\"next_cursor\":";
        if (last_ < timeline.items.size()) {
          formats::json::AppendJson(text, std::to_string(last_));
        } else {
          text += "null";
        }
        text += ',';
      }
      text += "\"groups\":[";
      stage_ = Stage::kGroups;
      break;
    }
    if (position_ > first_) text += ',';
    AppendItem(text, *loaded_, position_, with_known_ ? &known_ : nullptr,
               paged_ ? &page_groups_ : nullptr);
    ++position_;
  }
  if (stage_ == Stage::kGroups) {
    if (paged_) {
      // Only the moments of the page's items, with only those items.
      for (const auto& [index, refs] : page_groups_) {
        if (index != page_groups_.begin()->first) text += ',';
        AppendGroup(text, timeline.groups[index], refs, &index);
      }
      stage_ = Stage::kRest;
    } else {
      for (; next_group_ < timeline.groups.size() && text.size() < part_end; ++next_group_) {
        if (next_group_ > 0) text += ',';
        const core::TimelineGroup& group = timeline.groups[next_group_];
        AppendGroup(text, group, group.refs, nullptr);
      }
      if (next_group_ == timeline.groups.size()) stage_ = Stage::kRest;
    }
    if (stage_ == Stage::kRest) text += "],";
  }
  if (stage_ == Stage::kRest && text.size() < part_end) {
    bj::object rest;
    rest["discrepancies"] = EncodeDiscrepancies(timeline);
    rest["gaps"] = EncodeGaps(timeline);
    rest["lanes"] = EncodeLanes(loaded_->participants);
    rest["metrics"] = EncodeMetrics(timeline.metrics);
    if (with_suggestions_) rest["suggestions"] = EncodeSuggestions(loaded_->suggestions);
    // The members after the groups, without the object's own '{' (it always holds gaps, lanes
    // and metrics, so it is never the empty "{}").
    text.append(bj::serialize(rest), 1);
    stage_ = Stage::kDone;
  }
  return stage_ != Stage::kDone;
}

std::string EncodeTimeline(const core::Incident& incident, const app::CachedTimeline& loaded,
                           const std::optional<KnowledgeQuery>& knowledge,
                           const std::optional<ItemPage>& page, bool with_suggestions) {
  // The caller keeps `loaded` alive throughout: the writer borrows it.
  TimelineWriter writer(
      incident.key, std::shared_ptr<const app::CachedTimeline>(std::shared_ptr<void>(), &loaded),
      knowledge, page, with_suggestions);
  std::string text;
  // Room for the rest at the size of the first items (events vary; a tenth more), so that a text
  // of tens of megabytes grows once, not by doubling.
  bool more = writer.Next(text, kBytesToMeasure);
  if (more && writer.ItemsWritten() > 0) {
    text.reserve(text.size() / writer.ItemsWritten() * writer.ItemCount() * 11 / 10);
  }
  while (more) more = writer.Next(text, std::numeric_limits<size_t>::max() / 2);
  return text;
}

}  // namespace debrief::http::handlers
