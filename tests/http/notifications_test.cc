// Notifications through the API: the inbox each person reads, marking it read, and the settings
// that say how they are told; the triggers fire from the normal requests of a review.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

int64_t Id(const HttpResult& result) { return result.Json().at("id").as_int64(); }
int64_t Version(const HttpResult& result) { return result.Json().at("version").as_int64(); }

class NotificationsTest : public ::testing::Test {
 protected:
  bj::value Inbox(const testing::TestUser& user) {
    HttpResult inbox = server_.Get("/api/v1/me/notifications", user);
    EXPECT_EQ(inbox.status, 200u) << inbox.body;
    return inbox.Json();
  }
  TestServer server_;
};

TEST_F(NotificationsTest, Issue19PeopleAreToldWhatNeedsThemAndMarkItRead) {
  std::string key = server_.CreateIncident(server_.alice());
  std::string base = "/api/v1/incidents/" + key;
  ASSERT_EQ(server_
                .Post(base + "/participants", server_.alice(),
                      {{"user_id", server_.bob().id}, {"role", "on_call"}})
                .status,
            201u);
  HttpResult comment =
      server_.Post(base + "/comments", server_.alice(),
                   {{"anchor", "section:summary"}, {"body", "@Bob does this match what you saw?"}});
  ASSERT_EQ(comment.status, 201u) << comment.body;

  bj::value inbox = Inbox(server_.bob());
  EXPECT_EQ(inbox.at("unread").as_int64(), 2);
  const bj::array& items = inbox.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("kind").as_string(), "mentioned");
  EXPECT_EQ(items[0].at("path").as_string(),
            "/incidents/" + key + "/review#comment-" + std::to_string(Id(comment)));
  EXPECT_EQ(items[1].at("kind").as_string(), "added_to_incident");
  EXPECT_EQ(items[1].at("title").as_string(), "Alice added you to " + key + ": Checkout errors");
  EXPECT_NE(items[1].at("next_step").as_string().find("Write your account"), std::string::npos);
  // The comment's words stay in the review.
  EXPECT_EQ(bj::serialize(inbox).find("what you saw"), std::string::npos);
  // Nobody else's inbox holds them, and Alice is not told what she did herself.
  EXPECT_EQ(Inbox(server_.alice()).at("unread").as_int64(), 0);
  EXPECT_EQ(Inbox(server_.viewer()).at("items").as_array().size(), 0u);

  HttpResult one = server_.Post("/api/v1/me/notifications/read", server_.bob(),
                                {{"ids", bj::array{items[1].at("id")}}});
  ASSERT_EQ(one.status, 200u) << one.body;
  EXPECT_EQ(one.Json().at("unread").as_int64(), 1);
  // Someone else's ids change nothing.
  HttpResult theirs = server_.Post("/api/v1/me/notifications/read", server_.alice(),
                                   {{"ids", bj::array{items[0].at("id")}}});
  EXPECT_EQ(theirs.status, 200u);
  EXPECT_EQ(Inbox(server_.bob()).at("unread").as_int64(), 1);
  HttpResult all = server_.Post("/api/v1/me/notifications/read", server_.bob(), bj::object{});
  EXPECT_EQ(all.Json().at("unread").as_int64(), 0);
}

TEST_F(NotificationsTest, Issue19ReleasingAnAccountAndAskingForReviewNotify) {
  std::string key =
      server_.CreateIncident(server_.alice(), {{"status", "resolved"},
                                               {"started_at", "2026-03-14T10:00:00Z"},
                                               {"resolved_at", "2026-03-14T11:00:00Z"}});
  std::string base = "/api/v1/incidents/" + key;
  ASSERT_EQ(
      server_.Post(base + "/participants", server_.bob(), {{"user_id", server_.alice().id}}).status,
      201u);
  HttpResult account =
      server_.Post(base + "/accounts", server_.bob(), {{"narrative", "the secret draft"}});
  ASSERT_EQ(account.status, 201u);
  HttpResult shared = server_.Patch(base + "/accounts/" + std::to_string(Id(account)),
                                    server_.bob(), {{"visibility", "shared"}}, Version(account));
  ASSERT_EQ(shared.status, 200u) << shared.body;
  bj::value alice = Inbox(server_.alice());
  ASSERT_FALSE(alice.at("items").as_array().empty());
  EXPECT_EQ(alice.at("items").at(0).at("kind").as_string(), "account_released");
  EXPECT_EQ(alice.at("items").at(0).at("path").as_string(), "/incidents/" + key + "/accounts");
  EXPECT_EQ(bj::serialize(alice).find("secret draft"), std::string::npos);

  HttpResult incident = server_.Get(base, server_.alice());
  HttpResult requested = server_.Request(
      "POST", base + "/review/request", server_.alice().token,
      bj::serialize(bj::object{{"reviewers", bj::array{server_.admin().id, server_.bob().id}}}),
      {{"If-Match", std::to_string(Version(incident))}});
  ASSERT_EQ(requested.status, 200u) << requested.body;
  EXPECT_EQ(Inbox(server_.admin()).at("items").at(0).at("kind").as_string(), "review_requested");
}

TEST_F(NotificationsTest, SettingsAreReadAndChangedWithTheirVersion) {
  HttpResult defaults = server_.Get("/api/v1/me/notification-settings", server_.bob());
  ASSERT_EQ(defaults.status, 200u) << defaults.body;
  bj::value body = defaults.Json();
  EXPECT_EQ(body.at("version").as_int64(), 0);
  EXPECT_EQ(body.at("email_kinds").as_array().size(), 7u);
  EXPECT_EQ(body.at("kinds").as_array().size(), 7u);
  EXPECT_FALSE(body.at("email_available").as_bool());

  bj::object change{{"email_kinds", bj::array{"mentioned", "review_requested"}},
                    {"email_digest_hour", 8}};
  std::string path = "/api/v1/me/notification-settings";
  // The first change says it creates; later ones name the version they read.
  EXPECT_EQ(server_.Request("PUT", path, server_.bob().token, bj::serialize(change)).status, 400u);
  HttpResult created = server_.Request("PUT", path, server_.bob().token, bj::serialize(change),
                                       {{"If-None-Match", "*"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  EXPECT_EQ(created.Json().at("version").as_int64(), 1);
  EXPECT_EQ(created.Json().at("email_digest_hour").as_int64(), 8);
  EXPECT_EQ(server_
                .Request("PUT", path, server_.bob().token, bj::serialize(change),
                         {{"If-None-Match", "*"}})
                .status,
            409u);
  EXPECT_EQ(
      server_.Request("PUT", path, server_.bob().token, bj::serialize(change), {{"If-Match", "7"}})
          .status,
      412u);
  for (const bj::object& bad :
       {bj::object{{"email_kinds", bj::array{"everything"}}},
        bj::object{{"email_kinds", "mentioned"}}, bj::object{{"email_digest_hour", 24}},
        bj::object{{"email_digest_hour", "8"}}, bj::object{{"chat_format", "irc"}},
        bj::object{{"chat_webhook_url", "https://internal.example.com/admin"},
                   {"chat_kinds", bj::array{"mentioned"}}},
        bj::object{{"chat_kinds", bj::array{"mentioned"}}}, bj::object{{"volume", 11}}}) {
    HttpResult refused =
        server_.Request("PUT", path, server_.bob().token, bj::serialize(bad), {{"If-Match", "1"}});
    EXPECT_EQ(refused.status, 400u) << bj::serialize(bad) << ": " << refused.body;
  }
  HttpResult slack = server_.Request(
      "PUT", path, server_.bob().token,
      bj::serialize(bj::object{{"chat_webhook_url", "https://hooks.slack.com/services/T0/B0/x"},
                               {"chat_kinds", bj::array{"mentioned"}},
                               {"chat_format", "slack"}}),
      {{"If-Match", "1"}});
  ASSERT_EQ(slack.status, 200u) << slack.body;
  // Each person has their own settings.
  EXPECT_EQ(server_.Get(path, server_.alice()).Json().at("version").as_int64(), 0);
  EXPECT_EQ(server_.Request("GET", path).status, 401u);
}

}  // namespace
}  // namespace debrief::http
