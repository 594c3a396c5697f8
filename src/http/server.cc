#include "http/server.h"

#include <malloc.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdio>
#include <random>

#include "http/beast_messages.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/search_workers.h"

namespace debrief::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct Server::Connection {
  beast::tcp_stream* stream = nullptr;
  bool idle = true;  // Waiting for (or reading) the next request rather than answering one.
};

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr size_t kLargeResponseBytes = 4 * 1024 * 1024;

// Closing a socket with unread input resets the connection, and a client still sending a body
// too large to take (a browser uploading a file) then loses the 413 that says why. So, as web
// servers' "lingering close" does, what it still sends is read and dropped for a little while.
asio::awaitable<void> DrainBeforeClose(beast::tcp_stream& stream) {
  constexpr size_t kMostBytes = 256 * 1024 * 1024;
  std::vector<char> scrap(64 * 1024);
  size_t drained = 0;
  while (drained < kMostBytes) {
    stream.expires_after(std::chrono::seconds(2));
    auto [error, bytes] =
        co_await stream.async_read_some(asio::buffer(scrap.data(), scrap.size()), kUseTuple);
    if (error) break;
    drained += bytes;
  }
}

std::string RandomPrefix() {
  std::random_device device;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%08x", device());
  return buffer;
}

}  // namespace

Server::Server(asio::io_context& io, Services& services, AccessLog& log, Options options)
    : io_(io),
      services_(services),
      log_(log),
      options_(std::move(options)),
      acceptor_(io),
      request_id_prefix_(RandomPrefix()) {}

Server::~Server() = default;

core::Result<std::unique_ptr<Server>> Server::Start(asio::io_context& io, Services& services,
                                                    AccessLog& log, Options options) {
  auto server = std::unique_ptr<Server>(new Server(io, services, log, std::move(options)));
  boost::system::error_code error;
  auto address = asio::ip::make_address(server->options_.host, error);
  if (error) {
    return core::Error::InvalidArgument("cannot listen on " + server->options_.host +
                                        ": not an IP address");
  }
  tcp::endpoint endpoint(address, server->options_.port);
  auto& acceptor = server->acceptor_;
  if (acceptor.open(endpoint.protocol(), error); !error) {
    acceptor.set_option(asio::socket_base::reuse_address(true), error);
    acceptor.bind(endpoint, error);
  }
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return core::Error::Unavailable("cannot listen on " + server->options_.host + ":" +
                                    std::to_string(server->options_.port) + ": " + error.message());
  }
  server->port_ = acceptor.local_endpoint().port();
  asio::co_spawn(io, server->Accept(), asio::detached);
  return server;
}

void Server::Shutdown() {
  if (shutting_down_) return;
  shutting_down_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  for (Connection* connection : connections_) {
    if (connection->idle) connection->stream->socket().cancel(ignored);
  }
}

asio::awaitable<void> Server::Accept() {
  while (!shutting_down_) {
    auto [error, socket] = co_await acceptor_.async_accept(kUseTuple);
    if (error) {
      if (shutting_down_ || error == asio::error::operation_aborted) break;
      continue;  // Out of file descriptors, a reset before accept: keep serving others.
    }
    socket.set_option(tcp::no_delay(true), error);
    asio::co_spawn(io_, Serve(std::move(socket)), asio::detached);
  }
}

size_t Server::BodyLimitFor(const bhttp::request_parser<bhttp::string_body>& parser) const {
  // A timeline import may bring a larger body than other requests. The request line is read
  // first, so this is known even when the header was refused for its Content-Length.
  std::string_view target = parser.get().target();
  if (RouteTakesFiles(parser.get().method(), target.substr(0, target.find('?')))) {
    return std::max(options_.body_limit, options_.import_body_limit);
  }
  return options_.body_limit;
}

asio::awaitable<ApiResponse> Server::Answer(bhttp::request<bhttp::string_body>&& raw,
                                            ApiRequest& request, std::string& route,
                                            std::optional<int64_t>& user_id) {
  std::string target(raw.target());
  auto decoded = Decode(std::move(raw));
  if (!decoded) {
    request.path = target.substr(0, target.find('?'));
    co_return ProblemResponse(decoded.error(), request);
  }
  std::string request_id = std::move(request.request_id);
  std::string client_address = std::move(request.client_address);
  request = std::move(*decoded);
  request.request_id = std::move(request_id);
  request.client_address = std::move(client_address);
  ApiResponse response = Dispatch(services_, request, route, user_id);
  if (!response.search_work) co_return response;
  // A library search runs on a search worker while the event loop serves other requests. A plain
  // statement, not a conditional expression: GCC 12 destroys temporaries of a co_await inside ?:
  // twice.
  SearchWork work = std::move(response.search_work);
  std::optional<core::Result<ApiResponse>> answered;
  if (services_.search_workers != nullptr) {
    answered.emplace(co_await services_.search_workers->Run(std::move(work)));
  } else {
    answered.emplace(SearchWorkers::RunInline(work, services_.store));
  }
  if (!*answered) co_return ProblemResponse(answered->error(), request);
  co_return std::move(**answered);
}

void Server::Record(const ApiRequest& request, const std::string& route, unsigned status,
                    std::chrono::steady_clock::duration duration, size_t bytes,
                    std::optional<int64_t> user_id) {
  services_.metrics.ObserveRequest(bhttp::to_string(request.method), route, status, duration);
  // A route with a secret in its path (an alert hook's token) is logged by its pattern.
  const std::string& logged_path =
      route.find("{token}") != std::string::npos ? route : request.path;
  log_.Write({services_.clock.Now(), request.request_id, bhttp::to_string(request.method),
              logged_path, route, status, duration, bytes, user_id, request.client_address});
}

asio::awaitable<void> Server::Serve(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  Connection connection{&stream, true};
  connections_.insert(&connection);
  std::string client_address;
  {
    boost::system::error_code error;
    auto remote = stream.socket().remote_endpoint(error);
    if (!error) client_address = remote.address().to_string();
  }
  beast::flat_buffer buffer;
  bool unread_body = false;  // A body refused unread: the client may still be sending it.
  try {
    while (!shutting_down_) {
      bhttp::request_parser<bhttp::string_body> parser;
      // The parser checks a Content-Length against its limit as soon as the header is in, before
      // the route is known: it starts at the largest any route takes, and the route's own limit
      // is applied once the header is read.
      parser.body_limit(std::max(options_.body_limit, options_.import_body_limit));
      parser.header_limit(32 * 1024);
      stream.expires_after(options_.read_timeout);
      connection.idle = true;
      auto [read_error, read_bytes] =
          co_await bhttp::async_read_header(stream, buffer, parser, kUseTuple);
      connection.idle = false;
      size_t body_limit = BodyLimitFor(parser);
      if (!read_error) {
        parser.body_limit(body_limit);  // For chunked bodies, counted as they arrive.
        if (parser.content_length() && *parser.content_length() > body_limit) {
          read_error = bhttp::error::body_limit;
        } else if (!parser.is_done()) {
          std::tie(read_error, read_bytes) =
              co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
        }
      }
      auto started = std::chrono::steady_clock::now();
      if (read_error == bhttp::error::end_of_stream ||
          read_error == asio::error::operation_aborted || read_error == beast::error::timeout ||
          read_error == asio::error::connection_reset || read_error == asio::error::eof) {
        break;
      }

      ApiRequest request;
      ApiResponse response;
      std::string route = "unmatched";
      std::optional<int64_t> user_id;
      request.request_id = request_id_prefix_ + "-" + std::to_string(++next_request_);
      request.client_address = client_address;
      bool keep_alive = false;
      unsigned version = 11;
      bool head = false;
      if (read_error) {
        // A request we could not read: say why, then close, since the stream position is lost.
        bool too_large = read_error == bhttp::error::body_limit;
        unread_body = too_large;
        request.path = "(unreadable)";
        response = ProblemResponse(
            too_large
                ? core::Error::ResourceExhausted("the body is larger than " +
                                                 std::to_string(body_limit) + " bytes")
                : core::Error::InvalidArgument("malformed HTTP request: " + read_error.message()),
            request, too_large ? 413 : 400);
      } else {
        bhttp::request<bhttp::string_body> raw = parser.release();
        keep_alive = raw.keep_alive();
        version = raw.version();
        head = raw.method() == bhttp::verb::head;
        response = co_await Answer(std::move(raw), request, route, user_id);
      }
      keep_alive = keep_alive && !shutting_down_;
      unsigned status = response.status;
      auto out = ToBeast(std::move(response), version, keep_alive, head);
      size_t bytes = out.body().size();
      stream.expires_after(options_.read_timeout);
      auto [write_error, written] = co_await bhttp::async_write(stream, out, kUseTuple);
      Record(request, route, status, std::chrono::steady_clock::now() - started, bytes, user_id);
      // A very large response (a list of tens of thousands of records) leaves freed memory that
      // glibc keeps; hand it back so one big request does not pin the server's footprint.
      if (bytes > kLargeResponseBytes) malloc_trim(0);
      if (write_error || !keep_alive) break;
    }
  } catch (const std::exception& exception) {
    log_.Event(services_.clock.Now(), "connection_error", exception.what());
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (unread_body) co_await DrainBeforeClose(stream);
  connections_.erase(&connection);
}

}  // namespace debrief::http
