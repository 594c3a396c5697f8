// Bytes as a client sends them to the server: the HTTP parser with the server's header limit,
// the framing check made before any body is read, and the request as handlers see it (path
// segments, query parameters, headers).

#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/beast_messages.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  namespace bhttp = boost::beast::http;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(32 * 1024);
  parser.body_limit(1 << 20);
  boost::beast::error_code error;
  size_t used = 0;
  bool framing_checked = false;
  while (!parser.is_done()) {
    size_t taken =
        used < size ? parser.put(boost::asio::buffer(data + used, size - used), error) : 0;
    used += taken;
    if (error == bhttp::error::need_more) error = {};
    if (error) return 0;
    if (taken == 0) {
      // The client sent no more than this: the connection ends here.
      parser.put_eof(error);
      if (error || !parser.is_done()) return 0;
    }
    if (parser.is_header_done() && !framing_checked) {
      // As the server does: the body is read only when the header's framing is unambiguous.
      if (!http::CheckFraming(parser.get().base())) return 0;
      framing_checked = true;
      parser.eager(true);
    }
  }
  auto request = http::Decode(parser.release());
  // An origin-form target is an absolute path; the router splits and matches nothing else.
  if (request && !request->path.starts_with('/')) __builtin_trap();
  return 0;
}
