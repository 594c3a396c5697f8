#include "http/beast_messages.h"

#include <boost/url.hpp>
#include <cctype>
#include <iterator>

#include "core/utf8.h"

namespace debrief::http {

namespace bhttp = boost::beast::http;

core::Result<ApiRequest> Decode(bhttp::request<bhttp::string_body>&& raw) {
  ApiRequest request;
  request.method = raw.method();
  auto url = boost::urls::parse_origin_form(raw.target());
  if (!url) return core::Error::InvalidArgument("the request target is not a valid URL");
  request.path = std::string(url->encoded_path());
  for (auto segment : url->segments()) {
    if (!core::IsValidUtf8(segment)) {
      return core::Error::InvalidArgument("the path is not valid UTF-8");
    }
    request.segments.push_back(std::move(segment));
  }
  for (auto param : url->params()) {
    if (!core::IsValidUtf8(param.key) || !core::IsValidUtf8(param.value)) {
      return core::Error::InvalidArgument("the query string is not valid UTF-8", param.key);
    }
    request.query.insert_or_assign(param.key, param.value);
  }
  for (const auto& field : raw) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.insert_or_assign(std::move(name), std::string(field.value()));
  }
  request.body = std::move(raw.body());
  return request;
}

namespace {

bool IsExactlyChunked(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  constexpr std::string_view kChunked = "chunked";
  if (value.size() != kChunked.size()) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kChunked[i]) return false;
  }
  return true;
}

}  // namespace

core::Result<void> CheckFraming(const bhttp::request_header<>& header) {
  auto encodings = header.equal_range(bhttp::field::transfer_encoding);
  size_t encoding_count = static_cast<size_t>(std::distance(encodings.first, encodings.second));
  if (encoding_count > 0) {
    if (encoding_count > 1 || !IsExactlyChunked(encodings.first->value())) {
      return core::Error::InvalidArgument("only \"Transfer-Encoding: chunked\" is accepted, once",
                                          "Transfer-Encoding");
    }
    if (header.count(bhttp::field::content_length) > 0) {
      return core::Error::InvalidArgument("send Transfer-Encoding or Content-Length, not both",
                                          "Transfer-Encoding");
    }
  }
  if (header.version() >= 11 && header.count(bhttp::field::host) != 1) {
    return core::Error::InvalidArgument("an HTTP/1.1 request needs exactly one Host header",
                                        "Host");
  }
  return core::Ok();
}

namespace {

// What every answer carries: its type, the handler's headers, the security headers, and no
// caching unless the response says otherwise (the UI's hashed assets do).
void SetHeaders(bhttp::response_header<>& out, ApiResponse& response) {
  if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Referrer-Policy", "no-referrer");
  for (auto& [name, value] : response.headers) out.insert(name, value);
  // API answers are per user and change with every write: never cache them.
  if (out.find(bhttp::field::cache_control) == out.end()) {
    out.set(bhttp::field::cache_control, "no-store");
  }
  if (out.find("Content-Security-Policy") == out.end()) {
    out.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
}

}  // namespace

bhttp::response<bhttp::string_body> ToBeast(ApiResponse&& response, unsigned version,
                                            bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  SetHeaders(out.base(), response);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (head) out.body().clear();
  return out;
}

bhttp::response<bhttp::empty_body> ToBeastInParts(ApiResponse& response, unsigned version,
                                                  bool& keep_alive) {
  bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(response.status), version};
  SetHeaders(out.base(), response);
  if (version < 11) keep_alive = false;
  out.keep_alive(keep_alive);
  if (version >= 11) out.chunked(true);
  return out;
}

}  // namespace debrief::http
