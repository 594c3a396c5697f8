// Account: one participant's own story of the incident, and its entries. Only the author edits
// it; who else may read it follows its visibility (see authorization.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/schema.h"

namespace debrief::core {

struct Account : Record {
  static constexpr std::string_view kCollection = "accounts";
  static constexpr std::string_view kNoun = "account";

  int64_t incident_id = 0;
  int64_t participant_id = 0;
  int64_t author_id = 0;  // The user who writes it; the only one who may change it.
  std::string narrative;  // Markdown.
  AccountVisibility visibility = AccountVisibility::kPrivate;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &Account::incident_id),
        ServerSet("participant_id", &Account::participant_id),
        ServerSet("author_id", &Account::author_id),
        Prose("narrative", &Account::narrative, kLongTextLimit),
        Writable("visibility", &Account::visibility),
    };
  }
};

// One moment of an account: when, with how much certainty, and what the author did, saw,
// expected, assumed and was looking at.
struct AccountEntry : Record {
  static constexpr std::string_view kCollection = "account_entries";
  static constexpr std::string_view kNoun = "entry";

  int64_t incident_id = 0;
  int64_t account_id = 0;
  Timestamp at{};
  // "About 14:05, give or take 5 minutes" is at=14:05, uncertainty_minutes=5.
  std::optional<int64_t> uncertainty_minutes;
  std::string did;
  std::string saw;
  std::string expected;
  std::string assumed;
  std::string looking_at;
  // Timeline items this entry describes ("entry:12", "event:7"): the author says they are the
  // same moment, so their times should agree.
  std::vector<std::string> same_as;
  // Events the author saw or was looking at by this time (alerts, messages, dashboards).
  std::vector<int64_t> seen_event_ids;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &AccountEntry::incident_id),
        ServerSet("account_id", &AccountEntry::account_id),
        Writable("at", &AccountEntry::at),
        Writable("uncertainty_minutes", &AccountEntry::uncertainty_minutes),
        Prose("did", &AccountEntry::did, kLongTextLimit),
        Prose("saw", &AccountEntry::saw, kLongTextLimit),
        Prose("expected", &AccountEntry::expected, kLongTextLimit),
        Prose("assumed", &AccountEntry::assumed, kLongTextLimit),
        Writable("looking_at", &AccountEntry::looking_at, kLongTextLimit),
        Writable("same_as", &AccountEntry::same_as, 40),
        Writable("seen_event_ids", &AccountEntry::seen_event_ids),
    };
  }
};

}  // namespace debrief::core
