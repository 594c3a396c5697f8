// Webhooks end to end: admins configure them, publishing and review requests queue signed
// deliveries, the dispatcher sends them to a real HTTP receiver on loopback, retries with
// backoff, gives up after its last attempt, and records every attempt for the delivery log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/webhook_dispatcher.h"
#include "security/hmac.h"
#include "store/open.h"
#include "support/loopback_receiver.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using ::testing::HasSubstr;
using testing::HttpResult;
using testing::LoopbackReceiver;
using testing::TestServer;

constexpr char kSecret[] = "a-long-shared-secret";

// A loopback port nobody listens on.
uint16_t ClosedPort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

class WebhookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenStore(server_.database(), server_.clock());
    ASSERT_TRUE(opened);
    dispatcher_store_ = std::move(*opened);
  }

  int64_t AddWebhook(const std::string& url, bj::array events) {
    HttpResult created = server_.Post(
        "/api/v1/webhooks", server_.admin(),
        {{"url", url}, {"events", std::move(events)}, {"secret", kSecret}, {"description", "ops"}});
    EXPECT_EQ(created.status, 201u) << created.body;
    return created.status == 201u ? created.Json().at("id").as_int64() : 0;
  }

  bj::array Deliveries(int64_t webhook) {
    HttpResult list =
        server_.Get("/api/v1/webhooks/" + std::to_string(webhook) + "/deliveries", server_.admin());
    EXPECT_EQ(list.status, 200u) << list.body;
    return list.Json().at("items").as_array();
  }

  int RunOnce() {
    auto ran = dispatcher_.RunOnce(*dispatcher_store_);
    EXPECT_TRUE(ran) << ran.error().message();
    return ran ? *ran : -1;
  }

  std::string PublishedIncident() {
    std::string key =
        server_.CreateIncident(server_.alice(), {{"title", "Queue backlog"},
                                                 {"status", "resolved"},
                                                 {"resolved_at", "2026-03-14T11:00:00Z"}});
    HttpResult published = server_.PublishReview(key, server_.alice());
    EXPECT_EQ(published.status, 201u) << published.body;
    return key;
  }

  TestServer server_;
  std::unique_ptr<store::Store> dispatcher_store_;
  // The receivers listen on loopback, which an admin has to allow.
  app::WebhookDispatcher dispatcher_{
      nullptr,
      server_.clock(),
      {.timeout = std::chrono::seconds(5), .internal_hosts = {"127.0.0.1"}}};
};

// A webhook is a URL any admin types: it must not reach the services around debrief (a cloud
// metadata endpoint, an internal admin port) unless an admin named the host.
TEST_F(WebhookTest, InternalAddressesAreRefusedUnlessAnAdminAllowsThem) {
  LoopbackReceiver receiver;
  std::string port = std::to_string(receiver.port());
  int64_t by_address = AddWebhook("http://127.0.0.1:" + port + "/hook", {"review.published"});
  int64_t by_name = AddWebhook("http://localhost:" + port + "/hook", {"review.published"});
  PublishedIncident();
  app::WebhookDispatcher strict{
      nullptr, server_.clock(), {.timeout = std::chrono::seconds(5), .internal_hosts = {}}};
  auto ran = strict.RunOnce(*dispatcher_store_);
  ASSERT_TRUE(ran) << ran.error().message();
  EXPECT_EQ(*ran, 2);
  EXPECT_TRUE(receiver.received().empty());
  for (int64_t webhook : {by_address, by_name}) {
    bj::array attempts = Deliveries(webhook);
    ASSERT_EQ(attempts.size(), 1u);
    EXPECT_THAT(std::string(attempts[0].at("last_error").as_string()),
                HasSubstr("internal network"));
  }
}

TEST_F(WebhookTest, PublishingSendsASignedDeliveryAndRetriesUntilItLands) {
  LoopbackReceiver receiver({500});
  std::string url =
      "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hooks/debrief?team=sre";
  int64_t webhook = AddWebhook(url, {"review.published", "review.requested"});
  std::string key = PublishedIncident();

  bj::array queued = Deliveries(webhook);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].at("status").as_string(), "pending");
  EXPECT_EQ(queued[0].at("payload").at("incident").at("key").as_string(), key);

  // The receiver fails the first attempt: the delivery waits 10 s before the next one.
  EXPECT_EQ(RunOnce(), 1);
  bj::array after_failure = Deliveries(webhook);
  EXPECT_EQ(after_failure[0].at("status").as_string(), "pending");
  EXPECT_EQ(after_failure[0].at("attempts").as_int64(), 1);
  EXPECT_EQ(after_failure[0].at("last_status_code").as_int64(), 500);
  EXPECT_THAT(std::string(after_failure[0].at("last_error").as_string()), HasSubstr("500"));
  EXPECT_EQ(after_failure[0].at("next_attempt_at").as_string(), "2026-03-14T12:00:10Z");
  EXPECT_EQ(RunOnce(), 0);  // Not due yet.
  server_.clock().Advance(std::chrono::seconds(10));
  EXPECT_EQ(RunOnce(), 1);
  bj::array delivered = Deliveries(webhook);
  EXPECT_EQ(delivered[0].at("status").as_string(), "delivered");
  EXPECT_EQ(delivered[0].at("attempts").as_int64(), 2);
  EXPECT_EQ(delivered[0].at("delivered_at").as_string(), "2026-03-14T12:00:10Z");
  EXPECT_EQ(RunOnce(), 0);  // Delivered once, never again.

  std::vector<testing::ReceivedRequest> received = receiver.received();
  ASSERT_EQ(received.size(), 2u);
  const testing::ReceivedRequest& last = received.back();
  EXPECT_EQ(last.method, "POST");
  EXPECT_EQ(last.target, "/hooks/debrief?team=sre");
  EXPECT_EQ(last.headers.at("content-type"), "application/json");
  EXPECT_EQ(last.headers.at("x-debrief-event"), "review.published");
  EXPECT_EQ(last.headers.at("x-debrief-timestamp"), "1773489610");
  // The receiver checks the signature with the shared secret.
  EXPECT_EQ(last.headers.at("x-debrief-signature"),
            "sha256=" + security::HmacSha256Hex(
                            kSecret, last.headers.at("x-debrief-timestamp") + "." + last.body));
  EXPECT_NE(last.headers.at("x-debrief-signature"),
            "sha256=" +
                security::HmacSha256Hex("another-secret-entirely",
                                        last.headers.at("x-debrief-timestamp") + "." + last.body));
  bj::value body = bj::parse(last.body);
  EXPECT_EQ(body.at("event").as_string(), "review.published");
  EXPECT_EQ(body.at("incident").at("key").as_string(), key);
  EXPECT_EQ(body.at("version").as_int64(), 1);
  // Nobody's name leaves debrief with a published review.
  EXPECT_EQ(last.body.find("Alice"), std::string::npos);
}

TEST_F(WebhookTest, AnUnreachableReceiverIsRetriedWithBackoffThenGivenUp) {
  int64_t webhook = AddWebhook("http://127.0.0.1:" + std::to_string(ClosedPort()) + "/",
                               {"action.due", "action.overdue"});
  std::string key = server_.CreateIncident(server_.alice());
  ASSERT_EQ(server_
                .Post("/api/v1/incidents/" + key + "/actions", server_.alice(),
                      {{"title", "Alert on queue age"}, {"due_on", "2026-03-14"}})
                .status,
            201u);
  EXPECT_EQ(RunOnce(), 1);  // action.due, queued by the scan and attempted at once.
  bj::array deliveries = Deliveries(webhook);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].at("event").as_string(), "action.due");
  EXPECT_EQ(deliveries[0].at("payload").at("action").at("title").as_string(), "Alert on queue age");
  EXPECT_THAT(std::string(deliveries[0].at("last_error").as_string()), HasSubstr("connect"));
  EXPECT_TRUE(deliveries[0].at("last_status_code").is_null());

  // 10 s, 30 s, 2 min, 10 min, 1 h: the sixth attempt is the last.
  for (auto wait : {std::chrono::seconds(10), std::chrono::seconds(30), std::chrono::seconds(120),
                    std::chrono::seconds(600), std::chrono::seconds(3600)}) {
    server_.clock().Advance(wait - std::chrono::seconds(1));
    EXPECT_EQ(RunOnce(), 0);
    server_.clock().Advance(std::chrono::seconds(1));
    EXPECT_EQ(RunOnce(), 1);
  }
  deliveries = Deliveries(webhook);
  EXPECT_EQ(deliveries[0].at("status").as_string(), "failed");
  EXPECT_EQ(deliveries[0].at("attempts").as_int64(), 6);
  server_.clock().Advance(std::chrono::hours(5));
  EXPECT_EQ(RunOnce(), 0);

  // The next day the item is overdue: that is a new event, queued once.
  server_.clock().Advance(std::chrono::hours(24));
  EXPECT_EQ(RunOnce(), 1);
  deliveries = Deliveries(webhook);
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].at("event").as_string(), "action.overdue");
  server_.clock().Advance(std::chrono::minutes(2));
  RunOnce();
  EXPECT_EQ(Deliveries(webhook).size(), 2u);

  // An admin retries the failed one by hand.
  std::string retry = "/api/v1/webhooks/" + std::to_string(webhook) + "/deliveries/" +
                      std::to_string(deliveries[1].at("id").as_int64()) + "/retry";
  HttpResult retried = server_.Request("POST", retry, server_.admin().token, "{}",
                                       {{"Content-Type", "application/json"}});
  EXPECT_EQ(retried.status, 202u) << retried.body;
  EXPECT_EQ(retried.Json().at("status").as_string(), "pending");
  EXPECT_EQ(server_
                .Request("POST", retry, server_.alice().token, "{}",
                         {{"Content-Type", "application/json"}})
                .status,
            403u);
}

TEST_F(WebhookTest, ReviewRequestsPingsAndTls) {
  LoopbackReceiver receiver;
  std::string base = "http://127.0.0.1:" + std::to_string(receiver.port());
  int64_t webhook = AddWebhook(base + "/", {"review.requested"});
  std::string key = server_.CreateIncident(
      server_.alice(), {{"status", "resolved"}, {"resolved_at", "2026-03-14T11:00:00Z"}});
  int64_t version =
      server_.Get("/api/v1/incidents/" + key, server_.alice()).Json().at("version").as_int64();
  ASSERT_EQ(
      server_
          .Request("POST", "/api/v1/incidents/" + key + "/review/request", server_.alice().token,
                   bj::serialize(bj::object{{"reviewers", bj::array{server_.bob().id}}}),
                   {{"Content-Type", "application/json"}, {"If-Match", std::to_string(version)}})
          .status,
      200u);
  HttpResult ping =
      server_.Request("POST", "/api/v1/webhooks/" + std::to_string(webhook) + "/ping",
                      server_.admin().token, "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(ping.status, 202u) << ping.body;
  EXPECT_EQ(RunOnce(), 2);
  std::vector<testing::ReceivedRequest> received = receiver.received();
  ASSERT_EQ(received.size(), 2u);
  bj::value request = bj::parse(received[0].body);
  EXPECT_EQ(request.at("event").as_string(), "review.requested");
  EXPECT_EQ(request.at("reviewers").at(0).at("name").as_string(), "Bob");
  EXPECT_EQ(received[1].headers.at("x-debrief-event"), "ping");

  // https is spoken over TLS: a plain HTTP receiver fails the handshake, and the log says so.
  int64_t tls = AddWebhook("https://127.0.0.1:" + std::to_string(receiver.port()) + "/",
                           {"review.published"});
  ASSERT_EQ(server_
                .Request("POST", "/api/v1/webhooks/" + std::to_string(tls) + "/ping",
                         server_.admin().token, "{}", {{"Content-Type", "application/json"}})
                .status,
            202u);
  EXPECT_EQ(RunOnce(), 1);
  bj::array attempts = Deliveries(tls);
  EXPECT_THAT(std::string(attempts[0].at("last_error").as_string()), HasSubstr("TLS handshake"));
}

TEST_F(WebhookTest, AdminsConfigureWebhooksAndSecretsStaySecret) {
  HttpResult listed = server_.Get("/api/v1/webhooks", server_.admin());
  ASSERT_EQ(listed.status, 200u);
  EXPECT_EQ(listed.Json().at("events").as_array().size(), 4u);
  for (const bj::object& bad : std::vector<bj::object>{
           {{"url", "ftp://example.com/"}, {"events", {"review.published"}}, {"secret", kSecret}},
           {{"url", "https://user:pw@example.com/"},
            {"events", {"review.published"}},
            {"secret", kSecret}},
           {{"url", "https:///path"}, {"events", {"review.published"}}, {"secret", kSecret}},
           {{"url", "https://example.com/a b"},
            {"events", {"review.published"}},
            {"secret", kSecret}},
           {{"url", "https://example.com/"}, {"events", bj::array{}}, {"secret", kSecret}},
           {{"url", "https://example.com/"}, {"events", {"review.deleted"}}, {"secret", kSecret}},
           {{"url", "https://example.com/"},
            {"events", {"action.due", "action.due"}},
            {"secret", kSecret}},
           {{"url", "https://example.com/"}, {"events", {"action.due"}}, {"secret", "short"}},
           {{"url", "https://example.com/"}, {"events", {"action.due"}}},
           {{"url", "https://example.com/"},
            {"events", {"action.due"}},
            {"secret", kSecret},
            {"colour", 1}},
       }) {
    HttpResult refused = server_.Post("/api/v1/webhooks", server_.admin(), bad);
    EXPECT_EQ(refused.status, 400u) << bj::serialize(bad) << ": " << refused.body;
  }
  EXPECT_EQ(
      server_
          .Post("/api/v1/webhooks", server_.alice(),
                {{"url", "https://example.com/"}, {"events", {"action.due"}}, {"secret", kSecret}})
          .status,
      403u);
  int64_t id = AddWebhook("https://hooks.example.com/debrief", {"action.overdue"});
  std::string path = "/api/v1/webhooks/" + std::to_string(id);
  HttpResult read = server_.Get(path, server_.admin());
  EXPECT_TRUE(read.Json().at("secret_set").as_bool());
  EXPECT_EQ(read.body.find(kSecret), std::string::npos);
  HttpResult changed = server_.Patch(
      path, server_.admin(), {{"active", false}, {"secret", "a-brand-new-secret-value"}}, 1);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_FALSE(changed.Json().at("active").as_bool());
  EXPECT_EQ(server_.Patch(path, server_.admin(), {{"active", true}}, 1).status, 412u);
  // The audit log records the change of secret, never a secret.
  HttpResult audit = server_.Get("/api/v1/audit", server_.admin());
  EXPECT_EQ(audit.body.find(kSecret), std::string::npos);
  EXPECT_EQ(audit.body.find("a-brand-new-secret-value"), std::string::npos);
  EXPECT_THAT(audit.body, HasSubstr("secret_changed"));
  EXPECT_EQ(server_.Delete(path, server_.admin(), 2).status, 204u);
  EXPECT_EQ(server_.Get(path, server_.admin()).status, 404u);
}

TEST(Hmac, MatchesTheRfc4231Vector) {
  EXPECT_EQ(security::HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace debrief::http
