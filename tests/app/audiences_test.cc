// Who was in an audience, set by hand: what imports recorded stays, the same person from the
// same moment is kept once, and nothing changes while the review is published or when a
// request is wrong.
#include "app/audiences.h"

#include <gtest/gtest.h>

#include "app/sqlite_store_fixture.h"

namespace debrief::app {
namespace {

class AudiencesTest : public SqliteStoreFixture {
 protected:
  AudiencesTest() : SqliteStoreFixture("audiences") {}

  void SetUp() override {
    SqliteStoreFixture::SetUp();
    core::Principal admin = AddUser("admin@example.com", core::Role::kAdmin);
    change_ = {admin.user_id, "{}"};
    core::Incident incident;
    incident.title = "Checkout 5xx";
    incident.severity = "SEV2";
    incident.created_by = admin.user_id;
    auto created = store_->CreateIncident(incident, change_);
    ASSERT_TRUE(created) << created.error().message();
    incident_ = *created;
    for (const char* name : {"Priya Raman", "Omar Haddad"}) {
      core::Participant participant;
      participant.incident_id = incident_.id;
      participant.name = name;
      auto added = store_->participants().Insert(participant, change_);
      ASSERT_TRUE(added);
      ids_.push_back(added->id);
    }
  }

  std::vector<core::AudienceMembership> List() {
    auto listed = ListAudienceMemberships(*store_, incident_);
    EXPECT_TRUE(listed) << listed.error().message();
    return listed ? *listed : std::vector<core::AudienceMembership>{};
  }

  store::Change change_;
  core::Incident incident_;
  std::vector<int64_t> ids_;
};

TEST_F(AudiencesTest, MembersSetByHandReplaceOnlyTheirOwn) {
  core::AudienceMembership imported;
  imported.audience = "receiver:payments-oncall";
  imported.participant_id = ids_[0];
  ASSERT_TRUE(
      store_->ReplaceAudienceMemberships(incident_.id, "import:pagerduty:x", {imported}, change_));
  core::Timestamp ten = *core::ParseRfc3339("2026-03-14T10:00:00Z");
  std::vector<AudienceMember> members = {{ids_[1], ten, std::nullopt},
                                         {ids_[1], ten, ten + std::chrono::hours(1)}};
  ASSERT_TRUE(SetAudienceMembers(*store_, incident_, "receiver:payments-oncall", members, change_));
  std::vector<core::AudienceMembership> listed = List();
  ASSERT_EQ(listed.size(), 2u);  // The import's, and Omar's once.
  EXPECT_EQ(listed[1].source, "manual:receiver:payments-oncall");
  EXPECT_EQ(listed[1].participant_id, ids_[1]);
  EXPECT_EQ(listed[1].since, ten);
  EXPECT_FALSE(listed[1].until);

  ASSERT_TRUE(SetAudienceMembers(*store_, incident_, "receiver:payments-oncall", {}, change_));
  EXPECT_EQ(List().size(), 1u);
}

TEST_F(AudiencesTest, WrongRequestsAndAPublishedReviewChangeNothing) {
  core::Timestamp ten = *core::ParseRfc3339("2026-03-14T10:00:00Z");
  ASSERT_TRUE(SetAudienceMembers(*store_, incident_, "receiver:db", {{ids_[0], ten, {}}}, change_));
  auto refused = [&](std::string_view audience, std::vector<AudienceMember> members,
                     core::ErrorCode code) {
    auto set = SetAudienceMembers(*store_, incident_, audience, members, change_);
    ASSERT_FALSE(set) << audience;
    EXPECT_EQ(set.error().code(), code) << set.error().message();
    EXPECT_EQ(List().size(), 1u);
  };
  refused("", {}, core::ErrorCode::kInvalidArgument);
  refused(std::string(121, 'r'), {}, core::ErrorCode::kInvalidArgument);
  refused("receiver:\xC3\x28", {}, core::ErrorCode::kInvalidArgument);
  refused("participant:1", {}, core::ErrorCode::kInvalidArgument);
  refused("receiver:db", {{ids_[0], ten, ten}}, core::ErrorCode::kInvalidArgument);
  refused("receiver:db", {{999'999, ten, {}}}, core::ErrorCode::kInvalidArgument);
  refused("receiver:db", std::vector<AudienceMember>(kMaxAudienceMembers + 1, {ids_[0], {}, {}}),
          core::ErrorCode::kInvalidArgument);
  incident_.review_status = core::ReviewStatus::kPublished;
  refused("receiver:db", {}, core::ErrorCode::kConflict);
}

}  // namespace
}  // namespace debrief::app
