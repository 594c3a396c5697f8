// Server: the HTTP/1.1 server on Boost.Beast with C++20 coroutines, on one event-loop thread.
// Each connection reads a request (with a body limit and a read timeout), hands it to the router,
// and writes the answer; keep-alive is honoured. Shutdown() stops accepting, closes idle
// connections and lets requests in flight finish.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "core/result.h"
#include "http/access_log.h"
#include "http/api.h"

namespace debrief::http {

class Server {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;  // 0 picks a free port; see port().
    size_t body_limit = 1024 * 1024;
    // Routes that take a whole file (Route::takes_files: the UI's Import dialog) may be larger.
    size_t import_body_limit = 32 * 1024 * 1024;
    std::chrono::seconds read_timeout{30};
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
  Server(boost::asio::io_context& io, Services& services, AccessLog& log, Options options);
  boost::asio::awaitable<void> Accept();
  // One connection: requests read, answered and written in turn until either side closes.
  boost::asio::awaitable<void> Serve(boost::asio::ip::tcp::socket socket);
  // The largest body the request's route takes (the parser has read its request line).
  size_t BodyLimitFor(
      const boost::beast::http::request_parser<boost::beast::http::string_body>& parser) const;
  // Decodes the request into `request` (which holds its id and client address already), runs it
  // through the router, and finishes a library search on a search worker.
  boost::asio::awaitable<ApiResponse> Answer(
      boost::beast::http::request<boost::beast::http::string_body>&& raw, ApiRequest& request,
      std::string& route, std::optional<int64_t>& user_id);
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
  bool shutting_down_ = false;
  std::unordered_set<Connection*> connections_;
  uint64_t next_request_ = 0;
  std::string request_id_prefix_;
};

}  // namespace debrief::http
