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

// No answer, and why.
OutboundResult Failed(std::string why) {
  OutboundResult result;
  result.error = std::move(why);
  return result;
}

template <class Stream>
OutboundResult Exchange(Stream& stream, beast::tcp_stream& timed,
                        const bh::request<bh::string_body>& request,
                        std::chrono::milliseconds timeout, size_t max_answer_bytes) {
  beast::error_code error;
  timed.expires_after(timeout);
  bh::write(stream, request, error);
  if (error) return Failed("sending failed: " + error.message());
  beast::flat_buffer buffer;
  bh::response_parser<bh::string_body> parser;
  parser.body_limit(max_answer_bytes);
  bh::read(stream, buffer, parser, error);
  if (error) return Failed("no answer: " + error.message());
  int status = static_cast<int>(parser.get().result_int());
  OutboundResult result;
  result.status = status;
  result.body = std::move(parser.get().body());
  result.content_type = std::string(parser.get()[bh::field::content_type]);
  if (!result.ok()) result.error = "answered " + std::to_string(status);
  return result;
}

bool IsPublicV4(const asio::ip::address_v4& address) {
  uint32_t value = address.to_uint();
  struct Block {
    uint32_t network;
    int bits;
  };
  // Not reachable on the internet, or not meant to be: RFC 6890's special-purpose blocks.
  constexpr Block kNotPublic[] = {
      {0x00000000, 8},  {0x0A000000, 8},  {0x64400000, 10}, {0x7F000000, 8},  {0xA9FE0000, 16},
      {0xAC100000, 12}, {0xC0000000, 24}, {0xC0000200, 24}, {0xC0A80000, 16}, {0xC6120000, 15},
      {0xC6336400, 24}, {0xCB007100, 24}, {0xE0000000, 4},  {0xF0000000, 4},
  };
  for (const Block& block : kNotPublic) {
    uint32_t mask = block.bits == 0 ? 0 : ~uint32_t{0} << (32 - block.bits);
    if ((value & mask) == block.network) return false;
  }
  return true;
}

bool IsPublic(const asio::ip::address& address) {
  if (address.is_v4()) return IsPublicV4(address.to_v4());
  asio::ip::address_v6 v6 = address.to_v6();
  if (v6.is_v4_mapped()) return IsPublicV4(asio::ip::make_address_v4(asio::ip::v4_mapped, v6));
  auto bytes = v6.to_bytes();
  if (v6.is_loopback() || v6.is_unspecified() || v6.is_link_local() || v6.is_multicast() ||
      v6.is_site_local()) {
    return false;
  }
  if ((bytes[0] & 0xFE) == 0xFC) return false;  // fc00::/7, unique local.
  if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8) {
    return false;  // 2001:db8::/32.
  }
  if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B) {
    return false;  // 64:ff9b::/96, NAT64: an IPv4 address behind it may be internal.
  }
  return true;
}

}  // namespace

bool IsPublicAddress(std::string_view text) {
  beast::error_code error;
  auto address = asio::ip::make_address(std::string(text), error);
  return !error && IsPublic(address);
}

OutboundResult PostJson(const OutboundRequest& outbound) {
  OutboundRequest post = outbound;
  post.method = "POST";
  post.content_type = "application/json";
  return Send(post);
}

OutboundResult Send(const OutboundRequest& outbound) {
  auto url = boost::urls::parse_uri(outbound.url);
  if (!url) return Failed("the URL cannot be parsed");
  bool tls = url->scheme() == "https";
  std::string host(url->host());
  std::string port = url->has_port() ? std::string(url->port()) : (tls ? "443" : "80");
  std::string target(url->encoded_target());
  if (target.empty()) target = "/";

  bh::verb method = bh::string_to_verb(outbound.method);
  if (method != bh::verb::get && method != bh::verb::post) {
    return Failed("only GET and POST are sent");
  }
  bh::request<bh::string_body> request{method, target, 11};
  request.set(bh::field::host, url->has_port() ? host + ":" + port : host);
  request.set(bh::field::user_agent, "debrief");
  if (method == bh::verb::post) {
    request.set(bh::field::content_type, outbound.content_type);
    request.body() = outbound.body;
  }
  for (const auto& [name, value] : outbound.headers) request.set(name, value);
  request.prepare_payload();

  asio::io_context io;
  beast::error_code error;
  tcp::resolver resolver(io);
  auto resolved = resolver.resolve(host, port, error);
  if (error) return Failed("cannot resolve " + host + ": " + error.message());
  // Every address the name has must be public: connecting tries them in turn, and one internal
  // address among public ones would be reached as surely.
  std::vector<tcp::endpoint> endpoints;
  bool internal_allowed = outbound.may_be_internal && outbound.may_be_internal(host);
  for (const auto& entry : resolved) {
    if (!internal_allowed && !IsPublic(entry.endpoint().address())) {
      return Failed(host + " is on an internal network (" + entry.endpoint().address().to_string() +
                    "); deliveries go to public addresses unless an admin allows "
                    "the host (serve --webhook-internal-hosts)");
    }
    endpoints.push_back(entry.endpoint());
  }
  if (!tls) {
    beast::tcp_stream stream(io);
    stream.expires_after(outbound.timeout);
    stream.connect(endpoints, error);
    if (error) return Failed("cannot connect: " + error.message());
    OutboundResult result =
        Exchange(stream, stream, request, outbound.timeout, outbound.max_answer_bytes);
    stream.socket().shutdown(tcp::socket::shutdown_both, error);
    return result;
  }
  asio::ssl::context context(asio::ssl::context::tls_client);
  context.set_default_verify_paths(error);
  context.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
    return Failed("cannot set the TLS server name");
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(host));
  beast::get_lowest_layer(stream).expires_after(outbound.timeout);
  beast::get_lowest_layer(stream).connect(endpoints, error);
  if (error) return Failed("cannot connect: " + error.message());
  stream.handshake(asio::ssl::stream_base::client, error);
  if (error) return Failed("TLS handshake failed: " + error.message());
  OutboundResult result = Exchange(stream, beast::get_lowest_layer(stream), request,
                                   outbound.timeout, outbound.max_answer_bytes);
  stream.shutdown(error);
  return result;
}

}  // namespace debrief::net
