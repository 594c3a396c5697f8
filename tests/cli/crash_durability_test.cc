// The real binary, killed with SIGKILL in the middle of a burst of writes: after a restart, every
// write that was acknowledged with a 2xx is there. Also: SIGTERM stops the server cleanly, and
// the CLI's exit codes.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <set>
#include <thread>

#include "cli/system_clock.h"
#include "security/password.h"
#include "security/token.h"
#include "store/open.h"
#include "support/child_process.h"

namespace debrief::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace bj = boost::json;
using testing::ChildProcess;
using testing::RunCommand;

class ServeProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(security::InitializeCrypto());
    directory_ =
        std::filesystem::temp_directory_path() / ("debrief-cli-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    database_ = (directory_ / "debrief.db").string();
    SystemClock clock;
    auto store = store::OpenStore(database_, clock);
    ASSERT_TRUE(store);
    core::User user;
    user.email = "writer@example.com";
    user.name = "Writer";
    user.password_hash = "unset";
    auto created = (*store)->CreateUser(user, {});
    ASSERT_TRUE(created);
    token_ = security::NewToken("dbr_");
    core::ApiToken token;
    token.user_id = created->id;
    token.name = "test";
    token.token_hash = security::HashToken(token_);
    ASSERT_TRUE((*store)->CreateApiToken(token, {}));
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Starts `debrief serve` on a free port and returns the port from its "listening" line.
  std::unique_ptr<ChildProcess> StartServer(uint16_t& port) {
    auto child = std::make_unique<ChildProcess>(std::vector<std::string>{
        DEBRIEF_BINARY, "serve", "--db", database_, "--listen", "127.0.0.1:0"});
    // Other events (the connection cap) may come first.
    bj::value event;
    do {
      event = bj::parse(child->ReadLine());
    } while (event.at("event").as_string() != "listening");
    std::string url(event.at("detail").as_string());
    port = static_cast<uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
    return child;
  }

  // One request on a fresh connection; status 0 when the server is gone.
  unsigned Send(uint16_t port, bhttp::verb method, const std::string& target,
                const std::string& body, std::string* response_body = nullptr) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    boost::system::error_code error;
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
    if (error) return 0;
    bhttp::request<bhttp::string_body> request{method, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    request.set(bhttp::field::authorization, "Bearer " + token_);
    request.set(bhttp::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    bhttp::write(stream, request, error);
    if (error) return 0;
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(stream, buffer, response, error);
    if (error) return 0;
    if (response_body != nullptr) *response_body = response.body();
    return response.result_int();
  }

  std::filesystem::path directory_;
  std::string database_;
  std::string token_;
};

TEST_F(ServeProcessTest, EveryAcknowledgedWriteSurvivesSigkill) {
  uint16_t port = 0;
  auto server = StartServer(port);
  std::string body;
  ASSERT_EQ(Send(port, bhttp::verb::post, "/api/v1/incidents",
                 R"({"title":"Crash test","severity":"SEV3"})", &body),
            201u)
      << body;
  std::string key(bj::parse(body).at("key").as_string());

  std::atomic<bool> stop{false};
  std::vector<std::vector<std::string>> acknowledged(2);
  std::vector<std::thread> writers;
  for (int writer = 0; writer < 2; ++writer) {
    writers.emplace_back([&, writer]() {
      for (int index = 0; !stop; ++index) {
        std::string text = "writer " + std::to_string(writer) + " event " + std::to_string(index);
        std::string request =
            R"({"at":"2026-03-14T10:00:00Z","kind":"other","text":")" + text + R"("})";
        std::string response;
        unsigned status = Send(port, bhttp::verb::post, "/api/v1/incidents/" + key + "/events",
                               request, &response);
        if (status == 0) break;  // The server is gone.
        if (status == 201) acknowledged[writer].push_back(text);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  server->Signal(SIGKILL);
  EXPECT_EQ(server->Wait(), 128 + SIGKILL);
  stop = true;
  for (std::thread& writer : writers) writer.join();
  size_t total = acknowledged[0].size() + acknowledged[1].size();
  ASSERT_GT(total, 10u) << "the burst was too short to mean anything";

  auto restarted = StartServer(port);
  ASSERT_EQ(Send(port, bhttp::verb::get, "/api/v1/incidents/" + key + "/events", "", &body), 200u);
  std::set<std::string> stored;
  bj::value events = bj::parse(body);
  for (const bj::value& event : events.at("items").as_array()) {
    stored.insert(std::string(event.at("text").as_string()));
  }
  for (const auto& texts : acknowledged) {
    for (const std::string& text : texts) EXPECT_TRUE(stored.contains(text)) << text << " was lost";
  }
  EXPECT_GE(stored.size(), total);
}

TEST_F(ServeProcessTest, SigtermStopsCleanly) {
  uint16_t port = 0;
  auto server = StartServer(port);
  ASSERT_EQ(Send(port, bhttp::verb::get, "/healthz", ""), 200u);
  server->Signal(SIGTERM);
  std::string rest = server->ReadAll();
  EXPECT_EQ(server->Wait(), 0);
  EXPECT_NE(rest.find("\"stopped\""), std::string::npos) << rest;
}

TEST(CliExitCodes, ZeroOneAndTwo) {
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "--version"}).first, 0);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "no-such-command"}).first, 2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY}).first, 2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "serve", "--listen", "no-port-here"}).first, 2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "migrate", "--db", "/nonexistent-dir/x.db"}).first, 1);
  auto help = RunCommand({DEBRIEF_BINARY, "user", "--help"});
  EXPECT_EQ(help.first, 0);
  EXPECT_NE(help.second.find("set-role"), std::string::npos);
  // Request workers are PostgreSQL's: on SQLite the flag is refused before anything opens.
  std::string unopened = ::testing::TempDir() + "debrief-never-opened.db";
  auto workers = RunCommand({DEBRIEF_BINARY, "serve", "--db", unopened, "--listen", "127.0.0.1:0",
                             "--db-connections", "2"},
                            /*with_errors=*/true);
  EXPECT_EQ(workers.first, 2);
  EXPECT_FALSE(std::filesystem::exists(unopened));
  EXPECT_NE(workers.second.find("--db-connections needs PostgreSQL"), std::string::npos)
      << workers.second;
}

}  // namespace
}  // namespace debrief::cli
