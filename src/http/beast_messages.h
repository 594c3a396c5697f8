// Between Boost.Beast's messages and the router's ApiRequest and ApiResponse: the server reads
// and writes Beast messages, everything past it sees only debrief's own request and response.
#pragma once

#include <boost/beast/http.hpp>

#include "core/result.h"
#include "http/api.h"

namespace debrief::http {

// Turns the Beast request into the router's ApiRequest; a target that is not a valid
// origin-form URL, or whose decoded parts are not UTF-8, is refused.
core::Result<ApiRequest> Decode(boost::beast::http::request<boost::beast::http::string_body>&& raw);

// Refuses a request whose framing a proxy in front could read differently, which would let one
// request's body pass for another request: a Transfer-Encoding other than exactly "chunked",
// Transfer-Encoding beside Content-Length, and an HTTP/1.1 request without exactly one Host.
core::Result<void> CheckFraming(const boost::beast::http::request_header<>& header);

// The response as sent: security headers every answer carries, no caching unless the response
// says otherwise, and for HEAD the headers alone.
boost::beast::http::response<boost::beast::http::string_body> ToBeast(ApiResponse&& response,
                                                                      unsigned version,
                                                                      bool keep_alive, bool head);

// The header of an answer whose body is written from ApiResponse::parts: chunked for HTTP/1.1;
// an HTTP/1.0 client reads the body to the end of the connection, so keep_alive becomes false.
boost::beast::http::response<boost::beast::http::empty_body> ToBeastInParts(ApiResponse& response,
                                                                            unsigned version,
                                                                            bool& keep_alive);

}  // namespace debrief::http
