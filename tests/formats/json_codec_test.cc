#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/action_item.h"
#include "core/alert_hook.h"
#include "core/incident.h"
#include "core/published_version.h"
#include "core/review.h"
#include "core/timeline_event.h"
#include "core/user.h"
#include "core/webhook.h"
#include "formats/json/json_schema.h"
#include "formats/json/record_json.h"

namespace debrief::formats::json {
namespace {

using ::testing::UnorderedElementsAre;

bj::object Parse(const char* text) { return bj::parse(text).as_object(); }

std::vector<std::string> Fields(const core::Error& error) {
  std::vector<std::string> fields;
  for (const auto& violation : error.violations()) fields.push_back(violation.field);
  return fields;
}

TEST(RecordJson, AppliesKnownFieldsOfEveryType) {
  core::ActionItem action;
  auto applied = Apply(Parse(R"({"title": "Alert on pool wait", "owner_id": 4,
      "due_on": "2026-04-01", "priority": "high", "factor_ids": [1, 2],
      "tracker_url": "https://tracker.example.com/1"})"),
                       ApplyMode::kCreate, action);
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(action.title, "Alert on pool wait");
  EXPECT_EQ(action.owner_id, 4);
  EXPECT_EQ(action.due_on, core::ParseDate("2026-04-01"));
  EXPECT_EQ(action.priority, core::ActionPriority::kHigh);
  EXPECT_THAT(action.factor_ids, ::testing::ElementsAre(1, 2));
}

// Published snapshots outlive the schema that wrote them: a field this release does not know is
// skipped when reading one back, while a backup (a restore must lose nothing) and a request
// naming it are refused.
TEST(RecordJson, StoredRecordsSkipFieldsThisReleaseDoesNotKnow) {
  bj::object stored = Parse(R"({"id": 7, "version": 3, "title": "Page on queue depth",
      "priority": "high", "effort": "small", "links": {"runbook": "x"}})");
  auto decoded = DecodeStored<core::ActionItem>(stored, UnknownFields::kSkip);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded->id, 7);
  EXPECT_EQ(decoded->version, 3);
  EXPECT_EQ(decoded->title, "Page on queue depth");
  EXPECT_EQ(decoded->priority, core::ActionPriority::kHigh);

  auto restored = DecodeStored<core::ActionItem>(stored, UnknownFields::kRefuse);
  ASSERT_FALSE(restored);
  EXPECT_THAT(Fields(restored.error()), UnorderedElementsAre("effort", "links"));

  core::ActionItem requested;
  auto applied = Apply(Parse(R"({"title": "Page on queue depth", "effort": "small"})"),
                       ApplyMode::kCreate, requested);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().field(), "effort");
}

TEST(RecordJson, StoredRecordsStillRefuseAKnownFieldOfTheWrongType) {
  auto decoded = DecodeStored<core::ActionItem>(
      Parse(R"({"title": ["not", "text"], "due_on": "soon", "later_field": 1})"),
      UnknownFields::kSkip);
  ASSERT_FALSE(decoded);
  EXPECT_THAT(Fields(decoded.error()), UnorderedElementsAre("title", "due_on"));
}

// Users, webhooks, alert hooks, review rules and published versions have field schemas too: the
// API shows them without their secrets, a backup keeps the secrets, and both read back whole.
TEST(EntityJson, SecretsAreKeptInBackupsAndNeverShown) {
  core::User user;
  user.id = 7;
  user.email = "priya@example.com";
  user.name = "Priya Raman";
  user.role = core::Role::kAdmin;
  user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  bj::object shown = Encode(user);
  EXPECT_FALSE(shown.contains("password_hash"));
  EXPECT_EQ(shown.at("role"), "admin");
  EXPECT_FALSE(Schema<core::User>().at("properties").as_object().contains("password_hash"));
  bj::object kept = EncodeStored(user);
  EXPECT_EQ(kept.at("password_hash").as_string(), user.password_hash);
  auto restored = DecodeStored<core::User>(kept, UnknownFields::kRefuse);
  ASSERT_TRUE(restored) << restored.error().message();
  EXPECT_EQ(restored->password_hash, user.password_hash);
  EXPECT_EQ(restored->role, core::Role::kAdmin);
  // A request cannot set a secret: it is no field of the API's.
  core::User requested;
  auto applied = Apply(Parse(R"({"password_hash": "x"})"), ApplyMode::kPatch, requested);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().field(), "password_hash");

  core::Webhook webhook;
  webhook.url = "https://hooks.example.com/debrief";
  webhook.secret = "a-long-shared-secret";
  EXPECT_FALSE(Encode(webhook).contains("secret"));
  EXPECT_EQ(EncodeStored(webhook).at("secret"), "a-long-shared-secret");
}

TEST(EntityJson, NestedAndNarrowFieldsRoundTrip) {
  core::AlertHook hook;
  hook.name = "prod";
  hook.token_hash = "ab12";
  hook.routes = {{{"service=~\"check.*\"", "env=prod"}, "INC-2026-0001"},
                 {{"team=payments"}, "INC-2026-0002"}};
  bj::object kept = EncodeStored(hook);
  EXPECT_EQ(kept.at("routes").at(1).at("incident_key"), "INC-2026-0002");
  auto restored = DecodeStored<core::AlertHook>(kept, UnknownFields::kRefuse);
  ASSERT_TRUE(restored) << restored.error().message();
  ASSERT_EQ(restored->routes.size(), 2u);
  EXPECT_EQ(restored->routes[0].matchers, hook.routes[0].matchers);
  EXPECT_EQ(restored->token_hash, "ab12");
  // A route that is not an object, or holds an unknown field, is refused by name.
  kept["routes"] = bj::array{"INC-2026-0001"};
  EXPECT_FALSE(DecodeStored<core::AlertHook>(kept, UnknownFields::kRefuse));

  core::ReviewRule rule;
  rule.severity = "SEV1";
  rule.approvals_required = 2;
  rule.due_business_days = 5;
  auto rule_back = DecodeStored<core::ReviewRule>(EncodeStored(rule), UnknownFields::kRefuse);
  ASSERT_TRUE(rule_back);
  EXPECT_EQ(rule_back->approvals_required, 2);
  EXPECT_EQ(rule_back->due_business_days, 5);
  EXPECT_FALSE(DecodeStored<core::ReviewRule>(Parse(R"({"approvals_required": 4294967296})"),
                                              UnknownFields::kRefuse));

  core::PublishedVersion version;
  version.number = 3;
  version.snapshot = std::string(150'000, 'x');  // Longer than any text a person writes.
  auto version_back =
      DecodeStored<core::PublishedVersion>(EncodeStored(version), UnknownFields::kRefuse);
  ASSERT_TRUE(version_back) << version_back.error().message();
  EXPECT_EQ(version_back->snapshot.size(), 150'000u);
}

TEST(RecordJson, NullClearsOptionalFields) {
  core::ActionItem action;
  action.owner_id = 4;
  ASSERT_TRUE(Apply(Parse(R"({"owner_id": null})"), ApplyMode::kPatch, action));
  EXPECT_FALSE(action.owner_id);
}

TEST(RecordJson, ReportsEveryBadFieldAtOnce) {
  core::Incident incident;
  auto applied = Apply(Parse(R"({"title": 1, "status": "gone", "colour": "red", "id": 3,
      "key": "INC-1", "started_at": "noon", "services": [1]})"),
                       ApplyMode::kCreate, incident);
  ASSERT_FALSE(applied);
  EXPECT_THAT(Fields(applied.error()), UnorderedElementsAre("title", "status", "colour", "id",
                                                            "key", "started_at", "services"));
}

TEST(RecordJson, CreateOnlyFieldsCannotBePatched) {
  core::TimelineEvent event;
  ASSERT_TRUE(Apply(Parse(R"({"source": "import:x:1"})"), ApplyMode::kCreate, event));
  auto patched = Apply(Parse(R"({"source": "manual"})"), ApplyMode::kPatch, event);
  ASSERT_FALSE(patched);
  EXPECT_EQ(patched.error().field(), "source");
}

TEST(RecordJson, InternalFieldsAreNeitherShownNorAccepted) {
  core::ActionItem action;
  action.incident_id = 9;
  bj::object encoded = Encode(action);
  EXPECT_FALSE(encoded.contains("incident_id"));
  EXPECT_TRUE(encoded.contains("version"));
  EXPECT_FALSE(Apply(Parse(R"({"incident_id": 1})"), ApplyMode::kCreate, action));
}

TEST(RecordJson, RejectsOutOfRangeIntegersAndLongText) {
  core::ActionItem action;
  EXPECT_FALSE(Apply(Parse(R"({"owner_id": 18446744073709551615})"), ApplyMode::kCreate, action));
  EXPECT_FALSE(Apply(Parse(R"({"owner_id": 1.5})"), ApplyMode::kCreate, action));
  std::string long_title = R"({"title": ")" + std::string(201, 'x') + R"("})";
  EXPECT_FALSE(Apply(Parse(long_title.c_str()), ApplyMode::kCreate, action));
}

TEST(RecordJson, DiffListsChangedFieldsOnly) {
  bj::object before = Parse(R"({"title": "a", "version": 1, "tags": ["x"], "gone": 1})");
  bj::object after = Parse(R"({"title": "b", "version": 2, "tags": ["x"]})");
  EXPECT_EQ(bj::parse(Diff(before, after)),
            bj::parse(R"({"title": {"from": "a", "to": "b"}, "gone": {"from": 1, "to": null}})"));
}

}  // namespace
}  // namespace debrief::formats::json
