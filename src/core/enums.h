// Every enumeration of the domain, each with its one spelling. ToString and ParseEnum are shared
// by the JSON codecs and both store adapters, so a status is spelled one way everywhere.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace debrief::core {

enum class IncidentStatus { kInvestigating, kMitigated, kResolved };
// What happened: an incident, or a near miss (harm that did not happen, reviewed for what made
// it not happen as much as for what nearly did).
enum class IncidentKind { kIncident, kNearMiss };
// The review's workflow (core/review_workflow.h has its transitions).
enum class ReviewStatus {
  kNone,
  kDrafting,
  kInReview,
  kApproved,
  kChangesRequested,
  kPublished,
  kReopened,
};
// A named reviewer's answer in the current round of review.
enum class ReviewDecision { kPending, kApproved, kChangesRequested };
enum class ParticipantRole {
  kOnCall,
  kIncidentCommander,
  kResponder,
  kSubjectMatterExpert,
  kSupport,
  kObserver,
};
// Who can read an account. kWithdrawn is an author's choice to take the account out of the
// review; it is readable by its author alone, like kPrivate.
enum class AccountVisibility { kPrivate, kShared, kInReview, kWithdrawn };
enum class EventKind {
  kAlert,
  kAction,
  kObservation,
  kDecision,
  kCommunication,
  kChange,
  kImpact,
  kOther,
};
enum class FactorCategory {
  kDetectionMonitoring,
  kToolingAutomation,
  kChangeProcess,
  kDocumentationRunbooks,
  kCommunicationCoordination,
  kCapacity,
  kDependencies,
  kDesign,
  kKnowledgeTraining,
  kOrganisationalPressure,
  kOther,
};
enum class ActionStatus { kOpen, kInProgress, kDone, kWontDo };
enum class ActionKind { kPrevent, kDetect, kMitigate, kProcess, kLearning };
enum class ActionPriority { kLow, kMedium, kHigh, kUrgent };
enum class Role { kViewer, kMember, kAdmin };
enum class DeliveryStatus { kPending, kDelivered, kFailed };
// What a person is told about (core/notification.h).
enum class NotificationKind {
  kAddedToIncident,  // You were added to an incident: write your account.
  kReviewRequested,  // You were asked to review.
  kAccountReleased,  // A colleague released their account to you.
  kMentioned,        // A comment mentions you.
  kActionDue,        // Your action item is due today.
  kActionOverdue,    // Your action item is past its due date.
  kReviewOverdue,    // A review you facilitate is past its due date.
};
// Where they are told: in the app's inbox, by e-mail, or in their chat tool.
enum class NotificationChannel { kInApp, kEmail, kChat };
// The incoming-webhook dialect of a person's chat tool.
enum class ChatFormat { kSlack, kMattermost, kTeams };
// A section of the review page and of its export (core/review_template.h orders and shows them).
enum class ReviewSection {
  kSummary,
  kImpact,
  kTimeline,
  kAccounts,
  kDecisions,
  kFactors,
  kWorkAsDone,
  kActions,
  kLessons,
};

template <class E>
struct EnumNames;

#define DEBRIEF_ENUM_NAMES_(Type, ...)                                           \
  template <>                                                                    \
  struct EnumNames<Type> {                                                       \
    static constexpr std::pair<Type, std::string_view> kNames[] = {__VA_ARGS__}; \
  }

DEBRIEF_ENUM_NAMES_(IncidentKind, {IncidentKind::kIncident, "incident"},
                    {IncidentKind::kNearMiss, "near_miss"});
DEBRIEF_ENUM_NAMES_(IncidentStatus, {IncidentStatus::kInvestigating, "investigating"},
                    {IncidentStatus::kMitigated, "mitigated"},
                    {IncidentStatus::kResolved, "resolved"});
DEBRIEF_ENUM_NAMES_(ReviewStatus, {ReviewStatus::kNone, "none"},
                    {ReviewStatus::kDrafting, "drafting"}, {ReviewStatus::kInReview, "in_review"},
                    {ReviewStatus::kApproved, "approved"},
                    {ReviewStatus::kChangesRequested, "changes_requested"},
                    {ReviewStatus::kPublished, "published"}, {ReviewStatus::kReopened, "reopened"});
DEBRIEF_ENUM_NAMES_(ReviewDecision, {ReviewDecision::kPending, "pending"},
                    {ReviewDecision::kApproved, "approved"},
                    {ReviewDecision::kChangesRequested, "changes_requested"});
DEBRIEF_ENUM_NAMES_(ParticipantRole, {ParticipantRole::kOnCall, "on_call"},
                    {ParticipantRole::kIncidentCommander, "incident_commander"},
                    {ParticipantRole::kResponder, "responder"},
                    {ParticipantRole::kSubjectMatterExpert, "subject_matter_expert"},
                    {ParticipantRole::kSupport, "support"},
                    {ParticipantRole::kObserver, "observer"});
DEBRIEF_ENUM_NAMES_(AccountVisibility, {AccountVisibility::kPrivate, "private"},
                    {AccountVisibility::kShared, "shared"},
                    {AccountVisibility::kInReview, "in_review"},
                    {AccountVisibility::kWithdrawn, "withdrawn"});
DEBRIEF_ENUM_NAMES_(EventKind, {EventKind::kAlert, "alert"}, {EventKind::kAction, "action"},
                    {EventKind::kObservation, "observation"}, {EventKind::kDecision, "decision"},
                    {EventKind::kCommunication, "communication"}, {EventKind::kChange, "change"},
                    {EventKind::kImpact, "impact"}, {EventKind::kOther, "other"});
DEBRIEF_ENUM_NAMES_(FactorCategory, {FactorCategory::kDetectionMonitoring, "detection_monitoring"},
                    {FactorCategory::kToolingAutomation, "tooling_automation"},
                    {FactorCategory::kChangeProcess, "change_process"},
                    {FactorCategory::kDocumentationRunbooks, "documentation_runbooks"},
                    {FactorCategory::kCommunicationCoordination, "communication_coordination"},
                    {FactorCategory::kCapacity, "capacity"},
                    {FactorCategory::kDependencies, "dependencies"},
                    {FactorCategory::kDesign, "design"},
                    {FactorCategory::kKnowledgeTraining, "knowledge_training"},
                    {FactorCategory::kOrganisationalPressure, "organisational_pressure"},
                    {FactorCategory::kOther, "other"});
DEBRIEF_ENUM_NAMES_(ActionStatus, {ActionStatus::kOpen, "open"},
                    {ActionStatus::kInProgress, "in_progress"}, {ActionStatus::kDone, "done"},
                    {ActionStatus::kWontDo, "wont_do"});
DEBRIEF_ENUM_NAMES_(ActionKind, {ActionKind::kPrevent, "prevent"}, {ActionKind::kDetect, "detect"},
                    {ActionKind::kMitigate, "mitigate"}, {ActionKind::kProcess, "process"},
                    {ActionKind::kLearning, "learning"});
DEBRIEF_ENUM_NAMES_(ActionPriority, {ActionPriority::kLow, "low"},
                    {ActionPriority::kMedium, "medium"}, {ActionPriority::kHigh, "high"},
                    {ActionPriority::kUrgent, "urgent"});
DEBRIEF_ENUM_NAMES_(Role, {Role::kViewer, "viewer"}, {Role::kMember, "member"},
                    {Role::kAdmin, "admin"});
DEBRIEF_ENUM_NAMES_(DeliveryStatus, {DeliveryStatus::kPending, "pending"},
                    {DeliveryStatus::kDelivered, "delivered"}, {DeliveryStatus::kFailed, "failed"});
DEBRIEF_ENUM_NAMES_(NotificationKind, {NotificationKind::kAddedToIncident, "added_to_incident"},
                    {NotificationKind::kReviewRequested, "review_requested"},
                    {NotificationKind::kAccountReleased, "account_released"},
                    {NotificationKind::kMentioned, "mentioned"},
                    {NotificationKind::kActionDue, "action_due"},
                    {NotificationKind::kActionOverdue, "action_overdue"},
                    {NotificationKind::kReviewOverdue, "review_overdue"});
DEBRIEF_ENUM_NAMES_(NotificationChannel, {NotificationChannel::kInApp, "in_app"},
                    {NotificationChannel::kEmail, "email"}, {NotificationChannel::kChat, "chat"});
DEBRIEF_ENUM_NAMES_(ChatFormat, {ChatFormat::kSlack, "slack"},
                    {ChatFormat::kMattermost, "mattermost"}, {ChatFormat::kTeams, "teams"});
DEBRIEF_ENUM_NAMES_(ReviewSection, {ReviewSection::kSummary, "summary"},
                    {ReviewSection::kImpact, "impact"}, {ReviewSection::kTimeline, "timeline"},
                    {ReviewSection::kAccounts, "accounts"},
                    {ReviewSection::kDecisions, "decisions"}, {ReviewSection::kFactors, "factors"},
                    {ReviewSection::kWorkAsDone, "work_as_done"},
                    {ReviewSection::kActions, "actions"}, {ReviewSection::kLessons, "lessons"});

#undef DEBRIEF_ENUM_NAMES_

template <class E>
concept DomainEnum = requires {
  EnumNames<E>::kNames;
};

template <DomainEnum E>
constexpr std::string_view ToString(E value) {
  for (const auto& [candidate, name] : EnumNames<E>::kNames) {
    if (candidate == value) return name;
  }
  return "?";
}

template <DomainEnum E>
constexpr std::optional<E> ParseEnum(std::string_view text) {
  for (const auto& [candidate, name] : EnumNames<E>::kNames) {
    if (name == text) return candidate;
  }
  return std::nullopt;
}

// "one of: a, b, c" for error messages.
template <DomainEnum E>
std::string AllowedValues() {
  std::string text = "one of: ";
  bool first = true;
  for (const auto& [candidate, name] : EnumNames<E>::kNames) {
    if (!first) text += ", ";
    text += name;
    first = false;
  }
  return text;
}

}  // namespace debrief::core
