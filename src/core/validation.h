// The rules every entity must satisfy before it is stored, reported per field so that a form can
// show each message next to its input. Length and type limits are checked by the JSON codec from
// the schema; these are the rules about meaning (required fields, time order, states).
#pragma once

#include <string>
#include <vector>

#include "core/account.h"
#include "core/action_item.h"
#include "core/contributing_factor.h"
#include "core/decision_point.h"
#include "core/incident.h"
#include "core/lesson.h"
#include "core/participant.h"
#include "core/result.h"
#include "core/timeline_event.h"
#include "core/work_as_done.h"

namespace debrief::core {

// The configurable severity scale, most severe first. The default is SEV1..SEV4.
struct SeverityScale {
  std::vector<std::string> levels = {"SEV1", "SEV2", "SEV3", "SEV4"};
  bool Contains(std::string_view level) const;
};

Result<void> Validate(const Incident& incident, const SeverityScale& scale);
Result<void> Validate(const Participant& participant);
Result<void> Validate(const Account& account);
Result<void> Validate(const AccountEntry& entry);
Result<void> Validate(const TimelineEvent& event);
Result<void> Validate(const DecisionPoint& decision);
Result<void> Validate(const ContributingFactor& factor);
Result<void> Validate(const WorkAsDone& work);
Result<void> Validate(const ActionItem& action);
Result<void> Validate(const Lesson& lesson);

// Whether a piece of text is blank (empty or only white space).
bool IsBlank(std::string_view text);

// Whether `url` is a web address safe to show as a link: http:// or https:// (in any case)
// followed by a host, with no spaces, control characters or backslashes anywhere. Everything else
// ("javascript:", "data:", "//host", "http:/x") is refused on input and shown as text on output.
bool IsSafeLink(std::string_view url);

}  // namespace debrief::core
