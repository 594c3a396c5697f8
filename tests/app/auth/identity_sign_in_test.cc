// Who signs in through an identity provider, on a real SQLite store: found by issuer and subject
// (never by email alone), created on the first sign-in, their role from their groups each time,
// and the refusals: a domain not allowed, an unverified address, groups that give no role, a
// disabled user, an address someone else signs in with.
#include "app/auth/identity_sign_in.h"

#include <gtest/gtest.h>

#include "app/provisioning.h"
#include "app/sqlite_store_fixture.h"

namespace debrief::app::auth {
namespace {

class IdentitySignInTest : public SqliteStoreFixture {
 protected:
  IdentitySignInTest() : SqliteStoreFixture("identity-sign-in") {}
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    auto mapping = ParseGroupRoles("debrief-admins=admin, sre=member,oncall = member");
    ASSERT_TRUE(mapping) << mapping.error().message();
    policy_.group_roles = *mapping;
    policy_.allowed_email_domains = {"example.com"};
  }
  static formats::oidc::IdTokenClaims Claims(std::string subject, std::string email,
                                             std::vector<std::string> groups) {
    formats::oidc::IdTokenClaims claims;
    claims.issuer = "https://login.example.com";
    claims.subject = std::move(subject);
    claims.email = std::move(email);
    claims.email_verified = true;
    claims.name = "Ana Pereira";
    claims.groups = std::move(groups);
    return claims;
  }
  std::string Refusal(const formats::oidc::IdTokenClaims& claims) {
    auto user = SignInWithIdentity(*store_, claims, policy_);
    if (user) return "signed in";
    return user.error().message();
  }

  IdentityPolicy policy_;
};

TEST_F(IdentitySignInTest, TheFirstSignInCreatesTheUserAndLaterOnesFindThem) {
  auto first = SignInWithIdentity(*store_, Claims("ana-1", "Ana@Example.com", {"sre"}), policy_);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->email, "ana@example.com");
  EXPECT_EQ(first->name, "Ana Pereira");
  EXPECT_EQ(first->role, core::Role::kMember);
  EXPECT_TRUE(first->password_hash.empty()) << "no password: the provider signs them in";
  auto again = SignInWithIdentity(*store_, Claims("ana-1", "ana@example.com", {"sre"}), policy_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->version, first->version) << "nothing changed, nothing written";
  auto users = store_->ListUsers();
  ASSERT_TRUE(users);
  EXPECT_EQ(users->size(), 1u);
}

TEST_F(IdentitySignInTest, TheRoleFollowsTheGroupsAtEachSignIn) {
  auto member = SignInWithIdentity(*store_, Claims("ana-1", "ana@example.com", {"sre"}), policy_);
  ASSERT_TRUE(member);
  auto admin = SignInWithIdentity(
      *store_, Claims("ana-1", "ana@example.com", {"sre", "debrief-admins"}), policy_);
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->role, core::Role::kAdmin) << "the highest role of any group";
  EXPECT_EQ(admin->version, member->version + 1);
  auto stored = store_->GetUser(member->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->role, core::Role::kAdmin);
  EXPECT_NE(Refusal(Claims("ana-1", "ana@example.com", {"marketing"})).find("none of your groups"),
            std::string::npos)
      << "leaving every mapped group ends the way in";
  policy_.group_roles.emplace_back("*", core::Role::kViewer);
  auto viewer = SignInWithIdentity(*store_, Claims("ana-1", "ana@example.com", {}), policy_);
  ASSERT_TRUE(viewer);
  EXPECT_EQ(viewer->role, core::Role::kViewer) << "\"*\" stands for everyone";
}

TEST_F(IdentitySignInTest, NeverMatchedByEmailAlone) {
  AddUser("ben@example.com", core::Role::kAdmin);  // Signs in with a password.
  EXPECT_NE(Refusal(Claims("someone", "ben@example.com", {"sre"}))
                .find("already signs in with a password"),
            std::string::npos);
  auto none = store_->FindUserByIdentity("https://login.example.com", "someone");
  EXPECT_FALSE(none) << "nothing half-made";
  // The same subject at another issuer is another person.
  ASSERT_TRUE(SignInWithIdentity(*store_, Claims("ana-1", "ana@example.com", {"sre"}), policy_));
  auto elsewhere = Claims("ana-1", "ana.p@example.com", {"sre"});
  elsewhere.issuer = "https://other-idp.example.com";
  auto other = SignInWithIdentity(*store_, elsewhere, policy_);
  ASSERT_TRUE(other) << other.error().message();
  auto first = store_->FindUserByIdentity("https://login.example.com", "ana-1");
  ASSERT_TRUE(first);
  EXPECT_NE(other->id, first->id);
}

// Provisioned by the organisation over SCIM before their first sign-in: the sign-in finds them,
// and from then on by issuer and subject. Someone with a password or another identity is not.
TEST_F(IdentitySignInTest, AUserTheProviderProvisionedIsLinkedAtTheirFirstSignIn) {
  formats::scim::UserAttributes given;
  given.user_name = "carla.m";
  given.email = "carla@example.com";
  given.display_name = "Carla M";
  auto provisioned = ProvisionUser(*store_, given, {core::Role::kViewer, {}});
  ASSERT_TRUE(provisioned) << provisioned.error().message();
  auto signed_in =
      SignInWithIdentity(*store_, Claims("carla-1", "carla@example.com", {"sre"}), policy_);
  ASSERT_TRUE(signed_in) << signed_in.error().message();
  EXPECT_EQ(signed_in->id, provisioned->user.id);
  EXPECT_EQ(signed_in->role, core::Role::kMember) << "the groups' role, as at every sign-in";
  auto found = store_->FindUserByIdentity("https://login.example.com", "carla-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, provisioned->user.id);
  // Another subject with the same address later is someone else, and is refused.
  EXPECT_FALSE(
      SignInWithIdentity(*store_, Claims("carla-2", "carla@example.com", {"sre"}), policy_));
  // An unverified address never links, unless the provider's addresses are trusted (Entra ID
  // sends no email_verified).
  given.user_name = "dora";
  given.email = "dora@example.com";
  ASSERT_TRUE(ProvisionUser(*store_, given, {core::Role::kViewer, {}}));
  auto unverified = Claims("dora-1", "dora@example.com", {"sre"});
  unverified.email_verified = false;
  EXPECT_FALSE(SignInWithIdentity(*store_, unverified, policy_));
  policy_.trust_provider_email = true;
  EXPECT_TRUE(SignInWithIdentity(*store_, unverified, policy_));
  // Signed in through one provider already: another provider's identity is not linked to them.
  auto elsewhere = Claims("dora-at-other", "dora@example.com", {"sre"});
  elsewhere.issuer = "https://other-idp.example.com";
  EXPECT_FALSE(SignInWithIdentity(*store_, elsewhere, policy_));
}

TEST_F(IdentitySignInTest, DomainsAndVerificationAreChecked) {
  EXPECT_NE(Refusal(Claims("dan", "dan@elsewhere.example", {"sre"})).find("elsewhere.example"),
            std::string::npos);
  EXPECT_NE(Refusal(Claims("eve", "eve@example.com.evil.test", {"sre"})), "signed in");
  auto unverified = Claims("fay", "fay@example.com", {"sre"});
  unverified.email_verified = false;
  EXPECT_NE(Refusal(unverified).find("not verified"), std::string::npos);
  policy_.allowed_email_domains.clear();
  EXPECT_NE(Refusal(unverified).find("not verified"), std::string::npos)
      << "no user is made with an address anyone could have typed";
  auto verified = Claims("fay", "fay@elsewhere.example", {"sre"});
  EXPECT_EQ(Refusal(verified), "signed in") << "no domains set: any verified address";
  // Once linked, the person is known by issuer and subject whatever the address says.
  auto later = Claims("fay", "fay@elsewhere.example", {"sre"});
  later.email_verified = false;
  EXPECT_EQ(Refusal(later), "signed in");
  auto without = Claims("gus", "", {"sre"});
  without.email.reset();
  auto refused = SignInWithIdentity(*store_, without, policy_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kInvalidArgument);
}

TEST_F(IdentitySignInTest, ADisabledUserStaysOut) {
  auto user = SignInWithIdentity(*store_, Claims("ana-1", "ana@example.com", {"sre"}), policy_);
  ASSERT_TRUE(user);
  core::User disabled = *user;
  disabled.disabled = true;
  ASSERT_TRUE(store_->UpdateUser(disabled, {}));
  auto refused = SignInWithIdentity(*store_, Claims("ana-1", "ana@example.com", {"sre"}), policy_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kPermissionDenied);
}

TEST(GroupRolesTest, ReadsMappingsAndSaysWhichEntryIsWrong) {
  auto mapping = ParseGroupRoles(" a=admin ,, b = viewer,*=member ");
  ASSERT_TRUE(mapping) << mapping.error().message();
  ASSERT_EQ(mapping->size(), 3u);
  EXPECT_EQ((*mapping)[0], (std::pair<std::string, core::Role>{"a", core::Role::kAdmin}));
  EXPECT_EQ((*mapping)[2].first, "*");
  for (const char* wrong : {"a", "a=", "=admin", "a=owner", "a=admin,b"}) {
    auto parsed = ParseGroupRoles(wrong);
    ASSERT_FALSE(parsed) << wrong;
    EXPECT_EQ(parsed.error().field(), "oidc-role-map");
  }
  EXPECT_TRUE(ParseGroupRoles("")->empty());
}

}  // namespace
}  // namespace debrief::app::auth
