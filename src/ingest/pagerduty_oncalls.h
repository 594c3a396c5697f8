// PagerDuty on-calls (the REST API's `GET /oncalls`, its documented shape): who was on call for
// which escalation policy and schedule, from when until when. Read as spans of people, whom the
// caller places in the audience the rotation answered for ("receiver:payments-oncall"): an alert
// that reached that audience reached whoever was on call then.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "ingest/event_source.h"

namespace debrief::ingest {

struct OnCallLimits {
  size_t max_bytes = 8 * 1024 * 1024;
  size_t max_entries = 10'000;
};

struct OnCalls {
  std::vector<AudienceSpan> spans;  // Audience and source left empty, for the caller to set.
  // Entries of a later escalation level: paged only when the first did not answer, so not
  // whom the audience reached. Left out.
  size_t later_levels = 0;
};

// `{"oncalls": [...]}` as the API answers, or the bare array. Each entry needs a user (with a
// `summary` name, an `email` when the API was asked to include users, or a `name`) and may
// leave `start` or `end` null (always on call); an entry without `escalation_level` counts as
// the first. A malformed document is kInvalidArgument naming the entry.
core::Result<OnCalls> ReadPagerDutyOnCalls(std::string_view json, const OnCallLimits& limits = {});

}  // namespace debrief::ingest
