// SCIM resources, filters and PatchOps as providers send them: Okta's path-less replace, Entra
// ID's capitalised ops with paths and string booleans, the schema-prefixed paths, attributes
// debrief keeps nothing of, and what is not SCIM.
#include "formats/scim/scim_user.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace debrief::formats::scim {
namespace {

boost::json::object Object(std::string_view text) { return boost::json::parse(text).as_object(); }

TEST(ScimUserTest, ReadsTheAddressAndNameFromWhereverTheyAre) {
  auto okta = ParseUser(Object(R"({"userName": "dana@example.com",
      "name": {"givenName": "Dana", "familyName": "Kim"}, "password": "x", "active": true})"));
  ASSERT_TRUE(okta) << okta.error().message();
  EXPECT_EQ(okta->Address(), "dana@example.com");
  EXPECT_EQ(okta->Name(), "Dana Kim");
  EXPECT_EQ(okta->active, true);

  auto entra = ParseUser(Object(R"({"userName": "erin.osei", "active": "True",
      "emails": [{"type": "home", "value": "erin@home.example"},
                 {"primary": "true", "type": "work", "value": "erin@example.com"}],
      "displayName": "Erin Osei",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "SRE"}})"));
  ASSERT_TRUE(entra) << entra.error().message();
  EXPECT_EQ(entra->Address(), "erin@example.com") << "the primary address";
  EXPECT_EQ(entra->Name(), "Erin Osei");
  EXPECT_EQ(entra->active, true);

  auto work = ParseUser(Object(R"({"userName": "x", "emails": [
      {"type": "home", "value": "x@home.example"}, {"type": "work", "value": "x@example.com"}]})"));
  EXPECT_EQ(work->Address(), "x@example.com") << "no primary: the work address";
}

TEST(ScimUserTest, WrongTypesAreNamed) {
  EXPECT_EQ(ParseUser(Object(R"({"userName": 7})")).error().field(), "userName");
  EXPECT_EQ(ParseUser(Object(R"({"userName": "a@b.c", "active": "maybe"})")).error().field(),
            "active");
  EXPECT_EQ(
      ParseUser(Object(R"({"userName": "a@b.c", "emails": {"value": "a@b.c"}})")).error().field(),
      "emails");
  EXPECT_FALSE(ParseUser(Object(R"({"displayName": "No userName"})")));
}

TEST(ScimUserTest, PatchesInOktasAndEntrasShapes) {
  auto okta =
      ParseUserPatch(Object(R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      "Operations": [{"op": "replace", "value": {"active": false, "name.givenName": "Dee"}}]})"));
  ASSERT_TRUE(okta) << okta.error().message();
  EXPECT_EQ(okta->active, false);
  EXPECT_EQ(okta->given_name, "Dee");

  auto entra = ParseUserPatch(Object(R"({"Operations": [
      {"op": "Replace", "path": "urn:ietf:params:scim:schemas:core:2.0:User:active", "value": "False"},
      {"op": "Add", "path": "displayName", "value": "Erin O."},
      {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "erin@example.com"},
      {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "x"},
      {"op": "Remove", "path": "title"}]})"));
  ASSERT_TRUE(entra) << entra.error().message();
  EXPECT_EQ(entra->active, false);
  EXPECT_EQ(entra->display_name, "Erin O.");
  EXPECT_EQ(entra->email, "erin@example.com");

  // The surname alone says nothing of the whole name; null is unassigned, not an error.
  auto surname = ParseUserPatch(Object(R"({"Operations": [
      {"op": "Replace", "path": "name.familyName", "value": "Smith"},
      {"op": "Replace", "path": "displayName", "value": null}]})"));
  ASSERT_TRUE(surname) << surname.error().message();
  EXPECT_EQ(surname->family_name, "Smith");
  EXPECT_FALSE(surname->Name());

  auto later_wins = ParseUserPatch(Object(R"({"Operations": [
      {"op": "replace", "path": "active", "value": false},
      {"op": "replace", "path": "active", "value": true}]})"));
  EXPECT_EQ(later_wins->active, true);
}

TEST(ScimUserTest, WhatIsNotAPatchOpIsRefused) {
  for (const char* text :
       {R"({})", R"({"Operations": {}})", R"({"Operations": [1]})",
        R"({"Operations": [{"op": "move", "path": "active", "value": 1}]})",
        R"({"Operations": [{"op": "add", "path": "active"}]})",
        R"({"Operations": [{"op": "replace", "value": "active"}]})",
        R"({"Operations": [{"op": "replace", "path": "active", "value": 1}]})"}) {
    EXPECT_FALSE(ParseUserPatch(Object(text))) << text;
  }
}

TEST(ScimFilterTest, ReadsEqualityOnTheAttributesProvidersAskBy) {
  auto okta = ParseFilter(R"(userName eq "dana@example.com")");
  ASSERT_TRUE(okta);
  EXPECT_EQ(okta->attribute, "username");
  EXPECT_EQ(okta->value, "dana@example.com");
  auto cased = ParseFilter(R"(  USERNAME EQ "say \"hi\""  )");
  ASSERT_TRUE(cased);
  EXPECT_EQ(cased->value, "say \"hi\"");
  EXPECT_FALSE(ParseFilter(R"(externalId eq "00u1")")) << "no external ids are kept";
  EXPECT_EQ(ParseFilter(R"(emails eq "a@b.c")")->attribute, "emails.value");
  for (const char* text : {"", "userName", R"(userName sw "a")", R"(userName eq a)",
                           R"(userName eq "a)", R"(userName eq "a" and id eq "1")",
                           R"(title eq "x")", R"(userName eq "a" or userName eq "b")"}) {
    EXPECT_FALSE(ParseFilter(text)) << text;
  }
}

TEST(ScimUserTest, EncodesAUserAsAResource) {
  core::User user;
  user.id = 12;
  user.version = 3;
  user.email = "dana@example.com";
  user.name = "Dana Kim";
  user.disabled = true;
  boost::json::object resource = EncodeUser(user, "dana.kim", "/scim/v2");
  EXPECT_EQ(resource.at("id").as_string(), "12");
  EXPECT_EQ(resource.at("userName").as_string(), "dana.kim");
  EXPECT_EQ(resource.at("emails").at(0).at("value").as_string(), "dana@example.com");
  EXPECT_FALSE(resource.at("active").as_bool());
  EXPECT_EQ(resource.at("meta").at("location").as_string(), "/scim/v2/Users/12");
  EXPECT_EQ(resource.at("meta").at("version").as_string(), "W/\"3\"");
  EXPECT_FALSE(resource.contains("password"));
}

}  // namespace
}  // namespace debrief::formats::scim
