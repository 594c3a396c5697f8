#include "core/timeline_merge.h"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <set>
#include <tuple>
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
  // The order is found on small keys, and each item is made once in its place: sorting the
  // items themselves would move their strings around a hundred thousand times over.
  struct Key {
    Timestamp at;
    bool is_entry;
    size_t index;
  };
  // Events and entries are ordered apart, then merged: events come in id order, which for
  // imported ones is nearly always time order already, so checking costs one pass where sorting
  // a hundred thousand keys cost a tenth of the merge (and fell back to heapsort on such runs).
  auto earlier = [](const Key& a, const Key& b) {
    return a.at != b.at ? a.at < b.at : a.index < b.index;
  };
  std::vector<Key> event_keys;
  event_keys.reserve(events.size());
  for (size_t index = 0; index < events.size(); ++index) {
    event_keys.push_back({events[index].at, false, index});
  }
  if (!std::is_sorted(event_keys.begin(), event_keys.end(), earlier)) {
    std::sort(event_keys.begin(), event_keys.end(), earlier);
  }
  std::vector<Key> entry_keys;
  entry_keys.reserve(entries.size());
  for (size_t index = 0; index < entries.size(); ++index) {
    entry_keys.push_back({entries[index].entry.at, true, index});
  }
  std::sort(entry_keys.begin(), entry_keys.end(), earlier);
  // Events before entries at the same instant: the signal usually comes before the reaction.
  // Ties beyond that keep their order (events, then entries, each as given): std::merge takes
  // from the first range on a tie.
  std::vector<Key> keys(event_keys.size() + entry_keys.size());
  std::merge(event_keys.begin(), event_keys.end(), entry_keys.begin(), entry_keys.end(),
             keys.begin(), [](const Key& a, const Key& b) { return a.at < b.at; });
  std::vector<TimelineItem> items;
  items.reserve(keys.size());
  for (const Key& key : keys) {
    if (!key.is_entry) {
      const TimelineEvent& event = events[key.index];
      items.push_back({TimelineItemKind::kEvent, key.index, EventRef(event.id),
                       EventLane(event.kind), event.at, Duration(0), 0});
      continue;
    }
    const EntryInput& input = entries[key.index];
    Duration uncertainty = std::chrono::minutes(input.entry.uncertainty_minutes.value_or(0));
    items.push_back({TimelineItemKind::kEntry, key.index, EntryRef(input.entry.id),
                     "participant:" + std::to_string(input.participant_id), input.entry.at,
                     uncertainty, 0});
  }
  return items;
}

// Where each entry and event landed in the merged order, found by id for the links entries
// make ("same as", "saw"). Positions come from one pass over the items; ids are mapped only when
// some entry links to something, and by number, not by ref text: an incident may hold a hundred
// thousand events that no entry names.
class ItemPositions {
 public:
  ItemPositions(const MergedTimeline& timeline, std::span<const EntryInput> entries,
                std::span<const TimelineEvent> events)
      : event_positions_(events.size()), entry_positions_(entries.size()) {
    for (size_t position = 0; position < timeline.items.size(); ++position) {
      const TimelineItem& item = timeline.items[position];
      (item.kind == TimelineItemKind::kEvent ? event_positions_ : entry_positions_)[item.index] =
          position;
    }
    bool linked = std::any_of(entries.begin(), entries.end(), [](const EntryInput& input) {
      return !input.entry.same_as.empty() || !input.entry.seen_event_ids.empty();
    });
    if (!linked) return;
    for (size_t index = 0; index < events.size(); ++index)
      event_index_.emplace(events[index].id, index);
    for (size_t index = 0; index < entries.size(); ++index) {
      entry_index_.emplace(entries[index].entry.id, index);
    }
  }

  std::optional<size_t> OfEvent(int64_t id) const {
    return Find(event_index_, event_positions_, id);
  }
  // "entry:12" or "event:7".
  std::optional<size_t> OfRef(std::string_view ref) const {
    for (auto [prefix, index, positions] :
         {std::tuple{std::string_view("entry:"), &entry_index_, &entry_positions_},
          std::tuple{std::string_view("event:"), &event_index_, &event_positions_}}) {
      if (!ref.starts_with(prefix)) continue;
      int64_t id = 0;
      std::string_view digits = ref.substr(prefix.size());
      auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
      if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
      return Find(*index, *positions, id);
    }
    return std::nullopt;
  }

 private:
  static std::optional<size_t> Find(const std::unordered_map<int64_t, size_t>& index,
                                    const std::vector<size_t>& positions, int64_t id) {
    auto found = index.find(id);
    if (found == index.end()) return std::nullopt;
    return positions[found->second];
  }

  std::vector<size_t> event_positions_;              // By index into the events.
  std::vector<size_t> entry_positions_;              // By index into the entries.
  std::unordered_map<int64_t, size_t> event_index_;  // Event id → index.
  std::unordered_map<int64_t, size_t> entry_index_;  // Entry id → index.
};

void FindDiscrepancies(MergedTimeline& timeline, std::span<const EntryInput> entries,
                       std::span<const TimelineEvent> events, const ItemPositions& positions,
                       const TimelineOptions& options, Groups& groups) {
  std::set<std::pair<std::string, std::string>> reported;
  for (size_t position = 0; position < timeline.items.size(); ++position) {
    const TimelineItem& item = timeline.items[position];
    if (item.kind != TimelineItemKind::kEntry) continue;
    const AccountEntry& entry = entries[item.index].entry;
    for (const std::string& ref : entry.same_as) {
      std::optional<size_t> other = positions.OfRef(ref);
      if (!other || *other == position) continue;
      groups.Join(position, *other);
      const TimelineItem& linked = timeline.items[*other];
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
      std::optional<size_t> other = positions.OfEvent(event_id);
      if (!other) continue;
      const TimelineEvent& event = events[timeline.items[*other].index];
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
  ItemPositions positions(timeline, entries, events);
  Groups groups(timeline.items.size());
  FindDiscrepancies(timeline, entries, events, positions, options, groups);
  BuildGroups(timeline, options, groups);
  FindGaps(timeline, incident, options);
  timeline.metrics = ComputeMetrics(incident);
  return timeline;
}

}  // namespace debrief::core
