// Every route of the router table, called by every kind of caller: anonymous, a viewer, the
// author of an account, another member and an admin. Authorisation is decided in one place
// (core/authorization.cc via the router); this proves each route asks it the right question.
#include <gtest/gtest.h>

#include "core/group.h"
#include "http/router.h"
#include "security/token.h"
#include "support/route_paths.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;
using testing::TestUser;

enum class Caller { kAnonymous, kViewer, kAuthor, kOtherMember, kAdmin };

const char* Name(Caller caller) {
  switch (caller) {
    case Caller::kAnonymous:
      return "anonymous";
    case Caller::kViewer:
      return "viewer";
    case Caller::kAuthor:
      return "author";
    case Caller::kOtherMember:
      return "other member";
    case Caller::kAdmin:
      return "admin";
  }
  return "?";
}

// What a caller should get from a route: allowed through, or stopped with this status.
unsigned ExpectedDenial(const Route& route, Caller caller) {
  if (route.permission == core::Permission::kPublic) return 0;
  // Only an alert hook's own token opens its routes, and only the provisioning token the SCIM
  // routes: no user's credentials do, an admin's neither.
  if (route.permission == core::Permission::kAlertHook) return 401;
  if (route.permission == core::Permission::kProvisioning) return 401;
  if (caller == Caller::kAnonymous) return 401;
  bool viewer = caller == Caller::kViewer;
  if (route.permission == core::Permission::kWrite && viewer) return 403;
  if (route.permission == core::Permission::kAdmin && caller != Caller::kAdmin) return 403;
  // The facilitator's questions are the incident's facilitator's alone (none is set here), not
  // even an admin's.
  if (route.pattern.ends_with("/facilitation")) return 403;
  // The account under test is the author's private account: nobody else learns it exists.
  bool account_route = route.pattern.find("/accounts/{id}") != std::string_view::npos;
  if (account_route && caller != Caller::kAuthor) return 404;
  return 0;
}

class AuthorizationMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice());
    std::string base = "/api/v1/incidents/" + key_;
    HttpResult account = server_.Post(base + "/accounts", server_.alice(), bj::object{});
    ASSERT_EQ(account.status, 201u) << account.body;
    account_id_ = account.Json().at("id").as_int64();
    HttpResult entry =
        server_.Post(base + "/accounts/" + std::to_string(account_id_) + "/entries",
                     server_.alice(), {{"at", "2026-03-14T10:00:00Z"}, {"did", "Paged"}});
    ASSERT_EQ(entry.status, 201u) << entry.body;
    entry_id_ = entry.Json().at("id").as_int64();
  }

  // Account routes use the real private account; other records a missing id, which only
  // answers 404 after authorisation has let the caller through.
  std::string Fill(std::string_view pattern) {
    return testing::FillRoute(pattern, {key_, account_id_, entry_id_, server_.bob().id, 999999});
  }

  std::string TokenOf(Caller caller) {
    switch (caller) {
      case Caller::kAnonymous:
        return {};
      case Caller::kViewer:
        return server_.viewer().token;
      case Caller::kAuthor:
        return server_.alice().token;
      case Caller::kOtherMember:
        return server_.bob().token;
      case Caller::kAdmin:
        return server_.admin().token;
    }
    return {};
  }

  // Provisioning is set up, so its routes answer (and refuse users) rather than being absent.
  TestServer server_{10'000, {}, 1024 * 1024, nullptr, [](http::Authenticator::Options& options) {
                       options.provisioning_token_hash =
                           security::HashToken("the-identity-providers-provisioning-token");
                     }};
  std::string key_;
  int64_t account_id_ = 0;
  int64_t entry_id_ = 0;
};

TEST_F(AuthorizationMatrix, EveryRouteForEveryCaller) {
  int checked = 0;
  for (const Route& route : Routes()) {
    for (Caller caller : {Caller::kAnonymous, Caller::kViewer, Caller::kAuthor,
                          Caller::kOtherMember, Caller::kAdmin}) {
      std::string method(boost::beast::http::to_string(route.method));
      // A stale If-Match and an empty object: authorised writes stop at the version or body
      // checks, so the matrix changes nothing as it goes.
      HttpResult result = server_.Request(method, Fill(route.pattern), TokenOf(caller), "{}",
                                          {{"If-Match", "\"999\""}});
      unsigned denial = ExpectedDenial(route, caller);
      std::string where = method + " " + std::string(route.pattern) + " as " + Name(caller) + ": " +
                          std::to_string(result.status) + " " + result.body;
      if (denial != 0) {
        EXPECT_EQ(result.status, denial) << where;
      } else {
        EXPECT_NE(result.status, 401u) << where;
        EXPECT_NE(result.status, 403u) << where;
        EXPECT_LT(result.status, 500u) << where;
        if (route.pattern.find("/accounts/{id}") != std::string_view::npos) {
          EXPECT_NE(result.status, 404u) << where;
        }
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(Routes().size()) * 5);
}

// The same routes when the incident is restricted: its creator (the author here), a member among
// its participants, a member of a group named as reader and the viewer named as reader get what
// they got before; another member and an admin, named nowhere, find no such incident on every
// route about it — after the checks of who they are and what their role allows, which come
// first and say nothing of the incident.
TEST_F(AuthorizationMatrix, EveryRouteForEveryCallerOfARestrictedIncident) {
  std::string base = "/api/v1/incidents/" + key_;
  TestUser participant = server_.AddPerson("pat@example.com", core::Role::kMember);
  TestUser in_group = server_.AddPerson("gus@example.com", core::Role::kMember);
  ASSERT_EQ(server_
                .Post(base + "/participants", server_.alice(),
                      {{"name", "Pat"}, {"role", "responder"}, {"user_id", participant.id}})
                .status,
            201u);
  int64_t group_id = 0;
  server_.OnServerThread([&] {
    core::Group security;
    security.name = "security";
    security.member_ids = {in_group.id};
    auto created = server_.store().CreateGroup(security, {});
    ASSERT_TRUE(created) << created.error().message();
    group_id = created->id;
  });
  int64_t version = server_.Get(base, server_.alice()).Json().at("version").as_int64();
  HttpResult restricted =
      server_.Request("PUT", base + "/access", server_.alice().token,
                      bj::serialize(bj::object{{"restricted", true},
                                               {"reader_user_ids", {server_.viewer().id}},
                                               {"reader_group_ids", {group_id}}}),
                      {{"If-Match", "\"" + std::to_string(version) + "\""}});
  ASSERT_EQ(restricted.status, 200u) << restricted.body;

  struct Who {
    const char* name;
    std::string token;
    Caller acts_as;  // What they may do where nothing is restricted.
    bool sees;
  };
  std::vector<Who> callers = {
      {"anonymous", "", Caller::kAnonymous, false},
      {"viewer named as reader", server_.viewer().token, Caller::kViewer, true},
      {"creator", server_.alice().token, Caller::kAuthor, true},
      {"participant", participant.token, Caller::kOtherMember, true},
      {"member of a reader group", in_group.token, Caller::kOtherMember, true},
      {"other member", server_.bob().token, Caller::kOtherMember, false},
      {"admin", server_.admin().token, Caller::kAdmin, false},
  };
  int hidden = 0;
  for (const Route& route : Routes()) {
    bool about_the_incident = route.pattern.starts_with("/api/v1/incidents/{key}");
    for (const Who& who : callers) {
      std::string method(boost::beast::http::to_string(route.method));
      HttpResult result =
          server_.Request(method, Fill(route.pattern), who.token, "{}", {{"If-Match", "\"999\""}});
      unsigned denial = ExpectedDenial(route, who.acts_as);
      // Who they are and what their role allows come first; then whether they may see it.
      bool role_refused =
          (route.permission == core::Permission::kWrite && who.acts_as == Caller::kViewer) ||
          (route.permission == core::Permission::kAdmin && who.acts_as != Caller::kAdmin);
      if (about_the_incident && !who.sees && who.acts_as != Caller::kAnonymous && !role_refused) {
        denial = 404;
        ++hidden;
      }
      std::string where = method + " " + std::string(route.pattern) + " as " + who.name + ": " +
                          std::to_string(result.status) + " " + result.body;
      if (denial != 0) {
        EXPECT_EQ(result.status, denial) << where;
        if (denial == 404 && about_the_incident && !who.sees) {
          // Word for word what an incident that does not exist gets.
          EXPECT_NE(result.body.find("no incident " + key_), std::string::npos) << where;
        }
      } else {
        EXPECT_NE(result.status, 401u) << where;
        EXPECT_NE(result.status, 403u) << where;
        EXPECT_LT(result.status, 500u) << where;
      }
    }
  }
  EXPECT_GT(hidden, 100) << "every route about the incident, for both callers named nowhere";
}

TEST_F(AuthorizationMatrix, NonAuthorsCannotWriteAReleasedAccount) {
  std::string path = "/api/v1/incidents/" + key_ + "/accounts/" + std::to_string(account_id_);
  ASSERT_EQ(server_.Patch(path, server_.alice(), {{"visibility", "in_review"}}, 1).status, 200u);
  for (const TestUser* user : {&server_.bob(), &server_.admin()}) {
    EXPECT_EQ(server_.Patch(path, *user, {{"narrative", "edited by someone else"}}, 2).status,
              403u);
    EXPECT_EQ(server_.Delete(path, *user, 2).status, 403u);
    EXPECT_EQ(server_.Post(path + "/entries", *user, {{"at", "2026-03-14T10:00:00Z"}, {"did", "x"}})
                  .status,
              403u);
    EXPECT_EQ(server_.Get(path, *user).status, 200u);
  }
  EXPECT_EQ(server_.Get(path, server_.viewer()).status, 200u);
}

}  // namespace
}  // namespace debrief::http
