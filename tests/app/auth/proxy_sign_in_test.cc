// Who a request the authenticating proxy vouches for is, on a real SQLite store: created on the
// first request, found by address after, the role following the groups the proxy names (or
// debrief's own when it names none), and the refusals: what is not an address, a domain not
// allowed, groups giving no role, a disabled user.
#include "app/auth/proxy_sign_in.h"

#include <gtest/gtest.h>

#include "app/sqlite_store_fixture.h"

namespace debrief::app::auth {
namespace {

class ProxySignInTest : public SqliteStoreFixture {
 protected:
  ProxySignInTest() : SqliteStoreFixture("proxy-sign-in") {}
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    policy_.group_roles = *ParseGroupRoles("debrief-admins=admin,sre=member,*=viewer");
    policy_.allowed_email_domains = {"example.com"};
  }
  std::string Refusal(const ProxyIdentity& identity) {
    auto user = SignInFromProxy(*store_, identity, policy_);
    return user ? "signed in" : user.error().message();
  }

  IdentityPolicy policy_;
};

TEST_F(ProxySignInTest, CreatedOnceAndTheRoleFollowsTheGroups) {
  auto first = SignInFromProxy(*store_, {"Ana@Example.com", "Ana Pereira", {{"sre"}}}, policy_);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->email, "ana@example.com");
  EXPECT_EQ(first->name, "Ana Pereira");
  EXPECT_EQ(first->role, core::Role::kMember);
  EXPECT_TRUE(first->password_hash.empty());
  auto again = SignInFromProxy(*store_, {"ana@example.com", "Ana Pereira", {{"sre"}}}, policy_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->version, first->version) << "nothing changed, nothing written";
  auto promoted =
      SignInFromProxy(*store_, {"ana@example.com", "Ana P.", {{"sre", "debrief-admins"}}}, policy_);
  ASSERT_TRUE(promoted);
  EXPECT_EQ(promoted->role, core::Role::kAdmin);
  EXPECT_EQ(promoted->name, "Ana P.");
  auto left = SignInFromProxy(*store_, {"ana@example.com", std::nullopt, {{}}}, policy_);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->role, core::Role::kViewer) << "\"*\" is every group, and none";
  EXPECT_EQ(left->name, "Ana P.") << "no name header: the name stays";
}

TEST_F(ProxySignInTest, WithoutAGroupsHeaderTheRoleIsDebriefsOwn) {
  auto created = SignInFromProxy(*store_, {"ben@example.com", std::nullopt, std::nullopt}, policy_);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->role, core::Role::kViewer);
  EXPECT_EQ(created->name, "ben") << "named after the address until someone names them";
  core::User promoted = *created;
  promoted.role = core::Role::kMember;
  ASSERT_TRUE(store_->UpdateUser(promoted, {std::nullopt, "{}"}));
  auto later = SignInFromProxy(*store_, {"ben@example.com", std::nullopt, std::nullopt}, policy_);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->role, core::Role::kMember) << "an admin's choice stands";
}

TEST_F(ProxySignInTest, WhatIsNotAnAddressOrIsKeptOutIsRefused) {
  for (const char* bad :
       {"", "ana", "@example.com", "ana@", "a@b@example.com", "ana @example.com",
        "ana@example.com,ben@example.com", "ana\x01@example.com", "\xff@example.com"}) {
    SCOPED_TRACE(bad);
    auto refused = SignInFromProxy(*store_, {bad, std::nullopt, std::nullopt}, policy_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), core::ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(Refusal({"dan@elsewhere.example", std::nullopt, {{"sre"}}}),
            "addresses at elsewhere.example may not sign in to this debrief");
  policy_.group_roles = *ParseGroupRoles("sre=member");
  EXPECT_NE(
      Refusal({"cleo@example.com", std::nullopt, {{"marketing"}}}).find("none of your groups"),
      std::string::npos);
  auto users = store_->ListUsers();
  ASSERT_TRUE(users);
  EXPECT_TRUE(users->empty()) << "nobody refused was created";

  auto ana = SignInFromProxy(*store_, {"ana@example.com", std::nullopt, {{"sre"}}}, policy_);
  ASSERT_TRUE(ana);
  core::User disabled = *ana;
  disabled.disabled = true;
  ASSERT_TRUE(store_->UpdateUser(disabled, {std::nullopt, "{}"}));
  EXPECT_EQ(Refusal({"ana@example.com", std::nullopt, {{"sre"}}}), "this user is disabled");
}

TEST(SplitGroupsTest, CommaSeparatedAndTrimmed) {
  EXPECT_EQ(SplitGroups(" sre, debrief-admins ,,oncall"),
            (std::vector<std::string>{"sre", "debrief-admins", "oncall"}));
  EXPECT_TRUE(SplitGroups("").empty());
}

}  // namespace
}  // namespace debrief::app::auth
