// SCIM 2.0 provisioning over HTTP, with requests in the shapes Okta and Entra ID send (after
// their public SCIM guides): look a person up, create them, read, replace and patch them, and
// deprovision them, which disables them and ends their sessions and tokens at once. And what a
// provider gets wrong: no or a wrong token, a taken address, a filter debrief does not read, an
// unknown id, a change of address, a PatchOp that is not one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "security/token.h"
#include "support/test_server.h"

namespace debrief::testing {
namespace {

using ::testing::HasSubstr;
namespace bj = boost::json;

constexpr char kToken[] = "4f1c0b7e9a2d4c65b8e3f70a1d2c3b4a-provisioning";

class ScimTest : public ::testing::Test {
 protected:
  ScimTest()
      : server_(10'000, {}, 1024 * 1024, nullptr, [](http::Authenticator::Options& options) {
          options.provisioning_token_hash = security::HashToken(kToken);
        }) {}

  HttpResult Scim(const std::string& method, const std::string& target,
                  const std::string& body = {},
                  const std::string& content_type = "application/scim+json") {
    std::map<std::string, std::string> headers{{"Authorization", std::string("Bearer ") + kToken}};
    if (!body.empty()) headers["Content-Type"] = content_type;
    return server_.Request(method, target, {}, body, headers);
  }
  // The list answer to `userName eq "<name>"`.
  bj::object FindByUserName(const std::string& name) {
    HttpResult found = Scim(
        "GET", "/scim/v2/Users?filter=userName%20eq%20%22" + name + "%22&startIndex=1&count=100");
    EXPECT_EQ(found.status, 200u) << found.body;
    EXPECT_EQ(found.Header("content-type"), "application/scim+json");
    return found.Json().as_object();
  }
  // The user as the admin API shows them.
  bj::object AdminView(const std::string& email) {
    bj::value users = server_.Get("/api/v1/users", server_.admin()).Json();
    for (const auto& user : users.at("items").as_array()) {
      if (user.at("email").as_string() == email) return user.as_object();
    }
    return {};
  }

  TestServer server_;
};

TEST_F(ScimTest, OktaCreatesLooksUpUpdatesAndDeactivates) {
  EXPECT_EQ(FindByUserName("dana.kim@example.com").at("totalResults").as_int64(), 0);
  // Okta's create: the password it may send is never kept (people sign in through Okta).
  HttpResult created = Scim("POST", "/scim/v2/Users", R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "dana.kim@example.com",
    "name": {"givenName": "Dana", "familyName": "Kim"},
    "emails": [{"primary": true, "value": "dana.kim@example.com", "type": "work"}],
    "displayName": "Dana Kim",
    "locale": "en-US",
    "externalId": "00u1a2b3c4D5e6F7g8h9",
    "groups": [],
    "password": "tH1s-is-n0t-kept",
    "active": true})");
  ASSERT_EQ(created.status, 201u) << created.body;
  bj::object user = created.Json().as_object();
  std::string id(user.at("id").as_string());
  EXPECT_EQ(created.Header("location"), "/scim/v2/Users/" + id);
  EXPECT_EQ(user.at("userName").as_string(), "dana.kim@example.com");
  EXPECT_EQ(user.at("displayName").as_string(), "Dana Kim");
  EXPECT_TRUE(user.at("active").as_bool());
  EXPECT_EQ(user.at("schemas").at(0).as_string(), "urn:ietf:params:scim:schemas:core:2.0:User");
  bj::object here = AdminView("dana.kim@example.com");
  EXPECT_EQ(here.at("role").as_string(), "viewer");
  EXPECT_EQ(server_
                .Request("POST", "/api/v1/session", {},
                         R"({"email":"dana.kim@example.com","password":"tH1s-is-n0t-kept"})")
                .status,
            401u);

  bj::object found = FindByUserName("dana.kim@example.com");
  ASSERT_EQ(found.at("totalResults").as_int64(), 1);
  EXPECT_EQ(found.at("Resources").at(0).at("id").as_string(), id);
  EXPECT_EQ(found.at("schemas").at(0).as_string(),
            "urn:ietf:params:scim:api:messages:2.0:ListResponse");
  EXPECT_EQ(Scim("GET", "/scim/v2/Users/" + id).status, 200u);

  // Okta's profile push: the whole resource again, with the new surname.
  HttpResult replaced = Scim("PUT", "/scim/v2/Users/" + id, R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": ")" + id + R"(",
    "userName": "dana.kim@example.com",
    "name": {"givenName": "Dana", "familyName": "Kim-Osei"},
    "emails": [{"primary": true, "value": "dana.kim@example.com", "type": "work"}],
    "active": true})");
  ASSERT_EQ(replaced.status, 200u) << replaced.body;
  EXPECT_EQ(replaced.Json().at("displayName").as_string(), "Dana Kim-Osei");

  // Okta deactivates with a path-less replace of active.
  HttpResult deactivated = Scim("PATCH", "/scim/v2/Users/" + id, R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "value": {"active": false}}]})");
  ASSERT_EQ(deactivated.status, 200u) << deactivated.body;
  EXPECT_FALSE(deactivated.Json().at("active").as_bool());
  EXPECT_TRUE(AdminView("dana.kim@example.com").at("disabled").as_bool());
  HttpResult reactivated = Scim("PATCH", "/scim/v2/Users/" + id, R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "value": {"active": true}}]})");
  EXPECT_TRUE(reactivated.Json().at("active").as_bool());
}

TEST_F(ScimTest, EntraIdCreatesPatchesAndDeletes) {
  EXPECT_EQ(FindByUserName("erin.osei").at("totalResults").as_int64(), 0);
  // Entra ID's userName is often a login name, its address in emails.
  HttpResult created = Scim("POST", "/scim/v2/Users", R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "erin.osei",
    "active": true,
    "emails": [{"primary": true, "type": "work", "value": "Erin.Osei@example.com"}],
    "meta": {"resourceType": "User"},
    "name": {"formatted": "Erin Osei", "familyName": "Osei", "givenName": "Erin"},
    "roles": [],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "SRE"}})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id(created.Json().at("id").as_string());
  EXPECT_EQ(created.Json().at("userName").as_string(), "erin.osei");
  EXPECT_EQ(created.Json().at("emails").at(0).at("value").as_string(), "erin.osei@example.com");
  bj::object found = FindByUserName("Erin.Osei");
  ASSERT_EQ(found.at("totalResults").as_int64(), 1)
      << "found by the userName Entra gave, in any case";
  EXPECT_EQ(found.at("Resources").at(0).at("id").as_string(), id);
  // Entra sends what changed: the surname alone does not rename them to it.
  HttpResult surname = Scim("PATCH", "/scim/v2/Users/" + id, R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "path": "name.familyName", "value": "Osei-Mensah"}]})");
  ASSERT_EQ(surname.status, 200u) << surname.body;
  EXPECT_EQ(surname.Json().at("displayName").as_string(), "Erin Osei");

  HttpResult patched = Scim("PATCH", "/scim/v2/Users/" + id, R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
      {"op": "Replace", "path": "displayName", "value": "Erin O."},
      {"op": "Add", "path": "name.givenName", "value": "Erin"},
      {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Platform"},
      {"op": "Remove", "path": "title"}]})");
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(patched.Json().at("displayName").as_string(), "Erin O.");

  // Entra ID has sent booleans as strings.
  HttpResult disabled = Scim("PATCH", "/scim/v2/Users/" + id, R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "path": "active", "value": "False"}]})");
  ASSERT_EQ(disabled.status, 200u) << disabled.body;
  EXPECT_FALSE(disabled.Json().at("active").as_bool());

  EXPECT_EQ(Scim("DELETE", "/scim/v2/Users/" + id).status, 204u);
  HttpResult after = Scim("GET", "/scim/v2/Users/" + id);
  ASSERT_EQ(after.status, 200u) << "disabled, not deleted: what they wrote stays theirs";
  EXPECT_FALSE(after.Json().at("active").as_bool());
}

TEST_F(ScimTest, DeprovisioningEndsSessionsAndTokensAtOnce) {
  server_.SetPassword(server_.alice(), "correct horse battery");
  HttpResult signed_in =
      server_.Request("POST", "/api/v1/session", {},
                      R"({"email":"alice@example.com","password":"correct horse battery"})");
  ASSERT_EQ(signed_in.status, 201u);
  std::string cookie =
      signed_in.Header("set-cookie").substr(0, signed_in.Header("set-cookie").find(';'));
  ASSERT_EQ(server_.Get("/api/v1/me", server_.alice()).status, 200u);
  // A user who was here before provisioning began is found by address.
  bj::object found = FindByUserName("alice@example.com");
  ASSERT_EQ(found.at("totalResults").as_int64(), 1);
  std::string id(found.at("Resources").at(0).at("id").as_string());
  HttpResult off = Scim("PATCH", "/scim/v2/Users/" + id, R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "path": "active", "value": false}]})");
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_EQ(server_.Get("/api/v1/me", server_.alice()).status, 401u) << "the token is revoked";
  EXPECT_EQ(server_.Request("GET", "/api/v1/me", {}, {}, {{"Cookie", cookie}}).status, 401u)
      << "the session is over";
  // Back on: the old token stays revoked.
  Scim("PATCH", "/scim/v2/Users/" + id,
       R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "path": "active", "value": true}]})");
  EXPECT_EQ(server_.Get("/api/v1/me", server_.alice()).status, 401u);
}

TEST_F(ScimTest, WhatAProviderGetsWrongIsAScimError) {
  HttpResult anonymous = server_.Request("GET", "/scim/v2/Users");
  EXPECT_EQ(anonymous.status, 401u);
  EXPECT_EQ(anonymous.Header("content-type"), "application/scim+json");
  EXPECT_EQ(anonymous.Json().at("schemas").at(0).as_string(),
            "urn:ietf:params:scim:api:messages:2.0:Error");
  EXPECT_EQ(anonymous.Json().at("status").as_string(), "401");
  EXPECT_EQ(server_
                .Request("GET", "/scim/v2/Users", {}, {},
                         {{"Authorization", "Bearer not-the-provisioning-token"}})
                .status,
            401u);
  EXPECT_EQ(server_.Get("/scim/v2/Users", server_.admin()).status, 401u)
      << "an admin's token is not the provider's";

  HttpResult taken = Scim("POST", "/scim/v2/Users",
                          R"({"userName": "bob@example.com", "active": true})", "application/json");
  EXPECT_EQ(taken.status, 409u);
  EXPECT_EQ(taken.Json().at("scimType").as_string(), "uniqueness");

  HttpResult filter = Scim("GET", "/scim/v2/Users?filter=userName%20sw%20%22a%22");
  EXPECT_EQ(filter.status, 400u);
  EXPECT_EQ(filter.Json().at("scimType").as_string(), "invalidFilter");
  EXPECT_EQ(Scim("GET", "/scim/v2/Users/999999").status, 404u);
  EXPECT_EQ(Scim("GET", "/scim/v2/Users/not-a-number").status, 404u);

  std::string bob = std::to_string(server_.bob().id);
  HttpResult moved = Scim("PATCH", "/scim/v2/Users/" + bob, R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "robert@example.com"}]})");
  EXPECT_EQ(moved.status, 400u);
  EXPECT_EQ(moved.Json().at("scimType").as_string(), "mutability");

  for (const char* body : {R"({"Operations": [{"op": "move", "path": "active"}]})",
                           R"({"Operations": [{"op": "replace", "path": "active"}]})",
                           R"({"Operations": [{"op": "replace", "path": "active", "value": 3}]})",
                           R"({"Operations": "replace"})", R"({"schemas": []})", "[1, 2]", "{"}) {
    HttpResult refused = Scim("PATCH", "/scim/v2/Users/" + bob, body);
    EXPECT_EQ(refused.status, 400u) << body << " -> " << refused.body;
    EXPECT_EQ(refused.Header("content-type"), "application/scim+json") << body;
  }
  EXPECT_EQ(Scim("POST", "/scim/v2/Users", R"({"displayName": "No Name"})").status, 400u);
  EXPECT_EQ(Scim("POST", "/scim/v2/Users", R"({"userName": "no-address", "active": true})").status,
            400u);
  HttpResult text = Scim("POST", "/scim/v2/Users", "userName=x", "text/plain");
  EXPECT_EQ(text.status, 400u);
}

TEST_F(ScimTest, TheLastActiveAdminIsNeverDeprovisioned) {
  std::string admin = std::to_string(server_.admin().id);
  HttpResult refused = Scim("DELETE", "/scim/v2/Users/" + admin);
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_THAT(refused.body, HasSubstr("last active admin"));
  EXPECT_EQ(server_.Get("/api/v1/me", server_.admin()).status, 200u) << "still signed in";
  // With another admin, the provider's word holds.
  std::string bob = std::to_string(server_.bob().id);
  bj::value users = server_.Get("/api/v1/users", server_.admin()).Json();
  int64_t version = 0;
  for (const auto& user : users.at("items").as_array()) {
    if (user.at("id").as_int64() == server_.bob().id) version = user.at("version").as_int64();
  }
  ASSERT_EQ(
      server_.Patch("/api/v1/users/" + bob, server_.admin(), {{"role", "admin"}}, version).status,
      200u);
  EXPECT_EQ(Scim("DELETE", "/scim/v2/Users/" + admin).status, 204u);
}

TEST_F(ScimTest, TheServiceProviderConfigSaysWhatIsSupported) {
  HttpResult config = Scim("GET", "/scim/v2/ServiceProviderConfig");
  ASSERT_EQ(config.status, 200u);
  EXPECT_TRUE(config.Json().at("patch").at("supported").as_bool());
  EXPECT_FALSE(config.Json().at("bulk").at("supported").as_bool());
  EXPECT_TRUE(config.Json().at("filter").at("supported").as_bool());
}

TEST(ScimOffTest, WithoutAProvisioningTokenThereIsNoProvisioning) {
  TestServer server;
  HttpResult absent =
      server.Request("GET", "/scim/v2/Users", {}, {}, {{"Authorization", "Bearer anything"}});
  EXPECT_EQ(absent.status, 404u);
  EXPECT_THAT(absent.body, HasSubstr("not set up"));
}

}  // namespace
}  // namespace debrief::testing
