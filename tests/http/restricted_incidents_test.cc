// A restricted incident leaks nothing to people who may not see it — not its words, not its
// existence, not even a count: the incident list, action items, the library's search (hits,
// total, every facet), lessons and their theme counts, related reviews, anniversaries, the Atom
// feed, the audit log (an admin is no reader by being one), the lint request's names, other
// people's notifications and webhooks. Named as a reader again, the same person sees it all.
// Making it restricted and open again is audited; nobody can lock themselves out.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace bj = boost::json;

constexpr char kWord[] = "quokkafrost";  // In nothing but the restricted review.

class RestrictedIncidentsTest : public ::testing::Test {
 protected:
  std::string Publish(const std::string& title, bool restricted) {
    std::string key =
        server_.CreateIncident(server_.alice(), {{"title", title},
                                                 {"status", "resolved"},
                                                 {"severity", "SEV2"},
                                                 {"services", bj::array{"payments"}},
                                                 {"tags", bj::array{"customer-facing"}},
                                                 {"started_at", "2025-11-20T10:00:00Z"},
                                                 {"resolved_at", "2025-11-20T12:00:00Z"},
                                                 {"restricted", restricted}});
    std::string base = "/api/v1/incidents/" + key;
    EXPECT_EQ(server_
                  .Post(base + "/accounts", server_.alice(),
                        {{"narrative", std::string("The token store answered slowly") +
                                           (restricted ? std::string(", ") + kWord : "")},
                         {"visibility", "in_review"}})
                  .status,
              201u);
    EXPECT_EQ(server_
                  .Post(base + "/factors", server_.alice(),
                        {{"category", restricted ? "dependencies" : "capacity"},
                         {"text", "Keys were rotated by hand."}})
                  .status,
              201u);
    EXPECT_EQ(server_
                  .Post(base + "/lessons", server_.alice(),
                        {{"title", restricted ? std::string("Rotate keys with ") + kWord
                                              : std::string("Size pools from load tests")},
                         {"body", "Automate it."},
                         {"author_ids", bj::array{server_.alice().id}}})
                  .status,
              201u);
    EXPECT_EQ(server_
                  .Post(base + "/actions", server_.alice(),
                        {{"title", restricted ? std::string("Revoke ") + kWord
                                              : std::string("Load test the pool")},
                         {"owner_id", restricted ? server_.alice().id : server_.bob().id},
                         {"due_on", "2025-12-01"}})
                  .status,
              201u);
    if (restricted) SetAccess(key, true, {server_.bob().id});  // The reviewer must see it.
    server_.ApproveReview(key, server_.alice(), server_.bob());
    HttpResult published = server_.PublishReview(key, server_.alice());
    EXPECT_EQ(published.status, 201u) << published.body;
    return key;
  }
  HttpResult SetAccess(const std::string& key, bool restricted, std::vector<int64_t> users,
                       const TestUser* as = nullptr) {
    const TestUser& user = as != nullptr ? *as : server_.alice();
    std::string base = "/api/v1/incidents/" + key;
    int64_t version = server_.Get(base + "/access", user).Json().at("version").as_int64();
    HttpResult changed = server_.Request(
        "PUT", base + "/access", user.token,
        bj::serialize(bj::object{{"restricted", restricted},
                                 {"reader_user_ids", bj::array(users.begin(), users.end())}}),
        {{"If-Match", "\"" + std::to_string(version) + "\""}});
    return changed;
  }
  // Everything `user` can read across incidents, as one text.
  std::string EverythingAcross(const TestUser& user, const std::string& other_key) {
    std::string seen;
    for (const std::string& target :
         {std::string("/api/v1/incidents"), std::string("/api/v1/incidents?q=") + kWord,
          std::string("/api/v1/actions"), std::string("/api/v1/library/search"),
          std::string("/api/v1/library/search?q=") + kWord, std::string("/api/v1/library/lessons"),
          std::string("/api/v1/library/lessons?q=") + kWord,
          std::string("/api/v1/library/on-this-day?date=2026-11-20&window=5"),
          std::string("/api/v1/library/feed.atom"), "/api/v1/incidents/" + other_key + "/related",
          std::string("/api/v1/me/notifications"), std::string("/api/v1/pulse")}) {
      HttpResult result = server_.Get(target, user);
      EXPECT_LT(result.status, 300u) << target << ": " << result.body;
      seen += result.body + "\n";  // Not the target: some name the word looked for.
    }
    return seen;
  }

  TestServer server_;
};

TEST_F(RestrictedIncidentsTest, NothingOfItReachesThoseNotNamed) {
  std::string open = Publish("Checkout pool exhausted", false);
  std::string secret = Publish("Signing keys exposed", true);
  // Bob reviewed it; now only alice (who opened it) sees it.
  ASSERT_EQ(SetAccess(secret, true, {}).status, 200u);

  std::string alice_sees = EverythingAcross(server_.alice(), open);
  EXPECT_THAT(alice_sees, HasSubstr(secret));
  EXPECT_THAT(alice_sees, HasSubstr(kWord));
  for (const TestUser* user : {&server_.bob(), &server_.admin(), &server_.viewer()}) {
    std::string seen = EverythingAcross(*user, open);
    EXPECT_THAT(seen, Not(HasSubstr(secret))) << user->email;
    EXPECT_THAT(seen, Not(HasSubstr(kWord))) << user->email;
    EXPECT_THAT(seen, Not(HasSubstr("Signing keys"))) << user->email;
    EXPECT_THAT(seen, Not(HasSubstr("dependencies"))) << user->email << ": not even a facet count";
  }
  // Not even a count: the totals and facets are as if it never was.
  bj::value alice_search = server_.Get("/api/v1/library/search", server_.alice()).Json();
  bj::value bob_search = server_.Get("/api/v1/library/search", server_.bob()).Json();
  EXPECT_EQ(alice_search.at("total").as_int64(), 2);
  EXPECT_EQ(bob_search.at("total").as_int64(), 1);
  EXPECT_EQ(
      bj::serialize(bob_search.at("facets")),
      bj::serialize(server_.Get("/api/v1/library/search", server_.admin()).Json().at("facets")));
  bj::value bob_lessons = server_.Get("/api/v1/library/lessons", server_.bob()).Json();
  EXPECT_EQ(bob_lessons.at("total").as_int64(), 1);

  // The admin's audit log holds nothing of it.
  std::string audit = server_.Get("/api/v1/audit?limit=500", server_.admin()).body;
  EXPECT_THAT(audit, Not(HasSubstr("Signing keys")));
  EXPECT_EQ(server_.Get("/api/v1/audit?incident=" + secret, server_.admin()).status, 404u);
  // A lint request cannot find out that it exists.
  EXPECT_EQ(
      server_.Post("/api/v1/lint", server_.bob(), {{"text", "x"}, {"incident", secret}}).status,
      404u);
  // Every route about it: as if there were none.
  for (std::string route : {"", "/page", "/export", "/versions", "/timeline", "/related"}) {
    HttpResult result = server_.Get("/api/v1/incidents/" + secret + route, server_.admin());
    EXPECT_EQ(result.status, 404u) << route;
    EXPECT_EQ(result.body.find("Signing"), std::string::npos) << route;
  }

  // Named as a reader, bob sees it all again; opened, everyone does.
  ASSERT_EQ(SetAccess(secret, true, {server_.bob().id}).status, 200u);
  EXPECT_THAT(EverythingAcross(server_.bob(), open), HasSubstr(kWord));
  EXPECT_EQ(server_.Get("/api/v1/incidents/" + secret, server_.bob()).status, 200u);
  EXPECT_EQ(server_.Get("/api/v1/incidents/" + secret, server_.admin()).status, 404u);
  ASSERT_EQ(SetAccess(secret, false, {}).status, 200u);
  EXPECT_THAT(EverythingAcross(server_.admin(), open), HasSubstr(kWord));

  // Both changes are in the audit log, with who made them.
  std::string log = server_.Get("/api/v1/audit?incident=" + secret, server_.admin()).body;
  EXPECT_THAT(log, HasSubstr(R"("restricted":{"from":true,"to":false})"));
  EXPECT_THAT(log, HasSubstr("incident_readers"));
}

TEST_F(RestrictedIncidentsTest, WebhooksAndOtherPeoplesNotificationsSayNothing) {
  HttpResult hook = server_.Post("/api/v1/webhooks", server_.admin(),
                                 {{"url", "https://hooks.example.com/debrief"},
                                  {"events", bj::array{"review.published", "review.requested"}},
                                  {"secret", "a-webhook-secret-of-some-length"}});
  ASSERT_EQ(hook.status, 201u) << hook.body;
  std::string secret = Publish("Signing keys exposed", true);
  std::string open = Publish("Checkout pool exhausted", false);
  std::string deliveries;
  server_.OnServerThread([&] {
    auto pending = server_.store().ListDeliveries(hook.Json().at("id").as_int64(), 100);
    ASSERT_TRUE(pending) << pending.error().message();
    for (const auto& delivery : *pending) deliveries += delivery.payload + "\n";
  });
  EXPECT_THAT(deliveries, HasSubstr(open)) << "the open review is told of";
  EXPECT_THAT(deliveries, Not(HasSubstr(secret)));
  for (const TestUser* user : {&server_.admin(), &server_.viewer()}) {
    EXPECT_THAT(server_.Get("/api/v1/me/notifications", *user).body, Not(HasSubstr(secret)));
  }
}

TEST_F(RestrictedIncidentsTest, OnlyItsOwnPeopleDecideAndNobodyLocksThemselvesOut) {
  std::string key = server_.CreateIncident(server_.alice(), {{"title", "Phishing report"}});
  std::string base = "/api/v1/incidents/" + key;
  // Bob is nobody in it: he may read it (it is open) but not decide who may.
  HttpResult not_his = SetAccess(key, true, {server_.bob().id}, &server_.bob());
  EXPECT_EQ(not_his.status, 403u) << not_his.body;
  EXPECT_FALSE(server_.Get(base, server_.alice()).Json().at("restricted").as_bool());
  // Nor can anyone flip it with a PATCH: only through /access, with its checks and audit.
  int64_t version = server_.Get(base, server_.alice()).Json().at("version").as_int64();
  EXPECT_EQ(server_.Patch(base, server_.alice(), {{"restricted", true}}, version).status, 400u);

  // Made facilitator, he is one of its people; alice restricts it with no readers named.
  ASSERT_EQ(
      server_.Patch(base, server_.alice(), {{"facilitator_id", server_.bob().id}}, version).status,
      200u);
  ASSERT_EQ(SetAccess(key, true, {}).status, 200u);
  EXPECT_EQ(server_.Get(base, server_.bob()).status, 200u) << "the facilitator sees it";
  // Handing the facilitation on would shut him out: refused, nothing changed.
  version = server_.Get(base, server_.bob()).Json().at("version").as_int64();
  HttpResult shut_out =
      server_.Patch(base, server_.bob(), {{"facilitator_id", server_.alice().id}}, version);
  EXPECT_EQ(shut_out.status, 400u) << shut_out.body;
  EXPECT_THAT(shut_out.body, HasSubstr("no longer see"));
  EXPECT_EQ(server_.Get(base, server_.bob()).status, 200u);

  // A stale version is refused; unknown readers and wrong types are clear errors.
  HttpResult stale = server_.Request("PUT", base + "/access", server_.alice().token,
                                     R"({"restricted": false})", {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412u) << stale.body;
  for (const char* body :
       {R"({"restricted": "yes"})", R"({"restricted": true, "reader_user_ids": [999999]})",
        R"({"restricted": true, "reader_group_ids": [999999]})",
        R"({"restricted": true, "reader_user_ids": "all"})", R"({"restricted": true, "x": 1})",
        R"({})"}) {
    HttpResult refused = server_.Request("PUT", base + "/access", server_.alice().token, body,
                                         {{"If-Match", "\"" + std::to_string(version) + "\""}});
    EXPECT_EQ(refused.status, 400u) << body << ": " << refused.body;
  }
  // Two people naming readers on the same page: the second is told someone changed it.
  ASSERT_EQ(server_
                .Request("PUT", base + "/access", server_.alice().token,
                         R"({"restricted": true, "reader_user_ids": [)" +
                             std::to_string(server_.viewer().id) + "]}",
                         {{"If-Match", "\"" + std::to_string(version) + "\""}})
                .status,
            200u);
  EXPECT_EQ(server_
                .Request("PUT", base + "/access", server_.bob().token,
                         R"({"restricted": true, "reader_user_ids": []})",
                         {{"If-Match", "\"" + std::to_string(version) + "\""}})
                .status,
            412u);
  // Viewers do not see the readers' names (they read incidents anonymised).
  EXPECT_EQ(server_.Get(base + "/access", server_.viewer()).status, 403u);
}

TEST_F(RestrictedIncidentsTest, AReviewerMustBeAbleToSeeIt) {
  std::string key =
      server_.CreateIncident(server_.alice(), {{"title", "Token leaked in a log"},
                                               {"status", "resolved"},
                                               {"severity", "SEV3"},
                                               {"started_at", "2025-11-20T10:00:00Z"},
                                               {"resolved_at", "2025-11-20T12:00:00Z"},
                                               {"restricted", true}});
  std::string base = "/api/v1/incidents/" + key;
  auto request_review = [&](int64_t reviewer) {
    int64_t version = server_.Get(base, server_.alice()).Json().at("version").as_int64();
    return server_.Request(
        "POST", base + "/review/request", server_.alice().token,
        bj::serialize(bj::object{{"reviewers", bj::array{reviewer}}}),
        {{"Content-Type", "application/json"}, {"If-Match", std::to_string(version)}});
  };
  HttpResult refused = request_review(server_.bob().id);
  EXPECT_EQ(refused.status, 400u) << refused.body;
  EXPECT_THAT(refused.body, HasSubstr("cannot see this restricted incident"));
  ASSERT_EQ(SetAccess(key, true, {server_.bob().id}).status, 200u);
  EXPECT_EQ(request_review(server_.bob().id).status, 200u);
}

TEST_F(RestrictedIncidentsTest, RestrictingTakesBackWhatWebhooksWereToBeToldAndInboxCounts) {
  HttpResult hook = server_.Post("/api/v1/webhooks", server_.admin(),
                                 {{"url", "https://hooks.example.com/debrief"},
                                  {"events", bj::array{"review.requested"}},
                                  {"secret", "a-webhook-secret-of-some-length"}});
  ASSERT_EQ(hook.status, 201u) << hook.body;
  int64_t webhook = hook.Json().at("id").as_int64();
  std::string key =
      server_.CreateIncident(server_.alice(), {{"title", "Leaked signing key"},
                                               {"status", "resolved"},
                                               {"resolved_at", "2025-11-20T12:00:00Z"}});
  std::string open =
      server_.CreateIncident(server_.alice(), {{"title", "Slow checkout"},
                                               {"status", "resolved"},
                                               {"resolved_at", "2025-11-20T12:00:00Z"}});
  for (const std::string& which : {key, open}) {
    std::string base = "/api/v1/incidents/" + which;
    int64_t version = server_.Get(base, server_.alice()).Json().at("version").as_int64();
    ASSERT_EQ(
        server_
            .Request("POST", base + "/review/request", server_.alice().token,
                     bj::serialize(bj::object{{"reviewers", bj::array{server_.bob().id}}}),
                     {{"Content-Type", "application/json"}, {"If-Match", std::to_string(version)}})
            .status,
        200u);
  }
  std::string log_path = "/api/v1/webhooks/" + std::to_string(webhook) + "/deliveries";
  ASSERT_THAT(server_.Get(log_path, server_.admin()).body, HasSubstr(key));
  ASSERT_EQ(SetAccess(key, true, {}).status, 200u);
  // Queued before it was restricted, never sent now, and gone from the admin's log.
  std::string log = server_.Get(log_path, server_.admin()).body;
  EXPECT_THAT(log, Not(HasSubstr(key)));
  EXPECT_THAT(log, HasSubstr(open)) << "the open incident's delivery stays";

  // An unread notification about an incident the reader no longer sees is not counted, on any
  // page of the inbox.
  int64_t incident_id = 0;
  server_.OnServerThread([&] {
    incident_id = server_.store().GetIncident(key)->id;
    core::Notification stale;
    stale.user_id = server_.bob().id;
    stale.incident_id = incident_id;
    stale.incident_key = key;
    stale.title = "An old message about it";
    stale.path = "/incidents/" + key;
    stale.dedup_key = "stale-after-restriction";
    ASSERT_TRUE(server_.store().AddNotification(stale, {}));
  });
  bj::value inbox = server_.Get("/api/v1/me/notifications?limit=1", server_.bob()).Json();
  int64_t listed_unread = 0;
  bj::value everything = server_.Get("/api/v1/me/notifications?limit=100", server_.bob()).Json();
  for (const bj::value& item : everything.at("items").as_array()) {
    if (item.at("read_at").is_null()) ++listed_unread;
  }
  EXPECT_EQ(inbox.at("unread").as_int64(), listed_unread);
  EXPECT_THAT(bj::serialize(everything), Not(HasSubstr(key)));
}

TEST_F(RestrictedIncidentsTest, ASearchsScoresSayTheOrderAndNothingOfWhatIsHidden) {
  Publish("Checkout pool exhausted", false);
  Publish("Ledger consumer lag", false);
  Publish("Signing keys exposed", true);
  // Relevance figures count every review the index holds; the answer's scores are the ranks.
  // The viewer is named nowhere (Bob reviewed the restricted one, so he may read it).
  bj::value found = server_.Get("/api/v1/library/search?q=token", server_.viewer()).Json();
  const bj::array& items = found.at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << bj::serialize(found);
  EXPECT_EQ(items[0].at("score").as_double(), 1.0);
  EXPECT_EQ(items[1].at("score").as_double(), 0.5);
  bj::value second =
      server_.Get("/api/v1/library/search?q=token&offset=1", server_.viewer()).Json();
  EXPECT_EQ(second.at("items").at(0).at("score").as_double(), 0.5);
}

TEST_F(RestrictedIncidentsTest, AnActionOwnerMustBeAbleToSeeIt) {
  std::string key = server_.CreateIncident(
      server_.alice(), {{"title", "Credentials in a crash dump"}, {"restricted", true}});
  std::string actions = "/api/v1/incidents/" + key + "/actions";
  HttpResult refused = server_.Post(
      actions, server_.alice(), {{"title", "Scrub crash dumps"}, {"owner_id", server_.bob().id}});
  EXPECT_EQ(refused.status, 400u) << refused.body;
  EXPECT_THAT(refused.body, HasSubstr("cannot see this restricted incident"));
  EXPECT_THAT(refused.body, HasSubstr("owner_id"));
  HttpResult own = server_.Post(actions, server_.alice(),
                                {{"title", "Scrub crash dumps"}, {"owner_id", server_.alice().id}});
  ASSERT_EQ(own.status, 201u) << own.body;
  // Handed to Bob once he may read it.
  ASSERT_EQ(SetAccess(key, true, {server_.bob().id}).status, 200u);
  bj::value action = own.Json();
  EXPECT_EQ(server_
                .Patch(actions + "/" + std::to_string(action.at("id").as_int64()), server_.alice(),
                       {{"owner_id", server_.bob().id}}, action.at("version").as_int64())
                .status,
            200u);
}

}  // namespace
}  // namespace debrief::testing
