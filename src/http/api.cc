#include "http/api.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>

#include "app/app.h"
#include "core/utf8.h"

namespace debrief::http {

namespace bj = boost::json;

Services ServicesFor(app::App& app, Authenticator& authenticator, Metrics& metrics,
                     ResponseCache& response_cache, SearchWorkers* search_workers) {
  return Services{app.store(),
                  app.clock(),
                  authenticator,
                  metrics,
                  response_cache,
                  {},
                  {},
                  app.checker(),
                  search_workers,
                  &app.timeline_cache(),
                  &app.event_snapshots(),
                  {},
                  &app.language_feedback()};
}

std::string_view ApiRequest::Header(std::string_view name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string_view() : std::string_view(found->second);
}

ApiResponse ApiResponse::Json(const bj::object& object, unsigned status) {
  ApiResponse response;
  response.status = status;
  response.body = bj::serialize(object);
  return response;
}

ApiResponse ApiResponse::Versioned(const bj::object& record, unsigned status) {
  ApiResponse response = Json(record, status);
  if (const bj::value* version = record.if_contains("version"); version && version->is_int64()) {
    response.headers.emplace_back("ETag", "\"" + std::to_string(version->get_int64()) + "\"");
  }
  return response;
}

ApiResponse ApiResponse::NoContent() {
  ApiResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

core::Result<bj::object> Context::JsonBody() const {
  return ParseJsonBody(request.Header("content-type"), request.body);
}

core::Result<bj::object> ParseJsonBody(std::string_view content_type, std::string_view body) {
  // The media type alone, before any parameter ("; charset=utf-8"), compared without case:
  // "application/jsonx" or "application/json-seq" are other formats.
  std::string_view media_type = content_type.substr(0, content_type.find(';'));
  while (!media_type.empty() && (media_type.back() == ' ' || media_type.back() == '\t')) {
    media_type.remove_suffix(1);
  }
  constexpr std::string_view kJson = "application/json";
  bool is_json =
      media_type.size() == kJson.size() &&
      std::equal(media_type.begin(), media_type.end(), kJson.begin(),
                 [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  if (!is_json) {
    return core::Error::InvalidArgument("send the body as JSON with Content-Type: application/json",
                                        "Content-Type");
  }
  size_t bad_offset = 0;
  if (!core::IsValidUtf8(body, &bad_offset)) {
    return core::Error::InvalidArgument("the body is not valid UTF-8 (byte " +
                                        std::to_string(bad_offset) + ")");
  }
  bj::parse_options options;
  options.max_depth = 32;
  boost::system::error_code error;
  bj::value value = bj::parse(body, error, {}, options);
  if (error) {
    return core::Error::InvalidArgument("the body is not valid JSON: " + error.message());
  }
  if (!value.is_object()) return core::Error::InvalidArgument("the body must be a JSON object");
  return std::move(value.get_object());
}

core::Result<int64_t> Context::ExpectedVersion() const {
  std::string_view value = request.Header("if-match");
  if (value.empty()) {
    return core::Error::InvalidArgument(
        "send If-Match with the version you read (its ETag), so no one's edit is silently lost",
        "If-Match");
  }
  if (value.starts_with("W/")) value.remove_prefix(2);
  bool quoted = value.size() >= 2 && value.front() == '"' && value.back() == '"';
  if (quoted) value = value.substr(1, value.size() - 2);
  int64_t version = 0;
  auto [end, parse_error] = std::from_chars(value.data(), value.data() + value.size(), version);
  if (parse_error != std::errc() || end != value.data() + value.size() || version <= 0) {
    // An entity tag this server never gave cannot match the record's (RFC 9110, 13.1.1).
    if (quoted) {
      return core::Error::FailedPrecondition(
          "If-Match names no version this record has had; read it again for its ETag");
    }
    return core::Error::InvalidArgument("If-Match must be a version number such as \"3\"",
                                        "If-Match");
  }
  return version;
}

core::Result<int64_t> Context::IdParameter(size_t index, std::string_view noun) const {
  const std::string& text = path_parameters.at(index);
  int64_t id = 0;
  auto [end, parse_error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (parse_error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return core::Error::NotFound("no " + std::string(noun) + " " + text);
  }
  return id;
}

std::optional<std::string_view> Context::Query(std::string_view name) const {
  auto found = request.query.find(name);
  if (found == request.query.end()) return std::nullopt;
  return std::string_view(found->second);
}

}  // namespace debrief::http
