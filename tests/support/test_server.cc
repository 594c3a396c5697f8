#include "support/test_server.h"

#include "support/postgres_database.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <future>

#include "security/password.h"
#include "security/token.h"

namespace debrief::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace bj = boost::json;

bj::value HttpResult::Json() const {
  boost::system::error_code error;
  bj::value value = bj::parse(body, error);
  EXPECT_FALSE(error) << "not JSON: " << body;
  return value;
}

std::string HttpResult::Header(const std::string& name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

TestServer::TestServer(size_t max_connections, std::vector<std::string> trusted_proxies,
                       size_t files_body_limit, std::function<void(http::Services&)> configure,
                       std::function<void(http::Authenticator::Options&)> configure_sign_in)
    : clock_(*core::ParseRfc3339("2026-03-14T12:00:00Z")) {
  EXPECT_TRUE(security::InitializeCrypto());
  directory_ =
      std::filesystem::temp_directory_path() / ("debrief-http-" + std::to_string(::getpid()) + "-" +
                                                std::to_string(reinterpret_cast<uintptr_t>(this)));
  std::filesystem::remove_all(directory_);
  std::filesystem::create_directories(directory_);
  // Small caches, so that tests also run through their evictions.
  app::AppOptions app_options;
  app_options.timeline_views = 4;
  // As `debrief serve`: the event loop never waits for another connection's lock.
  app_options.store.lock_wait = std::chrono::milliseconds(0);
  app_options.timeline_items = 100'000;
  app_options.snapshot_events = 100'000;
  // DEBRIEF_TEST_SERVER_POSTGRES (the cluster's folder) runs the same server on a database of its
  // own in the tests' PostgreSQL cluster (tests/CMakeLists.txt registers API suites again so).
  std::string location = (directory_ / "test.db").string();
  if (const char* cluster = std::getenv("DEBRIEF_TEST_SERVER_POSTGRES"); cluster != nullptr) {
    ::setenv("DEBRIEF_TEST_POSTGRES", cluster, 1);
    postgres_database_ = testing::PostgresDatabaseName(directory_.string());
    (void)testing::DropPostgresDatabase(postgres_database_);
    auto made = testing::PostgresDatabase(postgres_database_);
    EXPECT_TRUE(made) << made.error().message();
    location = "postgresql://debrief@/" + postgres_database_ +
               "?host=" + testing::PostgresCluster().value_or("");
  }
  location_ = location;
  auto opened = app::App::Open(location, clock_, std::move(app_options));
  EXPECT_TRUE(opened) << opened.error().message();
  app_ = std::move(*opened);
  admin_ = AddUser("admin@example.com", core::Role::kAdmin);
  alice_ = AddUser("alice@example.com", core::Role::kMember);
  bob_ = AddUser("bob@example.com", core::Role::kMember);
  viewer_ = AddUser("viewer@example.com", core::Role::kViewer);

  http::Authenticator::Options sign_in;
  if (configure_sign_in) configure_sign_in(sign_in);
  authenticator_ = std::make_unique<http::Authenticator>(store(), clock_, sign_in);
  // Two search workers, as on a small machine: library searches run off the event loop.
  auto search_workers = http::SearchWorkers::Start(store(), 2);
  EXPECT_TRUE(search_workers && *search_workers != nullptr);
  search_workers_ = std::move(*search_workers);
  services_ = std::make_unique<http::Services>(
      http::ServicesFor(*app_, *authenticator_, metrics_, response_cache_, search_workers_.get()));
  if (configure) configure(*services_);
  http::Server::Options options;
  options.port = 0;
  options.body_limits.general = 64 * 1024;
  options.body_limits.files = files_body_limit;
  options.max_connections = max_connections;
  options.trusted_proxies = std::move(trusted_proxies);
  if (!postgres_database_.empty()) {
    auto workers =
        http::RequestWorkers::Start(*services_, *authenticator_, 3, std::chrono::seconds(5));
    EXPECT_TRUE(workers) << workers.error().message();
    if (workers) request_workers_ = std::move(*workers);
    options.request_workers = request_workers_.get();
  }
  auto server = http::Server::Start(io_, *services_, log_, options);
  EXPECT_TRUE(server) << server.error().message();
  server_ = std::move(*server);
  port_ = server_->port();
  thread_ = std::thread([this]() { io_.run(); });
}

TestServer::~TestServer() {
  asio::post(io_, [this]() { server_->Shutdown(); });
  thread_.join();
  server_.reset();
  request_workers_.reset();
  search_workers_.reset();
  app_.reset();
  if (!postgres_database_.empty()) (void)testing::DropPostgresDatabase(postgres_database_);
  std::filesystem::remove_all(directory_);
}

TestUser TestServer::AddUser(const std::string& email, core::Role role) {
  core::User user;
  user.email = email;
  user.name = email.substr(0, email.find('@'));
  user.name[0] = static_cast<char>(std::toupper(user.name[0]));
  user.role = role;
  user.password_hash = "unset";
  auto created = store().CreateUser(user, {});
  EXPECT_TRUE(created);
  TestUser test_user{created->id, email, security::NewToken("dbr_")};
  core::ApiToken token;
  token.user_id = created->id;
  token.name = "test";
  token.token_hash = security::HashToken(test_user.token);
  EXPECT_TRUE(store().CreateApiToken(token, {}));
  return test_user;
}

TestUser TestServer::AddPerson(const std::string& email, core::Role role) {
  TestUser added;
  OnServerThread([&] { added = AddUser(email, role); });
  return added;
}

void TestServer::OnServerThread(const std::function<void()>& work) {
  std::promise<void> done;
  asio::post(io_, [&]() {
    work();
    done.set_value();
  });
  done.get_future().wait();
}

void TestServer::SetPassword(const TestUser& user, const std::string& password) {
  // The store belongs to the server thread; change it there.
  OnServerThread([&]() {
    auto found = store().GetUser(user.id);
    found->password_hash = *security::HashPassword(password);
    EXPECT_TRUE(store().UpdateUser(*found, {}));
  });
}

HttpResult TestServer::Request(std::string_view method, std::string_view target,
                               const std::string& token, const std::string& body,
                               std::map<std::string, std::string> headers) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(stream, request);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  boost::system::error_code error;
  bhttp::read(stream, buffer, parser, error);
  EXPECT_FALSE(error) << error.message();
  HttpResult result;
  auto& response = parser.get();
  result.status = response.result_int();
  result.body = response.body();
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string& value = result.headers[name];
    value += (value.empty() ? "" : "\n") + std::string(field.value());
  }
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, error);
  return result;
}

HttpResult TestServer::Get(std::string_view target, const TestUser& user) {
  return Request("GET", target, user.token);
}

HttpResult TestServer::Post(std::string_view target, const TestUser& user, const bj::value& body) {
  return Request("POST", target, user.token, bj::serialize(body));
}

HttpResult TestServer::Patch(std::string_view target, const TestUser& user, const bj::value& body,
                             int64_t version) {
  return Request("PATCH", target, user.token, bj::serialize(body),
                 {{"If-Match", "\"" + std::to_string(version) + "\""}});
}

HttpResult TestServer::Delete(std::string_view target, const TestUser& user, int64_t version) {
  return Request("DELETE", target, user.token, {},
                 {{"If-Match", "\"" + std::to_string(version) + "\""}});
}

std::string TestServer::CreateIncident(const TestUser& user, bj::object fields) {
  if (!fields.contains("title")) fields["title"] = "Checkout errors";
  if (!fields.contains("severity")) fields["severity"] = "SEV3";
  HttpResult result = Post("/api/v1/incidents", user, fields);
  EXPECT_EQ(result.status, 201u) << result.body;
  return std::string(result.Json().at("key").as_string());
}

namespace {

int64_t IncidentVersion(TestServer& server, const std::string& key, const TestUser& user) {
  return server.Get("/api/v1/incidents/" + key, user).Json().at("version").as_int64();
}

}  // namespace

void TestServer::ApproveReview(const std::string& key, const TestUser& requester,
                               const TestUser& reviewer, const std::string& note) {
  std::string base = "/api/v1/incidents/" + key;
  HttpResult requested =
      Request("POST", base + "/review/request", requester.token,
              bj::serialize(bj::object{{"reviewers", bj::array{reviewer.id}}}),
              {{"Content-Type", "application/json"},
               {"If-Match", std::to_string(IncidentVersion(*this, key, requester))}});
  ASSERT_EQ(requested.status, 200u) << requested.body;
  bj::object decision{{"decision", "approve"}};
  if (!note.empty()) decision["note"] = note;
  HttpResult approved =
      Request("POST", base + "/review/decision", reviewer.token, bj::serialize(decision),
              {{"Content-Type", "application/json"},
               {"If-Match", std::to_string(requested.Json().at("version").as_int64())}});
  ASSERT_EQ(approved.status, 200u) << approved.body;
}

HttpResult TestServer::PublishReview(const std::string& key, const TestUser& user) {
  return Request("POST", "/api/v1/incidents/" + key + "/publish", user.token,
                 R"({"acknowledge_findings": true})",
                 {{"Content-Type", "application/json"},
                  {"If-Match", std::to_string(IncidentVersion(*this, key, user))}});
}

}  // namespace debrief::testing
