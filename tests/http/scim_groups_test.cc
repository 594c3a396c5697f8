// SCIM 2.0 groups over HTTP, with requests in the shapes Okta and Entra ID send (after their
// public SCIM guides): push a group, look it up by displayName, add and remove members, rename,
// replace and delete it; with --scim-role-map, membership is the role, and a lower role ends the
// person's sessions at once. And what a provider gets wrong: an unknown member, a nested group, a
// taken name, an unknown group, a filter debrief does not read, taking the last admin's role.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "security/token.h"
#include "support/test_server.h"

namespace debrief::testing {
namespace {

using ::testing::HasSubstr;
namespace bj = boost::json;

constexpr char kToken[] = "b7e4c1a09f2d4e6c8a3b5f7d1e0c2a4b-provisioning";

class ScimGroupsTest : public ::testing::Test {
 protected:
  ScimGroupsTest()
      : server_(
            10'000, {}, 1024 * 1024,
            [](http::Services& services) {
              services.provisioning.role = core::Role::kViewer;
              services.provisioning.group_roles = {{"Debrief-Admins", core::Role::kAdmin},
                                                   {"sre", core::Role::kMember}};
            },
            [](http::Authenticator::Options& options) {
              options.provisioning_token_hash = security::HashToken(kToken);
            }) {}

  HttpResult Scim(const std::string& method, const std::string& target,
                  const std::string& body = {}) {
    std::map<std::string, std::string> headers{{"Authorization", std::string("Bearer ") + kToken}};
    if (!body.empty()) headers["Content-Type"] = "application/scim+json";
    return server_.Request(method, target, {}, body, headers);
  }
  // The SCIM id of the user with `email` (found by userName, as providers do).
  std::string UserId(const std::string& email) {
    HttpResult found = Scim("GET", "/scim/v2/Users?filter=userName%20eq%20%22" + email + "%22");
    bj::value body = found.Json();
    return std::string(body.at("Resources").at(0).at("id").as_string());
  }
  // The role of `email` as an admin (`asking`) sees it.
  std::string Role(const std::string& email, const TestUser* asking = nullptr) {
    bj::value users =
        server_.Get("/api/v1/users", asking != nullptr ? *asking : server_.admin()).Json();
    for (const auto& user : users.at("items").as_array()) {
      if (user.at("email").as_string() == email) return std::string(user.at("role").as_string());
    }
    return "";
  }
  std::string Patch(const std::string& group_id, const std::string& operations) {
    HttpResult patched =
        Scim("PATCH", "/scim/v2/Groups/" + group_id,
             R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)" +
                 operations + "}");
    EXPECT_EQ(patched.status, 200u) << patched.body;
    return patched.body;
  }
  std::vector<std::string> Members(const std::string& group_id) {
    bj::value group = Scim("GET", "/scim/v2/Groups/" + group_id).Json();
    std::vector<std::string> ids;
    for (const auto& member : group.at("members").as_array()) {
      ids.emplace_back(member.at("value").as_string());
    }
    return ids;
  }

  TestServer server_;
};

TEST_F(ScimGroupsTest, OktaPushesAGroupAndChangesItsMembers) {
  std::string alice = UserId("alice@example.com");
  std::string bob = UserId("bob@example.com");
  // Okta looks the group up by name before pushing it.
  HttpResult none = Scim("GET", "/scim/v2/Groups?filter=displayName%20eq%20%22SRE%22");
  ASSERT_EQ(none.status, 200u) << none.body;
  EXPECT_EQ(none.Json().at("totalResults").as_int64(), 0);
  HttpResult created = Scim("POST", "/scim/v2/Groups", R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "displayName": "SRE",
    "members": []})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Header("content-type"), "application/scim+json");
  std::string id(created.Json().at("id").as_string());
  EXPECT_EQ(created.Header("location"), "/scim/v2/Groups/" + id);
  EXPECT_EQ(created.Json().at("schemas").at(0).as_string(),
            "urn:ietf:params:scim:schemas:core:2.0:Group");

  // Found by name in any case (displayName is not case-exact).
  HttpResult found = Scim("GET", "/scim/v2/Groups?filter=displayName%20eq%20%22sre%22");
  ASSERT_EQ(found.Json().at("totalResults").as_int64(), 1);
  EXPECT_EQ(found.Json().at("Resources").at(0).at("id").as_string(), id);

  // Okta adds members with a path and a list; display is read past.
  Patch(id, R"([{"op":"add","path":"members","value":[
      {"value":")" +
                alice + R"(","display":"alice@example.com"},
      {"value":")" +
                bob + R"(","display":"bob@example.com"}]}])");
  EXPECT_THAT(Members(id), ::testing::UnorderedElementsAre(alice, bob));
  // ...removes one by a filtered path...
  Patch(id, R"([{"op":"remove","path":"members[value eq \")" + bob + R"(\"]"}])");
  EXPECT_THAT(Members(id), ::testing::ElementsAre(alice));
  // ...and renames with a path-less replace carrying the id.
  std::string renamed =
      Patch(id, R"([{"op":"replace","value":{"id":")" + id + R"(","displayName":"SRE On-Call"}}])");
  EXPECT_THAT(renamed, HasSubstr("SRE On-Call"));
  // Okta's group push may PUT the whole group.
  HttpResult replaced = Scim("PUT", "/scim/v2/Groups/" + id, R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "id": ")" + id + R"(",
    "displayName": "SRE",
    "members": [{"value": ")" + bob + R"(", "display": "bob@example.com"}]})");
  ASSERT_EQ(replaced.status, 200u) << replaced.body;
  EXPECT_THAT(Members(id), ::testing::ElementsAre(bob));

  EXPECT_EQ(Scim("DELETE", "/scim/v2/Groups/" + id).status, 204u);
  EXPECT_EQ(Scim("GET", "/scim/v2/Groups/" + id).status, 404u);
  EXPECT_EQ(Scim("DELETE", "/scim/v2/Groups/" + id).status, 404u);
}

TEST_F(ScimGroupsTest, EntraIdLooksUpWithoutMembersAndPatchesWithCapitalisedOps) {
  std::string alice = UserId("alice@example.com");
  std::string bob = UserId("bob@example.com");
  HttpResult created = Scim("POST", "/scim/v2/Groups", R"({
    "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
    "displayName": "Incident Reviewers",
    "members": [],
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id(created.Json().at("id").as_string());
  // Entra ID's lookup leaves members out.
  HttpResult found = Scim("GET",
                          "/scim/v2/Groups?excludedAttributes=members&filter=displayName+eq+"
                          "%22Incident+Reviewers%22");
  ASSERT_EQ(found.status, 200u) << found.body;
  bj::value listed = found.Json();
  ASSERT_EQ(listed.at("totalResults").as_int64(), 1);
  EXPECT_FALSE(listed.at("Resources").at(0).as_object().contains("members"));

  Patch(id, R"([{"op":"Add","path":"members","value":[{"value":")" + alice + R"("},
                                                       {"value":")" +
                bob + R"("}]}])");
  EXPECT_THAT(Members(id), ::testing::UnorderedElementsAre(alice, bob));
  // Entra ID removes with the value list beside the path.
  Patch(id, R"([{"op":"Remove","path":"members","value":[{"value":")" + alice + R"("}]}])");
  EXPECT_THAT(Members(id), ::testing::ElementsAre(bob));
  // ...and renames with a path (and its externalId, which is read past).
  Patch(id, R"([{"op":"Replace","path":"displayName","value":"Reviewers"},
                {"op":"Replace","path":"externalId","value":"x-1"}])");
  HttpResult read = Scim("GET", "/scim/v2/Groups/" + id + "?excludedAttributes=members");
  EXPECT_EQ(read.Json().at("displayName").as_string(), "Reviewers");
  EXPECT_FALSE(read.Json().as_object().contains("members"));
  // Adding someone twice keeps them once.
  Patch(id, R"([{"op":"Add","path":"members","value":[{"value":")" + bob + R"("}]}])");
  EXPECT_THAT(Members(id), ::testing::ElementsAre(bob));
}

TEST_F(ScimGroupsTest, MembershipIsTheRoleAndALowerRoleEndsSessions) {
  server_.SetPassword(server_.alice(), "correct horse battery");
  std::string alice = UserId("alice@example.com");
  HttpResult created =
      Scim("POST", "/scim/v2/Groups",
           R"({"displayName":"debrief-admins","members":[{"value":")" + alice + R"("}]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string admins(created.Json().at("id").as_string());
  EXPECT_EQ(Role("alice@example.com"), "admin") << "the map's names match in any case";
  HttpResult sre = Scim("POST", "/scim/v2/Groups",
                        R"({"displayName":"SRE","members":[{"value":")" + alice + R"("}]})");
  std::string sre_id(sre.Json().at("id").as_string());
  EXPECT_EQ(Role("alice@example.com"), "admin") << "the highest role of their groups";

  HttpResult signed_in =
      server_.Request("POST", "/api/v1/session", {},
                      R"({"email":"alice@example.com","password":"correct horse battery"})");
  ASSERT_EQ(signed_in.status, 201u);
  std::string cookie =
      signed_in.Header("set-cookie").substr(0, signed_in.Header("set-cookie").find(';'));
  ASSERT_EQ(server_.Request("GET", "/api/v1/me", {}, {}, {{"Cookie", cookie}}).status, 200u);

  // Out of the admins: a member (through SRE), signed out at once.
  Patch(admins, R"([{"op":"remove","path":"members[value eq \")" + alice + R"(\"]"}])");
  EXPECT_EQ(Role("alice@example.com"), "member");
  EXPECT_EQ(server_.Request("GET", "/api/v1/me", {}, {}, {{"Cookie", cookie}}).status, 401u);
  // Out of every mapped group: the role of --scim-role.
  ASSERT_EQ(Scim("DELETE", "/scim/v2/Groups/" + sre_id).status, 204u);
  EXPECT_EQ(Role("alice@example.com"), "viewer");
  // A rename into the map is a role too.
  HttpResult other = Scim("POST", "/scim/v2/Groups",
                          R"({"displayName":"ops","members":[{"value":")" + alice + R"("}]})");
  std::string ops(other.Json().at("id").as_string());
  EXPECT_EQ(Role("alice@example.com"), "viewer");
  Patch(ops, R"([{"op":"Replace","path":"displayName","value":"SRE"}])");
  EXPECT_EQ(Role("alice@example.com"), "member");

  // The audit log says what the provider changed (no actor: the provider is nobody here).
  bj::value audit = server_.Get("/api/v1/audit", server_.admin()).Json();
  EXPECT_THAT(bj::serialize(audit), HasSubstr("SCIM"));
}

TEST_F(ScimGroupsTest, TheLastActiveAdminKeepsTheRole) {
  std::string admin = UserId("admin@example.com");
  HttpResult created =
      Scim("POST", "/scim/v2/Groups",
           R"({"displayName":"debrief-admins","members":[{"value":")" + admin + R"("}]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id(created.Json().at("id").as_string());
  HttpResult refused = Scim("PATCH", "/scim/v2/Groups/" + id,
                            R"({"Operations":[{"op":"remove","path":"members"}]})");
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_THAT(refused.body, HasSubstr("last active admin"));
  EXPECT_THAT(Members(id), ::testing::ElementsAre(admin)) << "nothing of the change was written";
  EXPECT_EQ(Role("admin@example.com"), "admin");
  EXPECT_EQ(Scim("DELETE", "/scim/v2/Groups/" + id).status, 409u);

  // With another admin, the change goes through.
  std::string alice = UserId("alice@example.com");
  Patch(id, R"([{"op":"add","path":"members","value":[{"value":")" + alice + R"("}]}])");
  EXPECT_EQ(Role("alice@example.com"), "admin");
  Patch(id, R"([{"op":"remove","path":"members[value eq \")" + admin + R"(\"]"}])");
  EXPECT_EQ(Role("admin@example.com", &server_.alice()), "viewer");
}

TEST_F(ScimGroupsTest, WhatAProviderGetsWrongIsAScimError) {
  EXPECT_EQ(server_.Request("GET", "/scim/v2/Groups").status, 401u);
  EXPECT_EQ(server_.Get("/scim/v2/Groups", server_.admin()).status, 401u)
      << "a user's token is not the provider's";

  HttpResult unknown_member =
      Scim("POST", "/scim/v2/Groups", R"({"displayName":"SRE","members":[{"value":"999999"}]})");
  EXPECT_EQ(unknown_member.status, 400u);
  EXPECT_THAT(unknown_member.body, HasSubstr("invalidValue"));
  EXPECT_THAT(unknown_member.body, HasSubstr("no user 999999"));
  HttpResult nested = Scim("POST", "/scim/v2/Groups",
                           R"({"displayName":"SRE","members":[{"value":"1","type":"Group"}]})");
  EXPECT_EQ(nested.status, 400u);
  EXPECT_THAT(nested.body, HasSubstr("group within a group"));
  EXPECT_EQ(Scim("POST", "/scim/v2/Groups", R"({"members":[]})").status, 400u);
  EXPECT_EQ(Scim("POST", "/scim/v2/Groups", R"({"displayName":"   "})").status, 400u);
  EXPECT_EQ(Scim("POST", "/scim/v2/Groups", R"({"displayName":"SRE","members":"all"})").status,
            400u);
  EXPECT_EQ(Scim("POST", "/scim/v2/Groups", R"({"displayName":)").status, 400u);

  ASSERT_EQ(Scim("POST", "/scim/v2/Groups", R"({"displayName":"SRE"})").status, 201u);
  HttpResult taken = Scim("POST", "/scim/v2/Groups", R"({"displayName":"sre"})");
  EXPECT_EQ(taken.status, 409u);
  EXPECT_THAT(taken.body, HasSubstr("uniqueness"));
  HttpResult other = Scim("POST", "/scim/v2/Groups", R"({"displayName":"ops"})");
  std::string ops(other.Json().at("id").as_string());
  HttpResult rename_taken =
      Scim("PATCH", "/scim/v2/Groups/" + ops,
           R"({"Operations":[{"op":"replace","path":"displayName","value":"SRE"}]})");
  EXPECT_EQ(rename_taken.status, 409u);

  HttpResult filter = Scim("GET", "/scim/v2/Groups?filter=displayName%20co%20%22S%22");
  EXPECT_EQ(filter.status, 400u);
  EXPECT_THAT(filter.body, HasSubstr("invalidFilter"));
  EXPECT_EQ(Scim("GET", "/scim/v2/Groups/abc").status, 404u);
  EXPECT_EQ(Scim("PATCH", "/scim/v2/Groups/424242", R"({"Operations":[]})").status, 404u);
  HttpResult bad_op =
      Scim("PATCH", "/scim/v2/Groups/" + ops, R"({"Operations":[{"op":"move","path":"members"}]})");
  EXPECT_EQ(bad_op.status, 400u);
  HttpResult bad_pick =
      Scim("PATCH", "/scim/v2/Groups/" + ops,
           R"({"Operations":[{"op":"remove","path":"members[display co \"a\"]"}]})");
  EXPECT_EQ(bad_pick.status, 400u);
  HttpResult no_name = Scim("PATCH", "/scim/v2/Groups/" + ops,
                            R"({"Operations":[{"op":"remove","path":"displayName"}]})");
  EXPECT_EQ(no_name.status, 400u);
}

}  // namespace
}  // namespace debrief::testing
