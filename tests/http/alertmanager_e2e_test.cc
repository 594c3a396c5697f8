// The real Alertmanager (Debian's prometheus-alertmanager) notifying a real debrief server on
// loopback: alerts fired with amtool reach the routed incident as alert events, repeated
// notifications add nothing, and resolving an alert adds its resolution.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <thread>

#include "support/child_process.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::ChildProcess;
using testing::HttpResult;
using testing::RunCommand;
using testing::TestServer;

constexpr char kAlertmanager[] = "/usr/bin/prometheus-alertmanager";
constexpr char kAmtool[] = "/usr/bin/amtool";

uint16_t FreePort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

// Polls `done` every 100 ms for up to `limit`.
bool WaitFor(const std::function<bool()>& done, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

class AlertmanagerEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kAlertmanager))
        << "install prometheus-alertmanager (make test does)";
    char pattern[] = "/tmp/debrief-am-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    directory_ = pattern;
    key_ = server_.CreateIncident(server_.alice(), {{"title", "Checkout errors"}});
    HttpResult hook = server_.Post(
        "/api/v1/alert-hooks", server_.admin(),
        {{"name", "alertmanager"},
         {"routes",
          bj::array{bj::object{{"matchers", {"service=\"checkout\""}}, {"incident_key", key_}}}}});
    ASSERT_EQ(hook.status, 201u) << hook.body;
    std::string url = "http://127.0.0.1:" + std::to_string(server_.port()) +
                      std::string(hook.Json().at("url_path").as_string());
    std::ofstream(directory_ / "alertmanager.yml") << "route:\n"
                                                      "  receiver: debrief\n"
                                                      "  group_by: ['alertname', 'service']\n"
                                                      "  group_wait: 200ms\n"
                                                      "  group_interval: 1s\n"
                                                      "  repeat_interval: 2s\n"
                                                      "receivers:\n"
                                                      "- name: debrief\n"
                                                      "  webhook_configs:\n"
                                                      "  - url: '"
                                                   << url
                                                   << "'\n"
                                                      "    send_resolved: true\n";
    uint16_t port = FreePort();
    alertmanager_url_ = "--alertmanager.url=http://127.0.0.1:" + std::to_string(port);
    // Through a shell that execs it, so its log goes to a file and signals reach it.
    alertmanager_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        "/bin/sh", "-c",
        std::string("exec ") + kAlertmanager +
            " --config.file=" + (directory_ / "alertmanager.yml").string() +
            " --storage.path=" + (directory_ / "data").string() +
            " --web.listen-address=127.0.0.1:" + std::to_string(port) +
            " --cluster.listen-address= 2>" + (directory_ / "alertmanager.log").string()});
    ASSERT_TRUE(WaitFor(
        [&] {
          return Amtool({"config", "show"}) == 0;
        },
        std::chrono::seconds(20)))
        << "Alertmanager did not start";
  }

  void TearDown() override {
    if (alertmanager_) {
      alertmanager_->Signal(SIGTERM);
      alertmanager_->Wait();
    }
    if (HasFailure()) {
      std::ifstream log(directory_ / "alertmanager.log");
      std::cerr << "Alertmanager's log:\n" << log.rdbuf();
    }
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }

  int Amtool(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {kAmtool, alertmanager_url_});
    return RunCommand(std::move(arguments)).first;
  }

  int FireCheckoutAlert(const std::string& instance, const std::string& end = {}) {
    std::vector<std::string> arguments = {"alert",
                                          "add",
                                          "HighErrorRate",
                                          "service=checkout",
                                          "severity=page",
                                          "instance=" + instance,
                                          "--annotation=summary=5xx ratio above 5% on checkout"};
    if (!end.empty()) arguments.push_back("--end=" + end);
    return Amtool(arguments);
  }

  bj::array Events() {
    HttpResult list = server_.Get("/api/v1/incidents/" + key_ + "/events", server_.alice());
    return list.status == 200u ? list.Json().at("items").as_array() : bj::array{};
  }

  // Imports recorded in the audit log for the incident: one per notification received.
  size_t Notifications() {
    HttpResult audit = server_.Get("/api/v1/audit?limit=100", server_.admin());
    EXPECT_EQ(audit.status, 200u) << audit.body;
    size_t count = 0;
    if (audit.status != 200u) return count;
    bj::value entries = audit.Json();
    for (const bj::value& entry : entries.at("items").as_array()) {
      count += entry.at("action").as_string() == "import";
    }
    return count;
  }

  TestServer server_;
  std::filesystem::path directory_;
  std::string key_;
  std::string alertmanager_url_;
  std::unique_ptr<ChildProcess> alertmanager_;
};

TEST_F(AlertmanagerEndToEnd, FiredRepeatedAndResolvedAlertsLandOnce) {
  ASSERT_EQ(FireCheckoutAlert("web-1:8080"), 0);
  ASSERT_EQ(FireCheckoutAlert("web-2:8080"), 0);
  ASSERT_TRUE(WaitFor([&] { return Events().size() == 2; }, std::chrono::seconds(30)))
      << "events: " << bj::serialize(Events());
  for (const bj::value& event : Events()) {
    EXPECT_EQ(event.at("kind").as_string(), "alert");
    EXPECT_THAT(std::string(event.at("text").as_string()),
                ::testing::StartsWith("HighErrorRate firing: 5xx ratio above 5% on checkout"));
  }

  // Alertmanager repeats the firing group every 2 s: each repeat is received and adds nothing.
  size_t before = Notifications();
  ASSERT_TRUE(WaitFor([&] { return Notifications() >= before + 2; }, std::chrono::seconds(30)))
      << "no repeated notification arrived";
  EXPECT_EQ(Events().size(), 2u);

  // Resolving one alert (re-posted with an end in the past) adds its resolution, once.
  auto past = std::chrono::system_clock::now() - std::chrono::seconds(1);
  std::string end =
      core::FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(past));
  ASSERT_EQ(FireCheckoutAlert("web-2:8080", end), 0);
  ASSERT_TRUE(WaitFor([&] { return Events().size() == 3; }, std::chrono::seconds(30)))
      << "events: " << bj::serialize(Events());
  int resolved = 0;
  for (const bj::value& event : Events()) {
    std::string text(event.at("text").as_string());
    if (text.starts_with("HighErrorRate resolved:")) {
      ++resolved;
      EXPECT_THAT(text, ::testing::HasSubstr("instance=web-2:8080"));
    }
  }
  EXPECT_EQ(resolved, 1);
  std::this_thread::sleep_for(std::chrono::seconds(3));  // More repeats: still nothing new.
  EXPECT_EQ(Events().size(), 3u);
}

}  // namespace
}  // namespace debrief::http
