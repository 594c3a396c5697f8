#include "core/timeline_merge.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>

namespace debrief::core {
namespace {

std::string EntryRef(int64_t id) { return "entry:" + std::to_string(id); }
std::string EventRef(int64_t id) { return "event:" + std::to_string(id); }

std::string Minutes(Duration duration) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration).count();
  if (seconds % 60 == 0) return std::to_string(seconds / 60) + " min";
  return std::to_string(seconds / 60) + " min " + std::to_string(seconds % 60) + " s";
}

// Union-find over item positions, for grouping.
class Groups {
 public:
  explicit Groups(size_t size) : parent_(size) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t item) {
    while (parent_[item] != item) item = parent_[item] = parent_[parent_[item]];
    return item;
  }
  void Join(size_t first, size_t second) { parent_[Find(first)] = Find(second); }

 private:
  std::vector<size_t> parent_;
};

std::vector<TimelineItem> CollectItems(std::span<const EntryInput> entries,
                                       std::span<const TimelineEvent> events) {
  std::vector<TimelineItem> items;
  items.reserve(entries.size() + events.size());
  for (size_t index = 0; index < events.size(); ++index) {
    const TimelineEvent& event = events[index];
    items.push_back({TimelineItemKind::kEvent, index, EventRef(event.id), EventLane(event.kind),
                     event.at, Duration(0), 0});
  }
  for (size_t index = 0; index < entries.size(); ++index) {
    const EntryInput& input = entries[index];
    Duration uncertainty = std::chrono::minutes(input.entry.uncertainty_minutes.value_or(0));
    items.push_back({TimelineItemKind::kEntry, index, EntryRef(input.entry.id),
                     "participant:" + std::to_string(input.participant_id), input.entry.at,
                     uncertainty, 0});
  }
  // Events before entries at the same instant: the signal usually comes before the reaction.
  std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
    if (a.at != b.at) return a.at < b.at;
    return a.kind == TimelineItemKind::kEvent && b.kind == TimelineItemKind::kEntry;
  });
  return items;
}

void FindDiscrepancies(MergedTimeline& timeline, std::span<const EntryInput> entries,
                       std::span<const TimelineEvent> events,
                       const std::unordered_map<std::string, size_t>& position_of,
                       const TimelineOptions& options, Groups& groups) {
  std::set<std::pair<std::string, std::string>> reported;
  for (size_t position = 0; position < timeline.items.size(); ++position) {
    const TimelineItem& item = timeline.items[position];
    if (item.kind != TimelineItemKind::kEntry) continue;
    const AccountEntry& entry = entries[item.index].entry;
    for (const std::string& ref : entry.same_as) {
      auto other = position_of.find(ref);
      if (other == position_of.end() || other->second == position) continue;
      groups.Join(position, other->second);
      const TimelineItem& linked = timeline.items[other->second];
      auto pair = std::minmax(item.ref, linked.ref);
      if (!reported.insert({pair.first, pair.second}).second) continue;
      Duration difference = item.at > linked.at ? item.at - linked.at : linked.at - item.at;
      Duration allowed = item.uncertainty + linked.uncertainty + options.discrepancy_tolerance;
      if (difference <= allowed) continue;
      timeline.discrepancies.push_back(
          {DiscrepancyKind::kTimesDisagree, item.ref, linked.ref, difference, allowed,
           item.ref + " and " + linked.ref + " describe the same moment but are " +
               Minutes(difference) + " apart, more than their stated uncertainty allows (" +
               Minutes(allowed) + ")"});
    }
    for (int64_t event_id : entry.seen_event_ids) {
      auto other = position_of.find(EventRef(event_id));
      if (other == position_of.end()) continue;
      const TimelineEvent& event = events[timeline.items[other->second].index];
      Timestamp latest = entry.at + item.uncertainty + options.discrepancy_tolerance;
      if (event.at <= latest) continue;
      Duration difference = event.at - entry.at;
      timeline.discrepancies.push_back({DiscrepancyKind::kSeenBeforeItHappened, item.ref,
                                        EventRef(event_id), difference,
                                        item.uncertainty + options.discrepancy_tolerance,
                                        item.ref + " says its author saw " + EventRef(event_id) +
                                            ", which happened " + Minutes(difference) + " later"});
    }
  }
}

void BuildGroups(MergedTimeline& timeline, const TimelineOptions& options, Groups& groups) {
  // Items close in time to the first item of the current run describe the same moment.
  size_t run_start = 0;
  for (size_t position = 1; position < timeline.items.size(); ++position) {
    if (timeline.items[position].at - timeline.items[run_start].at <= options.same_moment_window) {
      groups.Join(position, run_start);
    } else {
      run_start = position;
    }
  }
  std::unordered_map<size_t, size_t> group_of_root;
  for (size_t position = 0; position < timeline.items.size(); ++position) {
    TimelineItem& item = timeline.items[position];
    auto [found, inserted] = group_of_root.try_emplace(groups.Find(position), 0);
    if (inserted) {
      found->second = timeline.groups.size();
      timeline.groups.push_back({item.at, item.at, {}});
    }
    TimelineGroup& group = timeline.groups[found->second];
    group.start = std::min(group.start, item.at);
    group.end = std::max(group.end, item.at);
    group.refs.push_back(item.ref);
    item.group = found->second;
  }
}

void FindGaps(MergedTimeline& timeline, const Incident& incident, const TimelineOptions& options) {
  if (timeline.items.empty() && !incident.started_at) return;
  Timestamp window_start = incident.started_at.value_or(timeline.items.front().at);
  std::optional<Timestamp> window_end = incident.resolved_at;
  if (!window_end) window_end = incident.mitigated_at;
  if (!window_end && !timeline.items.empty()) window_end = timeline.items.back().at;
  if (!window_end || *window_end <= window_start) return;

  std::vector<std::pair<Timestamp, Timestamp>> covered;
  covered.reserve(timeline.items.size());
  for (const TimelineItem& item : timeline.items) {
    covered.emplace_back(item.at - item.uncertainty, item.at + item.uncertainty);
  }
  std::sort(covered.begin(), covered.end());
  Timestamp reached = window_start;
  auto note_gap = [&](Timestamp until) {
    until = std::min(until, *window_end);
    if (until - reached > options.gap_threshold) timeline.gaps.push_back({reached, until});
  };
  for (const auto& [from, to] : covered) {
    if (from > reached) note_gap(from);
    reached = std::max(reached, to);
    if (reached >= *window_end) return;
  }
  note_gap(*window_end);
}

}  // namespace

std::string_view ToString(DiscrepancyKind kind) {
  switch (kind) {
    case DiscrepancyKind::kTimesDisagree:
      return "times_disagree";
    case DiscrepancyKind::kSeenBeforeItHappened:
      return "seen_before_it_happened";
  }
  return "?";
}

std::string EventLane(EventKind kind) {
  switch (kind) {
    case EventKind::kAlert:
      return "alerts";
    case EventKind::kChange:
      return "changes";
    case EventKind::kCommunication:
      return "chat";
    default:
      return "events";
  }
}

IncidentMetrics ComputeMetrics(const Incident& incident) {
  IncidentMetrics metrics;
  if (!incident.started_at) return metrics;
  auto since_start = [&](const std::optional<Timestamp>& moment) -> std::optional<Duration> {
    if (!moment) return std::nullopt;
    return *moment - *incident.started_at;
  };
  metrics.time_to_detect = since_start(incident.detected_at);
  metrics.time_to_mitigate = since_start(incident.mitigated_at);
  metrics.time_to_resolve = since_start(incident.resolved_at);
  return metrics;
}

MergedTimeline MergeTimeline(const Incident& incident, std::span<const EntryInput> entries,
                             std::span<const TimelineEvent> events,
                             const TimelineOptions& options) {
  MergedTimeline timeline;
  timeline.items = CollectItems(entries, events);
  std::unordered_map<std::string, size_t> position_of;
  position_of.reserve(timeline.items.size());
  for (size_t position = 0; position < timeline.items.size(); ++position) {
    position_of.emplace(timeline.items[position].ref, position);
  }
  Groups groups(timeline.items.size());
  FindDiscrepancies(timeline, entries, events, position_of, options, groups);
  BuildGroups(timeline, options, groups);
  FindGaps(timeline, incident, options);
  timeline.metrics = ComputeMetrics(incident);
  return timeline;
}

std::vector<bool> KnownAt(const MergedTimeline& timeline, std::span<const EntryInput> entries,
                          std::span<const TimelineEvent> events, int64_t participant_id,
                          Timestamp at) {
  std::set<int64_t> seen_by_participant;
  for (const EntryInput& input : entries) {
    if (input.participant_id != participant_id || input.entry.at > at) continue;
    seen_by_participant.insert(input.entry.seen_event_ids.begin(),
                               input.entry.seen_event_ids.end());
  }
  std::string participant_audience = "participant:" + std::to_string(participant_id);
  std::vector<bool> known(timeline.items.size(), false);
  for (size_t position = 0; position < timeline.items.size(); ++position) {
    const TimelineItem& item = timeline.items[position];
    if (item.at > at) continue;
    if (item.kind == TimelineItemKind::kEntry) {
      known[position] = entries[item.index].participant_id == participant_id;
      continue;
    }
    const TimelineEvent& event = events[item.index];
    bool visible = event.visible_to.empty() || seen_by_participant.contains(event.id);
    for (const std::string& audience : event.visible_to) {
      visible = visible || audience == "all" || audience == participant_audience;
    }
    known[position] = visible;
  }
  return known;
}

}  // namespace debrief::core
