#include "http/handlers/scim_exchange.h"

#include <boost/json.hpp>
#include <charconv>

#include "ingest/plain_text.h"

namespace debrief::http::handlers::scim_exchange {

ApiResponse ScimJson(const boost::json::object& body, unsigned status) {
  ApiResponse response = ApiResponse::Json(body, status);
  response.content_type = "application/scim+json";
  return response;
}

core::Result<boost::json::object> ScimBody(const Context& context) {
  std::string_view content_type = context.request.Header("content-type");
  std::string media_type =
      ingest::AsciiLower(ingest::TrimSpace(content_type.substr(0, content_type.find(';'))));
  // SCIM's own media type, or plain JSON, as some providers send.
  if (media_type == "application/scim+json")
    return ParseJsonBody("application/json", context.request.body);
  return context.JsonBody();
}

core::Result<int64_t> PathId(const Context& context, std::string_view noun) {
  const std::string& given = context.path_parameters[0];
  int64_t id = 0;
  auto [end, error] = std::from_chars(given.data(), given.data() + given.size(), id);
  if (error != std::errc() || end != given.data() + given.size() || id <= 0) {
    return core::Error::NotFound("no " + std::string(noun) + " " + given);
  }
  return id;
}

core::Result<int> PositiveQuery(const Context& context, std::string_view name, int fallback,
                                int lowest) {
  std::optional<std::string_view> given = context.Query(name);
  if (!given) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(given->data(), given->data() + given->size(), value);
  if (error != std::errc() || end != given->data() + given->size()) {
    return core::Error::InvalidArgument(std::string(name) + " must be a whole number",
                                        std::string(name));
  }
  return std::max(value, lowest);
}

}  // namespace debrief::http::handlers::scim_exchange
