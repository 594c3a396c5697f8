// The merged timeline: every released account entry and every event of an incident on one time
// axis, with the moments people describe grouped, their disagreements and the unrecorded
// stretches flagged, and the incident's key durations. Pure: the caller decides which accounts
// the reader may see and passes only those in.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/incident.h"
#include "core/time.h"
#include "core/timeline_event.h"

namespace debrief::core {

struct TimelineOptions {
  // Items this close to the first item of a group describe the same moment.
  Duration same_moment_window = std::chrono::minutes(1);
  // Slack allowed on top of the stated uncertainties before linked items count as disagreeing;
  // people round to the minute.
  Duration discrepancy_tolerance = std::chrono::minutes(1);
  // A stretch of the incident longer than this with nothing recorded is a gap.
  // Ten minutes: long enough to skip the pauses of a busy response, short enough that a quiet
  // stretch prompts "what was happening here?" while memories are fresh.
  Duration gap_threshold = std::chrono::minutes(10);
};

// An account entry together with whose account it belongs to.
struct EntryInput {
  int64_t participant_id = 0;
  int64_t account_id = 0;
  AccountEntry entry;
};

enum class TimelineItemKind { kEntry, kEvent };

struct TimelineItem {
  TimelineItemKind kind = TimelineItemKind::kEvent;
  size_t index = 0;  // Into the entries or the events passed to MergeTimeline.
  std::string ref;   // "entry:12" or "event:7".
  std::string lane;  // "participant:3", or "alerts", "changes", "chat", "events".
  Timestamp at{};
  Duration uncertainty{0};
  size_t group = 0;  // Index into MergedTimeline::groups.
};

struct TimelineGroup {
  Timestamp start{};
  Timestamp end{};
  std::vector<std::string> refs;
};

enum class DiscrepancyKind {
  // Items linked as "same as" whose times differ beyond their uncertainty.
  kTimesDisagree,
  // An entry says its author saw an event before the event happened.
  kSeenBeforeItHappened,
};

struct Discrepancy {
  DiscrepancyKind kind = DiscrepancyKind::kTimesDisagree;
  std::string first_ref;
  std::string second_ref;
  Duration difference{0};
  Duration allowed{0};
  std::string explanation;
};

struct Gap {
  Timestamp from{};
  Timestamp to{};
  Duration length() const { return to - from; }
};

struct IncidentMetrics {
  std::optional<Duration> time_to_detect;    // detected_at - started_at
  std::optional<Duration> time_to_mitigate;  // mitigated_at - started_at
  std::optional<Duration> time_to_resolve;   // resolved_at - started_at
};

struct MergedTimeline {
  std::vector<TimelineItem> items;  // In time order.
  std::vector<TimelineGroup> groups;
  std::vector<Discrepancy> discrepancies;
  std::vector<Gap> gaps;
  IncidentMetrics metrics;
};

std::string_view ToString(DiscrepancyKind kind);

// The lane an event is drawn in, by its kind.
std::string EventLane(EventKind kind);

IncidentMetrics ComputeMetrics(const Incident& incident);

MergedTimeline MergeTimeline(const Incident& incident, std::span<const EntryInput> entries,
                             std::span<const TimelineEvent> events,
                             const TimelineOptions& options = {});

}  // namespace debrief::core
