// Every route of the router table, called by every kind of caller: anonymous, a viewer, the
// author of an account, another member and an admin. Authorisation is decided in one place
// (core/authorization.cc via the router); this proves each route asks it the right question.
#include <gtest/gtest.h>

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
