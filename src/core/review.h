// The people and words of a review: named reviewers with their decisions, comments anchored to a
// part of the review, and the rules each severity sets for reviewing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/enums.h"
#include "core/schema.h"

namespace debrief::core {

// A person asked to review the incident. Requesting review again starts a new round: every
// decision goes back to pending.
struct Reviewer : Record {
  static constexpr std::string_view kCollection = "reviewers";
  static constexpr std::string_view kNoun = "reviewer";

  int64_t incident_id = 0;
  int64_t user_id = 0;
  ReviewDecision decision = ReviewDecision::kPending;
  std::optional<Timestamp> decided_at;
  std::string note;  // What the reviewer said with their decision.
  int64_t requested_by = 0;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &Reviewer::incident_id),
        ServerSet("user_id", &Reviewer::user_id),
        ServerSet("decision", &Reviewer::decision),
        ServerSet("decided_at", &Reviewer::decided_at),
        Prose("note", &Reviewer::note, 10'000),
        ServerSet("requested_by", &Reviewer::requested_by),
    };
  }
};

// A comment on the review, anchored to what it is about: "section:summary", "event:12",
// "entry:4" (a moment of an account), "decision:3", "factor:2", "work_as_done:1", "action:5",
// "lesson:6" or "account:7". A reply names the comment it answers.
struct ReviewComment : Record {
  static constexpr std::string_view kCollection = "review_comments";
  static constexpr std::string_view kNoun = "comment";

  int64_t incident_id = 0;
  std::string anchor;
  std::string body;
  bool resolved = false;
  std::optional<int64_t> reply_to;  // A comment id.
  int64_t author_id = 0;            // A user id.

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &ReviewComment::incident_id),
        CreateOnly("anchor", &ReviewComment::anchor),
        Prose("body", &ReviewComment::body, 10'000),
        Writable("resolved", &ReviewComment::resolved),
        CreateOnly("reply_to", &ReviewComment::reply_to),
        ServerSet("author_id", &ReviewComment::author_id),
    };
  }
};

// What reviewing asks of incidents of one severity. Without a rule, a review needs no approval
// and has no due date.
struct ReviewRule {
  std::string severity;
  bool review_required = false;
  int approvals_required = 1;  // Approvals needed before publishing, when review is required.
  // Business days (Monday to Friday) after resolution by which the review should be published.
  std::optional<int> due_business_days;
  int64_t version = 0;

  static constexpr std::string_view kNoun = "review rule";
  static constexpr auto Fields() {
    return std::tuple{
        ServerSet("severity", &ReviewRule::severity),  // From the path: one rule per level.
        Writable("review_required", &ReviewRule::review_required),
        Writable("approvals_required", &ReviewRule::approvals_required),
        Writable("due_business_days", &ReviewRule::due_business_days),
        ServerSet("version", &ReviewRule::version),
    };
  }
};

}  // namespace debrief::core
