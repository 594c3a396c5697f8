// A real debrief server for tests: the application (app::App, as `debrief serve` opens it) over
// a fresh SQLite file in a temporary directory, the real router and HTTP server on an ephemeral
// loopback port, running on its own thread, plus a small HTTP
// client. Users (admin, two members, a viewer) come with API tokens.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "core/clock.h"
#include "http/access_log.h"
#include "http/authenticator.h"
#include "http/metrics.h"
#include "http/request_workers.h"
#include "http/response_cache.h"
#include "http/search_workers.h"
#include "http/server.h"

namespace debrief::testing {

struct HttpResult {
  unsigned status = 0;
  std::string body;
  // Lower-case names; a header sent more than once (Set-Cookie) holds each value on a line.
  std::map<std::string, std::string> headers;

  boost::json::value Json() const;
  std::string Header(const std::string& name) const;
};

struct TestUser {
  int64_t id = 0;
  std::string email;
  std::string token;  // Bearer token.
};

class TestServer {
 public:
  // `max_connections`: the server's connection cap (http::Server::Options).
  // `trusted_proxies`: addresses from which X-Forwarded-For is believed.
  // `files_body_limit`: the body limit of routes that take whole files (1 MiB, small so that
  // tests reach it; the server's own default is 32 MiB).
  // `configure`: changes to the services before the server starts (sign-in methods);
  // `configure_sign_in`: to the authenticator's options (an authenticating proxy).
  explicit TestServer(size_t max_connections = 10'000,
                      std::vector<std::string> trusted_proxies = {},
                      size_t files_body_limit = 1024 * 1024,
                      std::function<void(http::Services&)> configure = {},
                      std::function<void(http::Authenticator::Options&)> configure_sign_in = {});
  ~TestServer();

  uint16_t port() const { return port_; }
  core::FixedClock& clock() { return clock_; }
  // The server's store, for tests that read or compare the database itself.
  store::Store& store() { return app_->store(); }
  // The database file, for a second connection (as the webhook dispatcher opens).
  // Where the server's database is, as OpenStore reads it (a file, or a postgres:// URL).
  std::string database() const { return location_; }

  const TestUser& admin() const { return admin_; }
  const TestUser& alice() const { return alice_; }  // A member.
  const TestUser& bob() const { return bob_; }      // Another member.
  const TestUser& viewer() const { return viewer_; }

  // Sends a request; `token` empty means no Authorization header.
  HttpResult Request(std::string_view method, std::string_view target,
                     const std::string& token = {}, const std::string& body = {},
                     std::map<std::string, std::string> headers = {});
  // Shorthands with a bearer token and a JSON body.
  HttpResult Get(std::string_view target, const TestUser& user);
  HttpResult Post(std::string_view target, const TestUser& user, const boost::json::value& body);
  HttpResult Patch(std::string_view target, const TestUser& user, const boost::json::value& body,
                   int64_t version);
  HttpResult Delete(std::string_view target, const TestUser& user, int64_t version);

  // Creates an incident as `user` and returns its key.
  std::string CreateIncident(const TestUser& user, boost::json::object fields = {});

  // `requester` asks `reviewer` to review the incident and the reviewer approves (with `note`), so
  // a review whose rule needs approval can be published. Expects both steps to succeed.
  void ApproveReview(const std::string& key, const TestUser& requester, const TestUser& reviewer,
                     const std::string& note = {});
  // Publishes the review as `user`, acknowledging language findings, at the incident's version.
  HttpResult PublishReview(const std::string& key, const TestUser& user);

  // Runs `work` on the server's thread, which owns the store, and waits for it.
  void OnServerThread(const std::function<void()>& work);

  // Sets a password for a user (argon2id hashing is slow, so only tests that sign in do it).
  void SetPassword(const TestUser& user, const std::string& password);
  // Adds a user with an API token while the server runs (on its thread).
  TestUser AddPerson(const std::string& email, core::Role role);

 private:
  TestUser AddUser(const std::string& email, core::Role role);

  std::filesystem::path directory_;
  std::string postgres_database_;  // Set when the server runs on PostgreSQL.
  std::string location_;
  core::FixedClock clock_;
  std::unique_ptr<app::App> app_;
  http::Metrics metrics_;
  http::ResponseCache response_cache_{64, 4 * 1024 * 1024};
  std::unique_ptr<http::Authenticator> authenticator_;
  std::unique_ptr<http::SearchWorkers> search_workers_;
  std::unique_ptr<http::Services> services_;
  // On PostgreSQL, requests run on workers with connections of their own, as `debrief serve`
  // runs them there.
  std::unique_ptr<http::RequestWorkers> request_workers_;
  http::AccessLog log_{nullptr};
  boost::asio::io_context io_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  uint16_t port_ = 0;
  TestUser admin_, alice_, bob_, viewer_;
};

}  // namespace debrief::testing
