#include "http/openapi/record_schemas.h"

#include "core/account.h"
#include "core/action_item.h"
#include "core/alert_hook.h"
#include "core/contributing_factor.h"
#include "core/decision_point.h"
#include "core/incident.h"
#include "core/lesson.h"
#include "core/participant.h"
#include "core/review.h"
#include "core/review_template.h"
#include "core/timeline_event.h"
#include "core/user.h"
#include "core/webhook.h"
#include "core/work_as_done.h"
#include "formats/json/json_schema.h"

namespace debrief::http::openapi {
namespace {

namespace bj = boost::json;
using formats::json::Schema;
using formats::json::SchemaUse;

// Entities written through the API with their own field schema (create and change bodies); the
// others are only read here (their writes take bodies of their own).
enum class Written { kYes, kNo };

template <class T>
void Add(bj::object& schemas, std::string_view name, Written written = Written::kYes) {
  std::string base(name);
  bj::object read = Schema<T>(SchemaUse::kRead);
  // The answer to a write of an incident's record carries the checker's findings in its prose
  // (an empty list when it has none).
  if (formats::json::kIsRecord<T>) {
    read["properties"].as_object()["language_findings"] = {
        {"$ref", "#/components/schemas/Findings"}};
  }
  if (written == Written::kYes) {
    schemas[base + "Create"] = Schema<T>(SchemaUse::kCreate);
    schemas[base + "Patch"] = Schema<T>(SchemaUse::kPatch);
  }
  schemas[base] = std::move(read);
  schemas[base + "List"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"items"}},
      {"properties",
       {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/" + base}}}}}}}};
}

template <core::DomainEnum E>
void AddEnum(bj::object& schemas, std::string_view name) {
  schemas[name] = formats::json::SchemaOf(std::type_identity<E>{});
}

}  // namespace

void AddRecordSchemas(bj::object& schemas) {
  Add<core::Incident>(schemas, "Incident");
  Add<core::Participant>(schemas, "Participant");
  Add<core::Account>(schemas, "Account");
  Add<core::AccountEntry>(schemas, "AccountEntry");
  Add<core::TimelineEvent>(schemas, "TimelineEvent");
  Add<core::DecisionPoint>(schemas, "DecisionPoint");
  Add<core::ContributingFactor>(schemas, "ContributingFactor");
  Add<core::WorkAsDone>(schemas, "WorkAsDone");
  Add<core::ActionItem>(schemas, "ActionItem");
  Add<core::Lesson>(schemas, "Lesson");
  Add<core::ReviewAnswer>(schemas, "ReviewAnswer");
  Add<core::ReviewComment>(schemas, "Comment");
  Add<core::Reviewer>(schemas, "Reviewer", Written::kNo);
  Add<core::User>(schemas, "User", Written::kNo);
  Add<core::Webhook>(schemas, "Webhook");
  Add<core::AlertHook>(schemas, "AlertHook");
  Add<core::ReviewRule>(schemas, "ReviewRule", Written::kNo);
  // The values of the domain's enumerations, each named once for views and clients to share.
  AddEnum<core::Role>(schemas, "Role");
  AddEnum<core::IncidentStatus>(schemas, "IncidentStatus");
  AddEnum<core::ReviewStatus>(schemas, "ReviewStatus");
  AddEnum<core::ParticipantRole>(schemas, "ParticipantRole");
  AddEnum<core::AccountVisibility>(schemas, "AccountVisibility");
  AddEnum<core::EventKind>(schemas, "EventKind");
  AddEnum<core::FactorCategory>(schemas, "FactorCategory");
  AddEnum<core::NotificationKind>(schemas, "NotificationKind");
  AddEnum<core::ChatFormat>(schemas, "ChatFormat");
  AddEnum<core::DeliveryStatus>(schemas, "DeliveryStatus");
  AddEnum<core::ReviewSection>(schemas, "ReviewSection");
}

}  // namespace debrief::http::openapi
