#include "core/authorization.h"

#include <gtest/gtest.h>

namespace debrief::core {
namespace {

constexpr int64_t kAuthor = 1;
constexpr int64_t kOther = 2;

Account AccountWith(AccountVisibility visibility) {
  Account account;
  account.id = 9;
  account.author_id = kAuthor;
  account.visibility = visibility;
  return account;
}

TEST(Authorize, AnonymousCallersOnlyReachPublicRoutes) {
  EXPECT_TRUE(Authorize(nullptr, Permission::kPublic));
  for (Permission permission : {Permission::kRead, Permission::kWrite, Permission::kAdmin}) {
    auto result = Authorize(nullptr, permission);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), ErrorCode::kUnauthenticated);
  }
}

TEST(Authorize, RolesGrantReadWriteAdminInTurn) {
  Principal viewer{kOther, Role::kViewer};
  Principal member{kOther, Role::kMember};
  Principal admin{kOther, Role::kAdmin};
  EXPECT_TRUE(Authorize(&viewer, Permission::kRead));
  EXPECT_EQ(Authorize(&viewer, Permission::kWrite).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Authorize(&member, Permission::kWrite));
  EXPECT_EQ(Authorize(&member, Permission::kAdmin).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Authorize(&admin, Permission::kAdmin));
}

// Who reads an account: role x relation x visibility.
struct ReadCase {
  Role role;
  bool is_author;
  bool is_participant;
  AccountVisibility visibility;
  bool can_read;
};

class AccountReadMatrix : public ::testing::TestWithParam<ReadCase> {};

TEST_P(AccountReadMatrix, DecidesAsDesigned) {
  const ReadCase& c = GetParam();
  Principal principal{c.is_author ? kAuthor : kOther, c.role};
  IncidentRelation relation{c.is_participant, false};
  EXPECT_EQ(CanReadAccount(principal, AccountWith(c.visibility), relation), c.can_read);
  auto result = AuthorizeAccountRead(principal, AccountWith(c.visibility), relation);
  EXPECT_EQ(static_cast<bool>(result), c.can_read);
  if (!c.can_read) {
    EXPECT_EQ(result.error().code(), ErrorCode::kNotFound);
  }
}

using V = AccountVisibility;
INSTANTIATE_TEST_SUITE_P(
    Everyone, AccountReadMatrix,
    ::testing::Values(
        // The author always reads their own account, in every state.
        ReadCase{Role::kMember, true, true, V::kPrivate, true},
        ReadCase{Role::kMember, true, true, V::kWithdrawn, true},
        // Private and withdrawn: nobody else, not even an admin or a fellow participant.
        ReadCase{Role::kAdmin, false, true, V::kPrivate, false},
        ReadCase{Role::kMember, false, true, V::kPrivate, false},
        ReadCase{Role::kAdmin, false, true, V::kWithdrawn, false},
        // Shared: participants and the facilitator, never a viewer, not outsiders.
        ReadCase{Role::kMember, false, true, V::kShared, true},
        ReadCase{Role::kMember, false, false, V::kShared, false},
        ReadCase{Role::kAdmin, false, false, V::kShared, false},
        ReadCase{Role::kViewer, false, true, V::kShared, false},
        // In review: everyone who can read the incident.
        ReadCase{Role::kViewer, false, false, V::kInReview, true},
        ReadCase{Role::kMember, false, false, V::kInReview, true}));

TEST(AccountWrite, OnlyTheAuthorWrites) {
  for (V visibility : {V::kPrivate, V::kShared, V::kInReview, V::kWithdrawn}) {
    EXPECT_TRUE(AuthorizeAccountWrite({kAuthor, Role::kMember}, AccountWith(visibility)));
    EXPECT_EQ(AuthorizeAccountWrite({kOther, Role::kAdmin}, AccountWith(visibility)).error().code(),
              ErrorCode::kPermissionDenied);
  }
}

TEST(AccountRead, FacilitatorReadsSharedAccounts) {
  EXPECT_TRUE(CanReadAccount({kOther, Role::kMember}, AccountWith(V::kShared), {false, true}));
}

TEST(ReviewDecision, OnlyANamedReviewerDecides) {
  Reviewer named;
  named.id = 4;
  named.user_id = kOther;
  std::vector<Reviewer> reviewers = {named};
  auto decided = AuthorizeReviewDecision({kOther, Role::kMember}, reviewers);
  ASSERT_TRUE(decided);
  EXPECT_EQ((*decided)->id, 4);
  // Not the requester, not an admin who was not asked.
  EXPECT_EQ(AuthorizeReviewDecision({kAuthor, Role::kAdmin}, reviewers).error().code(),
            ErrorCode::kPermissionDenied);
  // A reviewer since made a viewer no longer decides.
  EXPECT_FALSE(AuthorizeReviewDecision({kOther, Role::kViewer}, reviewers));
}

TEST(CommentWrite, WordsAreTheAuthorsAndResolvingIsEveryMembers) {
  ReviewComment comment;
  comment.author_id = kAuthor;
  EXPECT_TRUE(AuthorizeCommentWrite({kAuthor, Role::kMember}, comment, true));
  EXPECT_EQ(AuthorizeCommentWrite({kOther, Role::kAdmin}, comment, true).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(AuthorizeCommentWrite({kOther, Role::kMember}, comment, false));
  EXPECT_FALSE(AuthorizeCommentWrite({kOther, Role::kViewer}, comment, false));
  EXPECT_TRUE(AuthorizeCommentDelete({kAuthor, Role::kMember}, comment));
  EXPECT_TRUE(AuthorizeCommentDelete({kOther, Role::kAdmin}, comment));
  EXPECT_FALSE(AuthorizeCommentDelete({kOther, Role::kMember}, comment));
}

TEST(TokenListing, MembersSeeTheirOwnAndAdminsAnyonesOrEveryones) {
  Principal member{kAuthor, Role::kMember};
  Principal admin{kOther, Role::kAdmin};
  EXPECT_EQ(*AuthorizeTokenListing(member, std::nullopt), std::optional<int64_t>(kAuthor));
  EXPECT_EQ(*AuthorizeTokenListing(member, kAuthor), std::optional<int64_t>(kAuthor));
  EXPECT_EQ(AuthorizeTokenListing(member, kOther).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(*AuthorizeTokenListing(admin, std::nullopt), std::nullopt);
  EXPECT_EQ(*AuthorizeTokenListing(admin, kAuthor), std::optional<int64_t>(kAuthor));
}

TEST(Reviewer, IsSomeoneElseWhoMayWriteAndSignIn) {
  Principal caller{kAuthor, Role::kMember};
  User candidate;
  candidate.id = kOther;
  candidate.name = "Bob";
  candidate.role = Role::kMember;
  EXPECT_TRUE(AuthorizeReviewer(caller, candidate));
  candidate.role = Role::kAdmin;
  EXPECT_TRUE(AuthorizeReviewer(caller, candidate));
  candidate.role = Role::kViewer;
  EXPECT_EQ(AuthorizeReviewer(caller, candidate).error().message(),
            "Bob is a viewer and cannot review; reviewers are members or admins");
  candidate.role = Role::kMember;
  candidate.disabled = true;
  EXPECT_FALSE(AuthorizeReviewer(caller, candidate));
  candidate.disabled = false;
  candidate.id = kAuthor;
  EXPECT_FALSE(AuthorizeReviewer(caller, candidate));  // Not one's own reviewer.
}

TEST(TimelineSuggestions, AreForThoseWhoCanActOnThem) {
  EXPECT_FALSE(SeesTimelineSuggestions({kOther, Role::kViewer}));
  EXPECT_TRUE(SeesTimelineSuggestions({kOther, Role::kMember}));
  EXPECT_TRUE(SeesTimelineSuggestions({kOther, Role::kAdmin}));
}

TEST(Authorization, RelationToAnIncidentIsByParticipationAndFacilitation) {
  Incident incident;
  incident.facilitator_id = 7;
  Participant linked;
  linked.user_id = 3;
  Participant unlinked;  // Someone from outside, with no account.
  std::vector<Participant> participants{unlinked, linked};
  IncidentRelation participant = RelationTo({3, Role::kMember}, incident, participants);
  EXPECT_TRUE(participant.is_participant);
  EXPECT_FALSE(participant.is_facilitator);
  IncidentRelation facilitator = RelationTo({7, Role::kMember}, incident, participants);
  EXPECT_FALSE(facilitator.is_participant);
  EXPECT_TRUE(facilitator.is_facilitator);
  IncidentRelation neither = RelationTo({9, Role::kAdmin}, incident, participants);
  EXPECT_FALSE(neither.is_participant || neither.is_facilitator);
  // A participant with no user is nobody's relation, not user 0's.
  EXPECT_FALSE(RelationTo({0, Role::kMember}, Incident{}, participants).is_participant);
}

// Who sees a restricted incident: its creator, facilitator, participants with a login, the users
// named and the members of the groups named; an admin is none of these by being an admin, and
// nobody's credentials (a provider's, a hook's: user 0) see it.
TEST(RestrictedIncidentSight, OnlyItsOwnPeopleAndNamedReaders) {
  RestrictedIncident incident;
  incident.incident_id = 7;
  incident.created_by = 1;
  incident.facilitator_id = 2;
  incident.participant_user_ids = {3};
  incident.readers = {{4}, {40}};
  std::vector<int64_t> none;
  std::vector<int64_t> in_reader_group = {39, 40};
  std::vector<int64_t> in_other_group = {41};
  EXPECT_TRUE(CanSeeRestrictedIncident({1, Role::kMember}, none, incident)) << "creator";
  EXPECT_TRUE(CanSeeRestrictedIncident({2, Role::kViewer}, none, incident)) << "facilitator";
  EXPECT_TRUE(CanSeeRestrictedIncident({3, Role::kMember}, none, incident)) << "participant";
  EXPECT_TRUE(CanSeeRestrictedIncident({4, Role::kViewer}, none, incident)) << "named reader";
  EXPECT_TRUE(CanSeeRestrictedIncident({5, Role::kMember}, in_reader_group, incident));
  EXPECT_FALSE(CanSeeRestrictedIncident({5, Role::kMember}, in_other_group, incident));
  EXPECT_FALSE(CanSeeRestrictedIncident({6, Role::kAdmin}, none, incident)) << "an admin";
  EXPECT_FALSE(CanSeeRestrictedIncident({0, Role::kAdmin}, in_reader_group, incident))
      << "no user's credentials";
  incident.facilitator_id.reset();
  EXPECT_FALSE(CanSeeRestrictedIncident({2, Role::kViewer}, none, incident))
      << "a former facilitator";
}

}  // namespace
}  // namespace debrief::core
