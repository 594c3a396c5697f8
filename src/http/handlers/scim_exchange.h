// What the SCIM handlers (scim.cc, scim_groups.cc) share: answers in application/scim+json,
// request bodies in it (or plain JSON), resource ids from the path and the paging parameters.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>

#include "formats/scim/scim_message.h"
#include "http/api.h"

namespace debrief::http::handlers::scim_exchange {

// Where resources are: relative, since behind a proxy only the provider knows the address it
// uses (both Okta and Entra ID address resources by id).
inline constexpr std::string_view kBase = "/scim/v2";
inline constexpr int kMostPerPage = 500;

ApiResponse ScimJson(const boost::json::object& body, unsigned status = 200);

// The body as a JSON object, sent as application/scim+json or application/json.
core::Result<boost::json::object> ScimBody(const Context& context);

// The id in the path: kNotFound naming `noun` for anything but a positive whole number.
core::Result<int64_t> PathId(const Context& context, std::string_view noun);

// A paging parameter: `fallback` when not given, at least `lowest`; kInvalidArgument for text.
core::Result<int> PositiveQuery(const Context& context, std::string_view name, int fallback,
                                int lowest);

// The ListResponse of `count` resources from the 1-based `start`, of `total` found; `encode(i)`
// gives the i-th (0-based).
template <class Encode>
ApiResponse ListResponse(size_t total, int start, int count, Encode&& encode) {
  boost::json::array resources;
  for (size_t index = static_cast<size_t>(start - 1);
       index < total && resources.size() < static_cast<size_t>(count); ++index) {
    resources.push_back(encode(index));
  }
  size_t listed = resources.size();
  return ScimJson({{"schemas", boost::json::array{formats::scim::kListSchema}},
                   {"totalResults", total},
                   {"startIndex", start},
                   {"itemsPerPage", listed},
                   {"Resources", std::move(resources)}});
}

}  // namespace debrief::http::handlers::scim_exchange
