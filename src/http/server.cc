#include "http/server.h"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cerrno>
#include <cstdio>
#include <limits>
#include <random>
#include <tuple>

#include "http/beast_messages.h"
#include "http/metrics.h"
#include "http/request_workers.h"
#include "http/router.h"
#include "http/search_workers.h"

namespace debrief::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct Server::Connection {
  beast::tcp_stream* stream = nullptr;
  bool idle = true;   // Waiting for (or reading) the next request rather than answering one.
  bool shed = false;  // Closed to make room for a new client.
};

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr size_t kLargeResponseBytes = 4 * 1024 * 1024;

// Closing a socket with unread input resets the connection, and a client still sending a body
// too large to take (a browser uploading a file) then loses the 413 that says why. So, as web
// servers' "lingering close" does, what it still sends is read and dropped for a little while.
// How often a connection whose request runs off the loop is looked at for its client leaving.
constexpr auto kCancelPollInterval = std::chrono::milliseconds(100);

// Writes an answer whose body comes in parts (ApiResponse::parts): the header, then each part as
// soon as it is written, so the server never holds the whole body and the loop serves others
// between parts. Each write must finish within `timeout`: a client that stops reading is cut
// off. Returns the body's size in bytes.
asio::awaitable<std::tuple<boost::system::error_code, size_t>> WriteInParts(
    beast::tcp_stream& stream, ApiResponse response, unsigned version, bool& keep_alive, bool head,
    std::chrono::steady_clock::duration timeout) {
  BodyParts parts = std::move(response.parts);
  auto header = ToBeastInParts(response, version, keep_alive);
  bool chunked = header.chunked();
  bhttp::response_serializer<bhttp::empty_body> serializer(header);
  stream.expires_after(timeout);
  boost::system::error_code error;
  size_t written = 0;
  std::tie(error, written) = co_await bhttp::async_write_header(stream, serializer, kUseTuple);
  size_t bytes = 0;
  if (error || head) co_return std::tuple{error, bytes};
  std::string part;
  for (bool more = true; more && !error;) {
    part.clear();
    more = parts(part);
    if (part.empty()) continue;
    bytes += part.size();
    stream.expires_after(timeout);
    if (chunked) {
      std::tie(error, written) =
          co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(part)), kUseTuple);
    } else {
      std::tie(error, written) = co_await asio::async_write(stream, asio::buffer(part), kUseTuple);
    }
  }
  if (!error && chunked) {
    stream.expires_after(timeout);
    std::tie(error, written) =
        co_await asio::async_write(stream, bhttp::make_chunk_last(), kUseTuple);
  }
  co_return std::tuple{error, bytes};
}

// Whether the client sent "Expect: 100-continue" (HTTP/1.1 only), asking for a go-ahead before
// its body: it gets one once the header passed every check (a refusal goes out instead).
bool ExpectsContinue(const bhttp::request_header<>& header) {
  if (header.version() < 11) return false;
  auto expect = header.find(bhttp::field::expect);
  return expect != header.end() && beast::iequals(expect->value(), "100-continue");
}

// Whether the peer has closed the connection (or it broke): a peek that finds the end of the
// stream. Bytes waiting (a pipelined request) mean the client is still there.
bool PeerClosed(tcp::socket& socket) {
  char byte = 0;
  ssize_t got = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (got == 0) return true;
  return got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}

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

// Raises the soft limit on open files to the hard one (the default soft limit, 1,024, is below
// what a busy server holds) and returns the limit in force.
rlim_t RaiseOpenFileLimit(rlim_t& before) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return before = 1024;
  before = limit.rlim_cur;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) return raised.rlim_cur;
  }
  return limit.rlim_cur;
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
  server->max_connections_ = server->ConnectionCap();
  asio::co_spawn(io, server->Accept(), asio::detached);
  return server;
}

std::string Server::ClientAddress(const bhttp::request_header<>& header,
                                  const std::string& peer) const {
  auto trusted = [&](std::string_view address) {
    return std::find(options_.trusted_proxies.begin(), options_.trusted_proxies.end(), address) !=
           options_.trusted_proxies.end();
  };
  if (!trusted(peer)) return peer;
  // The nearest address a trusted proxy did not add: the right-most one not itself a proxy.
  // Anything a client wrote to the left of it is the client's own claim, and ignored.
  std::string client = peer;
  std::vector<std::string> hops;
  for (auto range = header.equal_range("X-Forwarded-For"); range.first != range.second;
       ++range.first) {
    std::string_view value = range.first->value();
    while (!value.empty()) {
      size_t comma = value.find(',');
      std::string_view hop = value.substr(0, comma);
      while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
      while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
      hops.emplace_back(hop);
      value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    }
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    boost::system::error_code error;
    auto address = asio::ip::make_address(*hop, error);
    if (error) break;  // Not an address: nothing further left can be trusted.
    client = address.to_string();
    if (!trusted(client)) break;
  }
  return client;
}

size_t Server::ConnectionCap() {
  rlim_t before = 0;
  rlim_t files = RaiseOpenFileLimit(before);
  // Room for the database, its journal, logs, outbound deliveries and workers' connections.
  constexpr rlim_t kReserved = 128;
  size_t cap = options_.max_connections;
  if (files != RLIM_INFINITY) {
    cap = std::min<size_t>(cap, files > 2 * kReserved ? files - kReserved : files / 2);
  }
  log_.Event(services_.clock.Now(), "connections",
             "at most " + std::to_string(cap) +
                 " connections at once (open files: " + std::to_string(before) + " raised to " +
                 (files == RLIM_INFINITY ? std::string("unlimited") : std::to_string(files)) + ")");
  return cap;
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
  asio::steady_timer pause(io_);
  while (!shutting_down_) {
    auto [error, socket] = co_await acceptor_.async_accept(kUseTuple);
    if (error) {
      if (shutting_down_ || error == asio::error::operation_aborted) break;
      if (error == asio::error::no_descriptors || error.value() == ENFILE) {
        // Out of file descriptors: accepting again at once would fail again and spin a core.
        log_.Event(services_.clock.Now(), "accept_paused", error.message());
        pause.expires_after(std::chrono::milliseconds(100));
        co_await pause.async_wait(kUseTuple);
      }
      continue;  // A reset before accept: keep serving others.
    }
    if (connections_.size() >= max_connections_ && !ShedIdleConnection()) {
      // Every connection is busy with a request: this one is closed unanswered, and the client
      // may retry; the server keeps the descriptors it needs to finish the others.
      socket.close(error);
      continue;
    }
    socket.set_option(tcp::no_delay(true), error);
    asio::co_spawn(io_, Serve(std::move(socket)), asio::detached);
  }
}

bool Server::ShedIdleConnection() {
  for (Connection* connection : connections_) {
    if (connection->idle && !connection->shed) {
      connection->shed = true;
      boost::system::error_code ignored;
      connection->stream->socket().cancel(ignored);
      return true;
    }
  }
  return false;
}

asio::awaitable<std::optional<ApiResponse>> Server::Screen(
    const bhttp::request_parser<bhttp::string_body>& parser, ApiRequest& request,
    size_t& body_limit, std::string& route) {
  body_limit = options_.body_limits.general;
  if (auto framed = CheckFraming(parser.get()); !framed) {
    request.path = "(unreadable)";
    co_return ProblemResponse(framed.error(), request);
  }
  if (parser.is_done()) co_return std::nullopt;  // No body to hold: the router decides as usual.
  bhttp::request<bhttp::string_body> header_only(parser.get().base());
  auto head = Decode(std::move(header_only));
  if (!head) {
    std::string_view target = parser.get().target();
    request.path = std::string(target.substr(0, target.find('?')));
    co_return ProblemResponse(head.error(), request);
  }
  head->request_id = request.request_id;
  head->client_address = request.client_address;
  head->peer_address = request.peer_address;
  Admission admission;
  if (options_.request_workers != nullptr) {
    // Finding the caller reads the database: on a worker, like the rest of the request.
    co_await options_.request_workers->Run(
        [&](Services& services) { admission = Admit(services, *head, options_.body_limits); });
  } else {
    admission = Admit(services_, *head, options_.body_limits);
  }
  body_limit = admission.body_limit;
  request.admitted = std::move(admission.caller);
  if (!admission.refusal) co_return std::nullopt;
  request.path = head->path;
  route = admission.route.empty() ? "unmatched" : std::string(admission.route);
  co_return std::move(admission.refusal);
}

asio::awaitable<ApiResponse> Server::Answer(bhttp::request<bhttp::string_body>&& raw,
                                            ApiRequest& request, std::string& route,
                                            std::optional<int64_t>& user_id,
                                            Connection& connection) {
  std::string target(raw.target());
  auto decoded = Decode(std::move(raw));
  if (!decoded) {
    request.path = target.substr(0, target.find('?'));
    co_return ProblemResponse(decoded.error(), request);
  }
  std::string request_id = std::move(request.request_id);
  std::string client_address = std::move(request.client_address);
  std::string peer_address = std::move(request.peer_address);
  std::optional<Authenticated> admitted = std::move(request.admitted);
  request = std::move(*decoded);
  request.request_id = std::move(request_id);
  request.client_address = std::move(client_address);
  request.peer_address = std::move(peer_address);
  request.admitted = std::move(admitted);
  Placement placement;
  placement.on_loop = options_.request_workers == nullptr || AnsweredWithoutDatabase(request);
  ApiResponse response = co_await RunAgainWhileBusy(
      [&](Services& services) { return Dispatch(services, request, route, user_id); }, placement);
  if (response.off_loop) {
    co_return co_await FinishOffLoop(std::move(response), request, user_id, connection, placement);
  }
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

asio::awaitable<void> Server::WatchForCancel(Connection& connection, CancelFlag cancel,
                                             std::shared_ptr<const bool> done) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!*done) {
    timer.expires_after(kCancelPollInterval);
    co_await timer.async_wait(kUseTuple);
    // Once done, the connection may be gone: nothing of it is touched.
    if (*done) co_return;
    if (shutting_down_ || PeerClosed(connection.stream->socket())) {
      cancel->store(true);
      co_return;
    }
  }
}

asio::awaitable<ApiResponse> Server::FinishOffLoop(ApiResponse response, const ApiRequest& request,
                                                   std::optional<int64_t> user_id,
                                                   Connection& connection, Placement& placement) {
  // One person's heavy requests take at most a few workers, so others' still find one free.
  std::string who = user_id ? "user:" + std::to_string(*user_id) : "at:" + request.client_address;
  if (heavy_in_flight_[who] >= kMostHeavyPerUser) {
    co_return ProblemResponse(
        core::Error::ResourceExhausted("you have " + std::to_string(kMostHeavyPerUser) +
                                           " heavy requests running; try again when one is done",
                                       std::chrono::seconds(1)),
        request);
  }
  ++heavy_in_flight_[who];
  auto done = std::make_shared<bool>(false);
  if (response.cancel)
    asio::co_spawn(io_, WatchForCancel(connection, response.cancel, done), asio::detached);
  OffLoopWork work = std::move(response.off_loop);
  std::optional<LoopStep> step;
  if (services_.search_workers != nullptr) {
    step.emplace(co_await services_.search_workers->RunOffLoop(std::move(work)));
  } else {
    step.emplace(SearchWorkers::RunOffLoopInline(work));
  }
  *done = true;
  if (--heavy_in_flight_[who] == 0) heavy_in_flight_.erase(who);
  bool step_answered = false;  // Not a problem: the handler's headers go with the answer.
  // The step runs where the handler ran: it may use the store the handler had.
  ApiResponse finished = co_await RunAgainWhileBusy(
      [&](Services&) -> ApiResponse {
        core::Result<ApiResponse> answer = [&]() -> core::Result<ApiResponse> {
          try {
            return (*step)();
          } catch (const std::exception& exception) {
            return core::Error::Internal(exception.what());
          }
        }();
        step_answered = answer.has_value();
        if (!answer) return ProblemResponse(answer.error(), request);
        return std::move(*answer);
      },
      placement);
  if (step_answered) {
    for (auto& header : response.headers) finished.headers.push_back(std::move(header));
  }
  co_return finished;
}

asio::awaitable<ApiResponse> Server::RunPlaced(const std::function<ApiResponse(Services&)>& attempt,
                                               Placement& placement, bool& wrote) {
  if (placement.on_loop) {
    int64_t writes_before = services_.store.WriteCount();
    ApiResponse response = attempt(services_);
    wrote = services_.store.WriteCount() != writes_before;
    co_return response;
  }
  ApiResponse response;
  placement.worker = co_await options_.request_workers->Run(
      [&](Services& services) {
        int64_t writes_before = services.store.WriteCount();
        response = attempt(services);
        wrote = services.store.WriteCount() != writes_before;
      },
      placement.worker);
  co_return response;
}

asio::awaitable<ApiResponse> Server::RunAgainWhileBusy(
    const std::function<ApiResponse(Services&)>& attempt, Placement& placement) {
  auto first_busy = std::chrono::steady_clock::now();
  auto pause = std::chrono::milliseconds(1);
  // A request not yet bound to a worker is run again on whichever is free.
  bool bound = placement.worker.has_value();
  while (true) {
    if (!bound) placement.worker.reset();
    bool wrote = false;
    ApiResponse response = co_await RunPlaced(attempt, placement, wrote);
    // Run again only what wrote nothing: a request whose first write met the lock. One that
    // wrote before meeting it (never in one transaction, which holds the lock from its first
    // write) answers 503 as it is.
    bool again = response.store_busy && !wrote && !shutting_down_ &&
                 std::chrono::steady_clock::now() - first_busy < kBusyRetryFor;
    if (!again) co_return response;
    services_.metrics.ObserveBusyRetry();
    asio::steady_timer timer(io_);
    timer.expires_after(pause);
    co_await timer.async_wait(kUseTuple);
    pause = std::min(pause * 2, std::chrono::milliseconds(25));
  }
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
      // No limit on the body while the header is read: Screen chooses the route's own once the
      // caller is known, so a caller who may not use the route learns that first.
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      parser.header_limit(32 * 1024);
      stream.expires_after(options_.read_timeout);
      connection.idle = true;
      auto [read_error, read_bytes] =
          co_await bhttp::async_read_header(stream, buffer, parser, kUseTuple);
      connection.idle = false;

      ApiRequest request;
      ApiResponse response;
      std::string route = "unmatched";
      std::optional<int64_t> user_id;
      request.request_id = request_id_prefix_ + "-" + std::to_string(++next_request_);
      request.client_address =
          read_error ? client_address : ClientAddress(parser.get(), client_address);
      request.peer_address = client_address;
      // Whatever can be said from the header is said before the body is read.
      std::optional<ApiResponse> refused;
      size_t body_limit = options_.body_limits.general;
      if (!read_error) {
        refused = co_await Screen(parser, request, body_limit, route);
        parser.body_limit(body_limit);  // For chunked bodies, counted as they arrive.
        if (refused) {
          unread_body = !parser.is_done();
        } else if (parser.content_length() && *parser.content_length() > body_limit) {
          read_error = bhttp::error::body_limit;
        } else if (!parser.is_done()) {
          // A client that asked whether to send its body (curl does for anything over 1 MiB)
          // waits for this, or a second by its own clock, before sending it.
          if (ExpectsContinue(parser.get()) && buffer.size() == 0) {
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_,
                                                     parser.get().version()};
            std::tie(read_error, read_bytes) =
                co_await bhttp::async_write(stream, go_on, kUseTuple);
          }
          if (!read_error) {
            std::tie(read_error, read_bytes) =
                co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
          }
        }
      }
      auto started = std::chrono::steady_clock::now();
      if (read_error == bhttp::error::end_of_stream ||
          read_error == asio::error::operation_aborted || read_error == beast::error::timeout ||
          read_error == asio::error::connection_reset || read_error == asio::error::eof) {
        break;
      }

      bool keep_alive = false;
      unsigned version = 11;
      bool head = false;
      if (refused) {
        // Answered from the header; the body, if any, was never read, so the connection closes.
        response = std::move(*refused);
        version = parser.get().version();
      } else if (read_error) {
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
        response = co_await Answer(std::move(raw), request, route, user_id, connection);
      }
      keep_alive = keep_alive && !shutting_down_;
      unsigned status = response.status;
      boost::system::error_code write_error;
      size_t bytes = 0;
      if (response.parts) {
        std::tie(write_error, bytes) = co_await WriteInParts(
            stream, std::move(response), version, keep_alive, head, options_.read_timeout);
      } else {
        auto out = ToBeast(std::move(response), version, keep_alive, head);
        bytes = out.body().size();
        stream.expires_after(options_.read_timeout);
        std::tie(write_error, std::ignore) = co_await bhttp::async_write(stream, out, kUseTuple);
      }
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
