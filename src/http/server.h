// Server: the HTTP/1.1 server on Boost.Beast with C++20 coroutines, on one event-loop thread.
// Each connection reads a request (with a body limit and a read timeout), hands it to the router,
// and writes the answer; keep-alive is honoured. With request workers (PostgreSQL), the router
// runs on a worker with a database connection of its own and the loop only moves bytes. Shutdown()
// stops accepting, closes idle connections and lets requests in flight finish.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "http/access_log.h"
#include "http/api.h"
#include "http/router.h"

namespace debrief::http {

class RequestWorkers;

class Server {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;  // 0 picks a free port; see port().
    // Per route (http/router.h): the general limit, routes that take whole files (the UI's
    // Import dialog), routes open to anyone.
    BodyLimits body_limits;
    // Connections held at once; fewer when the open-file limit is lower. At the cap an idle
    // keep-alive connection is closed to make room for a new client.
    size_t max_connections = 10'000;
    // Proxies in front (their addresses as the server sees them): from these alone, the client's
    // address is read from X-Forwarded-For, for sign-in back-off and the access log.
    std::vector<std::string> trusted_proxies;
    std::chrono::seconds read_timeout{30};
    // Where requests that use the database run (RequestWorkers); null: on the event loop.
    RequestWorkers* request_workers = nullptr;
  };

  // Binds and listens; the caller then runs `io`.
  static core::Result<std::unique_ptr<Server>> Start(boost::asio::io_context& io,
                                                     Services& services, AccessLog& log,
                                                     Options options);
  ~Server();

  uint16_t port() const { return port_; }
  // Stops accepting and closes idle connections; requests in flight are answered first. `io`
  // runs out of work once the last connection closes.
  void Shutdown();

 private:
  struct Connection;
  // Where a request's database work runs: on the event loop (no request workers, or a route
  // that needs no database), else on a request worker, and once one has started the request,
  // on that one (its handler's later steps use its store).
  struct Placement {
    bool on_loop = true;
    std::optional<size_t> worker;
  };
  Server(boost::asio::io_context& io, Services& services, AccessLog& log, Options options);
  boost::asio::awaitable<void> Accept();
  // The connection cap: options.max_connections within the open-file limit (raised to its
  // maximum), logged once.
  size_t ConnectionCap();
  // The client's address: the peer's, or from X-Forwarded-For when the peer is a trusted proxy.
  std::string ClientAddress(const boost::beast::http::request_header<>& header,
                            const std::string& peer) const;
  // Closes one idle connection; false when every connection is answering a request.
  bool ShedIdleConnection();
  // One connection: requests read, answered and written in turn until either side closes.
  boost::asio::awaitable<void> Serve(boost::asio::ip::tcp::socket socket);
  // Checks a request whose header is read, before its body: its framing, then what the router
  // says (Admit). Sets the route's body limit; a refusal is the answer, and the body is not read.
  boost::asio::awaitable<std::optional<ApiResponse>> Screen(
      const boost::beast::http::request_parser<boost::beast::http::string_body>& parser,
      ApiRequest& request, size_t& body_limit, std::string& route);
  // Decodes the request into `request` (which holds its id and client address already), runs it
  // through the router, and finishes a library search on a search worker.
  boost::asio::awaitable<ApiResponse> Answer(
      boost::beast::http::request<boost::beast::http::string_body>&& raw, ApiRequest& request,
      std::string& route, std::optional<int64_t>& user_id, Connection& connection);
  // Runs a handler's off-loop work on a worker, then its loop step here; at most
  // kMostHeavyPerUser at once per user (per client address for those not signed in).
  boost::asio::awaitable<ApiResponse> FinishOffLoop(ApiResponse response, const ApiRequest& request,
                                                    std::optional<int64_t> user_id,
                                                    Connection& connection, Placement& placement);
  // While off-loop work with a cancel flag runs (until `done`), sets the flag once the client
  // has closed `connection` or the server is stopping.
  boost::asio::awaitable<void> WatchForCancel(Connection& connection, CancelFlag cancel,
                                              std::shared_ptr<const bool> done);
  static constexpr int kMostHeavyPerUser = 4;
  // Runs `attempt` where `placement` says, again while its answer says the database was busy
  // (ApiResponse::store_busy) and the attempt wrote nothing, after pauses growing from 1 ms to
  // 25 ms, for at most kBusyRetryFor; the event loop answers others during the pauses.
  boost::asio::awaitable<ApiResponse> RunAgainWhileBusy(
      const std::function<ApiResponse(Services&)>& attempt, Placement& placement);
  // Runs `attempt` once where `placement` says; `wrote` tells whether it wrote to the database.
  boost::asio::awaitable<ApiResponse> RunPlaced(
      const std::function<ApiResponse(Services&)>& attempt, Placement& placement, bool& wrote);
  static constexpr std::chrono::seconds kBusyRetryFor{10};
  // Metrics and the access log's line for an answered request.
  void Record(const ApiRequest& request, const std::string& route, unsigned status,
              std::chrono::steady_clock::duration duration, size_t bytes,
              std::optional<int64_t> user_id);

  boost::asio::io_context& io_;
  Services& services_;
  AccessLog& log_;
  Options options_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  size_t max_connections_ = 0;
  bool shutting_down_ = false;
  std::unordered_set<Connection*> connections_;
  std::unordered_map<std::string, int> heavy_in_flight_;  // By user, or address when signed out.
  uint64_t next_request_ = 0;
  std::string request_id_prefix_;
};

}  // namespace debrief::http
