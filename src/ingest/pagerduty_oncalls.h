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

// `{"oncalls": [...]}` as the API answers, or the bare array. Each entry needs a user (with a
// `summary` name, an `email` when the API was asked to include users, or a `name`) and may
// leave `start` or `end` null (always on call). The spans' audience and source are left empty
// for the caller to set. A malformed document is kInvalidArgument naming the entry.
core::Result<std::vector<AudienceSpan>> ReadPagerDutyOnCalls(std::string_view json,
                                                             const OnCallLimits& limits = {});

}  // namespace debrief::ingest
