// API tokens as people manage them, on a real SQLite store: issued once, listed by their owner
// or an admin, revoked by either, refused at once when revoked and on their own when expired.
#include "app/api_tokens.h"

#include <gtest/gtest.h>

#include "app/sqlite_store_fixture.h"
#include "security/token.h"

namespace debrief::app {
namespace {

using namespace std::chrono_literals;

class ApiTokensTest : public SqliteStoreFixture {
 protected:
  ApiTokensTest() : SqliteStoreFixture("tokens") {}
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    admin_ = AddUser("admin@example.com", core::Role::kAdmin);
    alice_ = AddUser("alice@example.com", core::Role::kMember);
    bob_ = AddUser("bob@example.com", core::Role::kViewer);
  }
  IssuedToken Issue(const core::Principal& owner, std::optional<int> days = std::nullopt) {
    auto issued = IssueApiToken(*store_, clock_, owner.user_id, owner.user_id, {"laptop", days});
    EXPECT_TRUE(issued) << issued.error().message();
    return *issued;
  }
  core::Result<core::ApiToken> Check(const IssuedToken& issued) {
    auto checked = CheckApiToken(*store_, clock_, security::HashToken(issued.secret));
    if (!checked) return checked.error();
    EXPECT_EQ(checked->user.id, checked->token.user_id) << "the token's owner comes with it";
    return checked->token;
  }

  core::Principal admin_, alice_, bob_;
};

TEST_F(ApiTokensTest, AnIssuedTokenWorksAndIsStoredOnlyAsItsHash) {
  IssuedToken issued = Issue(alice_);
  EXPECT_TRUE(issued.secret.starts_with("dbr_"));
  EXPECT_NE(issued.token.token_hash, issued.secret);
  auto checked = Check(issued);
  ASSERT_TRUE(checked) << checked.error().message();
  EXPECT_EQ(checked->user_id, alice_.user_id);
  EXPECT_EQ(TokenState(*checked, clock_.Now()), "active");
}

TEST_F(ApiTokensTest, Issue19ARevokedTokenFailsAtOnce) {
  IssuedToken issued = Issue(alice_);
  ASSERT_TRUE(Check(issued));
  auto revoked = RevokeApiToken(*store_, alice_, issued.token.id);
  ASSERT_TRUE(revoked) << revoked.error().message();
  EXPECT_EQ(TokenState(*revoked, clock_.Now()), "revoked");
  auto refused = Check(issued);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kUnauthenticated);
  EXPECT_NE(refused.error().message().find("revoked"), std::string::npos);
  // Revoking again keeps the first time.
  clock_.Advance(1h);
  auto again = RevokeApiToken(*store_, alice_, issued.token.id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->revoked_at, revoked->revoked_at);
}

TEST_F(ApiTokensTest, TokensExpireOnTheirOwn) {
  IssuedToken issued = Issue(alice_, 30);
  ASSERT_TRUE(issued.token.expires_at);
  EXPECT_EQ(*issued.token.expires_at, clock_.Now() + std::chrono::days(30));
  clock_.Advance(std::chrono::days(30) - 1s);
  EXPECT_TRUE(Check(issued));
  clock_.Advance(1s);
  auto refused = Check(issued);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("expired"), std::string::npos);
  auto listed = ListApiTokens(*store_, alice_, std::nullopt);
  ASSERT_TRUE(listed);
  EXPECT_EQ(TokenState(listed->at(0), clock_.Now()), "expired");
}

TEST_F(ApiTokensTest, OwnersAndAdminsManageTokensAndNobodyElse) {
  IssuedToken alices = Issue(alice_);
  IssuedToken bobs = Issue(bob_);
  auto own = ListApiTokens(*store_, alice_, std::nullopt);
  ASSERT_TRUE(own);
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ(own->at(0).id, alices.token.id);
  EXPECT_FALSE(ListApiTokens(*store_, alice_, bob_.user_id));
  auto everyone = ListApiTokens(*store_, admin_, std::nullopt);
  ASSERT_TRUE(everyone);
  EXPECT_EQ(everyone->size(), 2u);
  // Someone else's token is not found, so its existence is not revealed.
  auto refused = RevokeApiToken(*store_, alice_, bobs.token.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kNotFound);
  EXPECT_TRUE(Check(bobs));
  ASSERT_TRUE(RevokeApiToken(*store_, admin_, bobs.token.id));
  EXPECT_FALSE(Check(bobs));
  EXPECT_TRUE(Check(alices));
}

TEST_F(ApiTokensTest, BadRequestsNameTheirFields) {
  for (const TokenRequest& request :
       {TokenRequest{"", std::nullopt}, TokenRequest{std::string(101, 'x'), std::nullopt},
        TokenRequest{"ok", 0}, TokenRequest{"ok", kMaxTokenDays + 1}}) {
    auto issued = IssueApiToken(*store_, clock_, alice_.user_id, alice_.user_id, request);
    ASSERT_FALSE(issued);
    EXPECT_EQ(issued.error().code(), core::ErrorCode::kInvalidArgument);
  }
  auto nobody = IssueApiToken(*store_, clock_, 999, std::nullopt, {"ok", std::nullopt});
  EXPECT_FALSE(nobody);
  EXPECT_FALSE(RevokeApiToken(*store_, admin_, 999));
}

TEST_F(ApiTokensTest, LastUseIsNotedNotOnEveryRequest) {
  IssuedToken issued = Issue(alice_);
  ASSERT_TRUE(Check(issued));
  auto first = store_->GetApiToken(issued.token.id);
  ASSERT_TRUE(first && first->last_used_at);
  EXPECT_EQ(*first->last_used_at, clock_.Now());
  clock_.Advance(kTokenUseResolution / 2);
  ASSERT_TRUE(Check(issued));
  EXPECT_EQ(store_->GetApiToken(issued.token.id)->last_used_at, first->last_used_at);
  clock_.Advance(kTokenUseResolution);
  ASSERT_TRUE(Check(issued));
  EXPECT_EQ(store_->GetApiToken(issued.token.id)->last_used_at, clock_.Now());
}

}  // namespace
}  // namespace debrief::app
