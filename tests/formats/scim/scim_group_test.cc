// SCIM Group resources and the PatchOps providers change them with: Okta's filtered remove and
// path-less rename, Entra ID's capitalised ops with value lists, schema-prefixed paths, member ids
// as strings or numbers, and what is not a group of people (nested groups, ids that are not ours).
#include "formats/scim/scim_group.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace debrief::formats::scim {
namespace {

boost::json::object Object(std::string_view text) { return boost::json::parse(text).as_object(); }

std::vector<int64_t> MembersAfter(std::vector<int64_t> members, std::string_view patch) {
  auto changes = ParseGroupPatch(Object(patch));
  EXPECT_TRUE(changes) << changes.error().message();
  core::Group group;
  group.member_ids = std::move(members);
  return ApplyGroupChanges(group, changes.value_or(std::vector<GroupChange>{})).member_ids;
}

TEST(ScimGroupTest, ReadsAGroupWithItsMembers) {
  auto okta = ParseGroup(Object(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "displayName": "  SRE ", "members": [{"value": "12", "display": "dana@example.com"},
                                           {"value": 7, "$ref": "https://x/Users/7"}]})"));
  ASSERT_TRUE(okta) << okta.error().message();
  EXPECT_EQ(okta->display_name, "SRE");
  EXPECT_EQ(okta->member_ids, (std::vector<int64_t>{12, 7}));

  auto prefixed = ParseGroup(Object(R"({"externalId": "8aa1",
      "urn:ietf:params:scim:schemas:core:2.0:Group:displayName": "Ops", "members": null})"));
  ASSERT_TRUE(prefixed) << prefixed.error().message();
  EXPECT_EQ(prefixed->display_name, "Ops");
  EXPECT_TRUE(prefixed->member_ids.empty());
}

TEST(ScimGroupTest, RefusesWhatIsNotAGroupOfPeople) {
  EXPECT_EQ(ParseGroup(Object(R"({"members": []})")).error().field(), "displayName");
  EXPECT_FALSE(ParseGroup(Object(R"({"displayName": ""})")));
  EXPECT_FALSE(ParseGroup(Object(R"({"displayName": 5})")));
  EXPECT_FALSE(ParseGroup(Object(R"({"displayName": ")" + std::string(256, 'a') + R"("})")));
  for (const char* members :
       {R"("everyone")", R"([1])", R"([{"display": "x"}])", R"([{"value": "abc"}])",
        R"([{"value": "-3"}])", R"([{"value": "0"}])", R"([{"value": "12x"}])",
        R"([{"value": true}])", R"([{"value": "5", "type": "Group"}])"}) {
    auto parsed =
        ParseGroup(Object(std::string(R"({"displayName": "SRE", "members": )") + members + "}"));
    ASSERT_FALSE(parsed) << members;
    EXPECT_EQ(parsed.error().field(), "members") << members;
  }
}

TEST(ScimGroupTest, AppliesOktasPatchOperations) {
  EXPECT_EQ(MembersAfter({3}, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      "Operations": [{"op": "add", "path": "members",
                      "value": [{"value": "9", "display": "a@example.com"}, {"value": "3"}]}]})"),
            (std::vector<int64_t>{3, 9}));
  EXPECT_EQ(MembersAfter({3, 9}, R"({"Operations": [{"op": "remove",
      "path": "members[value eq \"9\"]"}]})"),
            (std::vector<int64_t>{3}));
  auto rename = ParseGroupPatch(Object(R"({"Operations": [{"op": "replace",
      "value": {"id": "4", "displayName": "SRE On-Call"}}]})"));
  ASSERT_TRUE(rename) << rename.error().message();
  core::Group group;
  group.name = "SRE";
  group.member_ids = {5};
  core::Group renamed = ApplyGroupChanges(group, *rename);
  EXPECT_EQ(renamed.name, "SRE On-Call");
  EXPECT_EQ(renamed.member_ids, std::vector<int64_t>{5});
}

TEST(ScimGroupTest, AppliesEntraIdsPatchOperations) {
  EXPECT_EQ(MembersAfter({}, R"({"Operations": [{"op": "Add", "path": "members",
      "value": [{"value": "4"}, {"value": "2"}, {"value": "4"}]}]})"),
            (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(MembersAfter({2, 4, 6}, R"({"Operations": [{"op": "Remove", "path": "members",
      "value": [{"value": "4"}, {"value": "6"}]}]})"),
            (std::vector<int64_t>{2}));
  EXPECT_EQ(MembersAfter({2, 4}, R"({"Operations": [{"op": "Replace", "path": "members",
      "value": [{"value": "8"}]}]})"),
            (std::vector<int64_t>{8}));
  EXPECT_EQ(MembersAfter({2, 4}, R"({"Operations": [{"op": "remove", "path": "members"}]})"),
            (std::vector<int64_t>{}));
  // In order: a later op works on what the earlier ones left.
  EXPECT_EQ(MembersAfter({1}, R"({"Operations": [
      {"op": "Remove", "path": "members"},
      {"op": "Add", "path": "urn:ietf:params:scim:schemas:core:2.0:Group:members",
       "value": [{"value": "5"}]},
      {"op": "Replace", "path": "externalId", "value": "x"}]})"),
            (std::vector<int64_t>{5}));
  auto rename = ParseGroupPatch(
      Object(R"({"Operations": [{"op": "Replace", "path": "displayName", "value": "Ops"}]})"));
  ASSERT_TRUE(rename);
  ASSERT_EQ(rename->size(), 1u);
  EXPECT_EQ((*rename)[0].kind, GroupChange::Kind::kRename);
  EXPECT_EQ((*rename)[0].name, "Ops");
}

TEST(ScimGroupTest, RefusesPatchesItCannotApply) {
  for (const char* patch : {
           R"({"operations": "all"})",
           R"({"Operations": [{"op": "move", "path": "members"}]})",
           R"({"Operations": [{"op": "add", "path": "members"}]})",
           R"({"Operations": [{"op": "remove"}]})",
           R"({"Operations": [{"op": "remove", "path": "displayName"}]})",
           R"({"Operations": [{"op": "replace", "path": "displayName", "value": ""}]})",
           R"({"Operations": [{"op": "add", "path": "members[value eq \"3\"]", "value": []}]})",
           R"({"Operations": [{"op": "remove", "path": "members[display eq \"a\"]"}]})",
           R"({"Operations": [{"op": "remove", "path": "members[value eq \"a\"]"}]})",
           R"({"Operations": [{"op": "remove", "path": "members[value eq \"3\""}]})",
           R"({"Operations": [{"op": "replace", "value": "SRE"}]})",
           R"({"Operations": [{"op": "add", "path": "members", "value": {"value": "3"}}]})",
       }) {
    EXPECT_FALSE(ParseGroupPatch(Object(patch))) << patch;
  }
}

TEST(ScimGroupTest, FiltersByDisplayNameOrId) {
  auto okta = ParseGroupFilter(R"(displayName eq "SRE On-Call")");
  ASSERT_TRUE(okta) << okta.error().message();
  EXPECT_EQ(okta->attribute, "displayname");
  EXPECT_EQ(okta->value, "SRE On-Call");
  EXPECT_EQ(ParseGroupFilter(R"(id eq "4")")->attribute, "id");
  EXPECT_EQ(ParseGroupFilter(R"(displayName co "SRE")").error().field(), "filter");
  EXPECT_FALSE(ParseGroupFilter(R"(userName eq "a")"));
  EXPECT_FALSE(ParseGroupFilter(R"(externalId eq "8aa1")"));
}

TEST(ScimGroupTest, EncodesWithOrWithoutMembers) {
  core::Group group;
  group.id = 4;
  group.version = 3;
  group.name = "SRE";
  group.member_ids = {7};
  auto with = EncodeGroup(group, {{7, "dana@example.com"}}, true, "/scim/v2");
  EXPECT_EQ(with.at("id").as_string(), "4");
  EXPECT_EQ(with.at("displayName").as_string(), "SRE");
  EXPECT_EQ(with.at("members").at(0).at("value").as_string(), "7");
  EXPECT_EQ(with.at("members").at(0).at("display").as_string(), "dana@example.com");
  EXPECT_EQ(with.at("members").at(0).at("$ref").as_string(), "/scim/v2/Users/7");
  EXPECT_EQ(with.at("meta").at("location").as_string(), "/scim/v2/Groups/4");
  EXPECT_EQ(with.at("meta").at("version").as_string(), "W/\"3\"");
  EXPECT_FALSE(
      EncodeGroup(group, {{7, "dana@example.com"}}, false, "/scim/v2").contains("members"));
}

}  // namespace
}  // namespace debrief::formats::scim
