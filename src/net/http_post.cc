#include "net/http_post.h"

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace debrief::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bh = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kMaxAnswerBytes = 64 * 1024;

template <class Stream>
OutboundResult Exchange(Stream& stream, beast::tcp_stream& timed,
                        const bh::request<bh::string_body>& request,
                        std::chrono::milliseconds timeout) {
  beast::error_code error;
  timed.expires_after(timeout);
  bh::write(stream, request, error);
  if (error) return {std::nullopt, "sending failed: " + error.message()};
  beast::flat_buffer buffer;
  bh::response_parser<bh::string_body> parser;
  parser.body_limit(kMaxAnswerBytes);
  bh::read(stream, buffer, parser, error);
  if (error) return {std::nullopt, "no answer: " + error.message()};
  int status = static_cast<int>(parser.get().result_int());
  OutboundResult result{status, ""};
  if (!result.ok()) {
    std::string body = parser.get().body().substr(0, 200);
    result.error = "answered " + std::to_string(status) + (body.empty() ? "" : ": " + body);
  }
  return result;
}

}  // namespace

OutboundResult PostJson(const OutboundRequest& outbound) {
  auto url = boost::urls::parse_uri(outbound.url);
  if (!url) return {std::nullopt, "the URL cannot be parsed"};
  bool tls = url->scheme() == "https";
  std::string host(url->host());
  std::string port = url->has_port() ? std::string(url->port()) : (tls ? "443" : "80");
  std::string target(url->encoded_target());
  if (target.empty()) target = "/";

  bh::request<bh::string_body> request{bh::verb::post, target, 11};
  request.set(bh::field::host, url->has_port() ? host + ":" + port : host);
  request.set(bh::field::user_agent, "debrief-webhooks");
  request.set(bh::field::content_type, "application/json");
  for (const auto& [name, value] : outbound.headers) request.set(name, value);
  request.body() = outbound.body;
  request.prepare_payload();

  asio::io_context io;
  beast::error_code error;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(host, port, error);
  if (error) return {std::nullopt, "cannot resolve " + host + ": " + error.message()};
  if (!tls) {
    beast::tcp_stream stream(io);
    stream.expires_after(outbound.timeout);
    stream.connect(endpoints, error);
    if (error) return {std::nullopt, "cannot connect: " + error.message()};
    OutboundResult result = Exchange(stream, stream, request, outbound.timeout);
    stream.socket().shutdown(tcp::socket::shutdown_both, error);
    return result;
  }
  asio::ssl::context context(asio::ssl::context::tls_client);
  context.set_default_verify_paths(error);
  context.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
    return {std::nullopt, "cannot set the TLS server name"};
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(host));
  beast::get_lowest_layer(stream).expires_after(outbound.timeout);
  beast::get_lowest_layer(stream).connect(endpoints, error);
  if (error) return {std::nullopt, "cannot connect: " + error.message()};
  stream.handshake(asio::ssl::stream_base::client, error);
  if (error) return {std::nullopt, "TLS handshake failed: " + error.message()};
  OutboundResult result =
      Exchange(stream, beast::get_lowest_layer(stream), request, outbound.timeout);
  stream.shutdown(error);
  return result;
}

}  // namespace debrief::net
