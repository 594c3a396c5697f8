#include "core/validation.h"

#include <algorithm>
#include <set>
#include <type_traits>

namespace debrief::core {
namespace {

class Violations {
 public:
  void Require(bool ok, std::string_view field, std::string message) {
    if (!ok) list_.push_back({std::string(field), std::move(message)});
  }
  void RequireText(std::string_view text, std::string_view field) {
    Require(!IsBlank(text), field, std::string(field) + " is required");
  }
  // Rejects `later` before `earlier`, naming both fields.
  void RequireOrder(const std::optional<Timestamp>& earlier, std::string_view earlier_field,
                    const std::optional<Timestamp>& later, std::string_view later_field) {
    if (earlier && later && *later < *earlier) {
      Require(false, later_field,
              std::string(later_field) + " (" + FormatRfc3339(*later) + ") is before " +
                  std::string(earlier_field) + " (" + FormatRfc3339(*earlier) + ")");
    }
  }
  void RequireDistinct(const std::vector<std::string>& values, std::string_view field) {
    std::set<std::string_view> seen;
    for (const std::string& value : values) {
      RequireText(value, field);
      Require(seen.insert(value).second, field,
              std::string(field) + " lists \"" + value + "\" twice");
    }
  }
  void RequirePositiveIds(const std::vector<int64_t>& ids, std::string_view field) {
    for (int64_t id : ids) {
      Require(id > 0, field, std::string(field) + " must hold positive ids");
    }
  }
  // Every field the schema marks as a link must hold safe web addresses only.
  template <class T>
  void RequireSafeLinks(const T& record) {
    ForEachField<T>([&](const auto& field) {
      if (!field.link) return;
      const auto& value = record.*(field.member);
      using Value = std::decay_t<decltype(value)>;
      auto check = [&](const std::string& url) {
        Require(IsSafeLink(url), field.name,
                std::string(field.name) +
                    " must hold web addresses that start with https:// or http://, not \"" +
                    url.substr(0, 80) + "\"");
      };
      if constexpr (std::is_same_v<Value, std::string>) {
        if (!value.empty()) check(value);
      } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
        for (const std::string& url : value) check(url);
      }
    });
  }
  Result<void> Finish() {
    if (list_.empty()) return Ok();
    return Error::Invalid(std::move(list_));
  }

 private:
  std::vector<FieldViolation> list_;
};

bool IsTimelineRef(std::string_view ref) {
  for (std::string_view prefix : {"entry:", "event:"}) {
    if (ref.starts_with(prefix)) {
      std::string_view digits = ref.substr(prefix.size());
      return !digits.empty() && digits.size() < 19 &&
             std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    }
  }
  return false;
}

}  // namespace

bool SeverityScale::Contains(std::string_view level) const {
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

bool IsSafeLink(std::string_view url) {
  auto lower_starts_with = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t index = 0; index < prefix.size(); ++index) {
      char c = url[index];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[index]) return false;
    }
    return true;
  };
  size_t scheme = lower_starts_with("https://") ? 8 : lower_starts_with("http://") ? 7 : 0;
  if (scheme == 0 || url.size() == scheme) return false;
  char first = url[scheme];
  if (first == '/' || first == '?' || first == '#' || first == '@' || first == ':') return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F || c == '\\' || c == '"' || c == '<' || c == '>';
  });
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

Result<void> Validate(const Incident& incident, const SeverityScale& scale) {
  Violations violations;
  violations.RequireText(incident.title, "title");
  std::string levels;
  for (const std::string& level : scale.levels) levels += (levels.empty() ? "" : ", ") + level;
  violations.Require(scale.Contains(incident.severity), "severity",
                     "severity must be one of: " + levels);
  violations.RequireDistinct(incident.services, "services");
  violations.RequireDistinct(incident.tags, "tags");
  violations.RequireOrder(incident.started_at, "started_at", incident.detected_at, "detected_at");
  violations.RequireOrder(incident.started_at, "started_at", incident.mitigated_at, "mitigated_at");
  violations.RequireOrder(incident.detected_at, "detected_at", incident.mitigated_at,
                          "mitigated_at");
  violations.RequireOrder(incident.started_at, "started_at", incident.resolved_at, "resolved_at");
  violations.RequireOrder(incident.mitigated_at, "mitigated_at", incident.resolved_at,
                          "resolved_at");
  violations.RequireOrder(incident.detected_at, "detected_at", incident.resolved_at, "resolved_at");
  if (incident.status == IncidentStatus::kResolved) {
    violations.Require(incident.resolved_at.has_value(), "resolved_at",
                       "resolved_at is required when status is resolved");
  }
  if (incident.status == IncidentStatus::kMitigated) {
    violations.Require(incident.mitigated_at.has_value(), "mitigated_at",
                       "mitigated_at is required when status is mitigated");
  }
  if (incident.review_status != ReviewStatus::kNone) {
    violations.Require(incident.status == IncidentStatus::kResolved, "review_status",
                       "a review starts once the incident is resolved");
  }
  if (incident.facilitator_id) {
    violations.Require(*incident.facilitator_id > 0, "facilitator_id",
                       "facilitator_id must be a user id");
  }
  return violations.Finish();
}

Result<void> Validate(const Participant& participant) {
  Violations violations;
  violations.RequireText(participant.name, "name");
  if (participant.user_id) {
    violations.Require(*participant.user_id > 0, "user_id", "user_id must be a user id");
  }
  violations.RequireSafeLinks(participant);
  return violations.Finish();
}

Result<void> Validate(const Account&) { return Ok(); }

Result<void> Validate(const AccountEntry& entry) {
  Violations violations;
  violations.Require(entry.at != Timestamp{}, "at", "at is required");
  if (entry.uncertainty_minutes) {
    violations.Require(*entry.uncertainty_minutes >= 0 && *entry.uncertainty_minutes <= 24 * 60,
                       "uncertainty_minutes",
                       "uncertainty_minutes must be between 0 and 1440 (a day)");
  }
  violations.Require(!IsBlank(entry.did) || !IsBlank(entry.saw) || !IsBlank(entry.expected) ||
                         !IsBlank(entry.assumed) || !IsBlank(entry.looking_at),
                     "did",
                     "an entry needs at least one of did, saw, expected, assumed or looking_at");
  for (const std::string& ref : entry.same_as) {
    violations.Require(IsTimelineRef(ref), "same_as",
                       "same_as items look like \"entry:12\" or \"event:7\", not \"" + ref + "\"");
  }
  violations.RequirePositiveIds(entry.seen_event_ids, "seen_event_ids");
  violations.RequireSafeLinks(entry);
  return violations.Finish();
}

Result<void> Validate(const TimelineEvent& event) {
  Violations violations;
  violations.Require(event.at != Timestamp{}, "at", "at is required");
  violations.RequireText(event.text, "text");
  violations.Require(event.source == "manual" || event.source.starts_with("import:") ||
                         event.source.starts_with("account:"),
                     "source",
                     "source must be \"manual\", \"import:<source>:<id>\" or "
                     "\"account:<id>#<entry>\"");
  violations.RequireSafeLinks(event);
  return violations.Finish();
}

Result<void> Validate(const DecisionPoint& decision) {
  Violations violations;
  violations.Require(decision.at != Timestamp{}, "at", "at is required");
  violations.RequireText(decision.situation, "situation");
  violations.RequireText(decision.choice, "choice");
  violations.RequirePositiveIds(decision.seen_event_ids, "seen_event_ids");
  violations.RequireSafeLinks(decision);
  return violations.Finish();
}

Result<void> Validate(const ContributingFactor& factor) {
  Violations violations;
  violations.RequireText(factor.text, "text");
  violations.RequireSafeLinks(factor);
  return violations.Finish();
}

Result<void> Validate(const WorkAsDone& work) {
  Violations violations;
  violations.RequireText(work.procedure, "procedure");
  violations.Require(!IsBlank(work.prescribed) || !IsBlank(work.done), "done",
                     "describe what the procedure prescribes or what was done");
  violations.RequireSafeLinks(work);
  return violations.Finish();
}

Result<void> Validate(const ActionItem& action) {
  Violations violations;
  violations.RequireText(action.title, "title");
  if (action.status == ActionStatus::kWontDo) {
    violations.RequireText(action.wont_do_reason, "wont_do_reason");
  }
  violations.RequirePositiveIds(action.factor_ids, "factor_ids");
  violations.RequireSafeLinks(action);
  return violations.Finish();
}

Result<void> Validate(const Lesson& lesson) {
  Violations violations;
  violations.RequireText(lesson.title, "title");
  violations.RequirePositiveIds(lesson.author_ids, "author_ids");
  violations.RequireSafeLinks(lesson);
  return violations.Finish();
}

}  // namespace debrief::core
