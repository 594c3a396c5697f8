#include "http/anonymised_view.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "app/anonymisation.h"
#include "render/anonymise.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;

constexpr std::string_view kIncidentPrefix = "/api/v1/incidents/{key}";

void AnonymiseValue(const render::Anonymiser& anonymiser, bj::value& value) {
  if (value.is_string()) {
    bj::string& text = value.get_string();
    std::string replaced = anonymiser.Text(std::string_view(text.data(), text.size()));
    if (replaced.size() != text.size() || replaced != std::string_view(text)) text = replaced;
  } else if (value.is_array()) {
    for (bj::value& item : value.get_array()) AnonymiseValue(anonymiser, item);
  } else if (value.is_object()) {
    for (auto& [key, item] : value.get_object()) AnonymiseValue(anonymiser, item);
  }
}

// Anonymisers by incident key, built on first use within one response, by the one policy of
// every anonymised read (app/anonymisation.h).
class Anonymisers {
 public:
  explicit Anonymisers(Context& context) : context_(context), anonymisation_(context.store()) {}

  core::Result<const render::Anonymiser*> For(const std::string& key) {
    auto found = incident_ids_.find(key);
    if (found == incident_ids_.end()) {
      DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, context_.store().GetIncident(key));
      found = incident_ids_.emplace(key, incident.id).first;
    }
    return anonymisation_.ForIncident(found->second);
  }

 private:
  Context& context_;
  app::Anonymisation anonymisation_;
  std::map<std::string, int64_t, std::less<>> incident_ids_;
};

// A list whose items each belong to an incident named by `key_field`.
core::Result<void> AnonymiseItems(Anonymisers& anonymisers, bj::object& body,
                                  std::string_view key_field) {
  bj::value* items = body.if_contains("items");
  if (items == nullptr || !items->is_array()) return core::Ok();
  for (bj::value& item : items->get_array()) {
    const bj::value* key = item.is_object() ? item.get_object().if_contains(key_field) : nullptr;
    if (key == nullptr || !key->is_string()) continue;
    DEBRIEF_ASSIGN_OR_RETURN(const render::Anonymiser* anonymiser,
                             anonymisers.For(std::string(key->get_string())));
    AnonymiseValue(*anonymiser, item);
  }
  return core::Ok();
}

}  // namespace

bool Anonymisable(std::string_view route_pattern) {
  return route_pattern.starts_with(kIncidentPrefix) || route_pattern == "/api/v1/incidents" ||
         route_pattern == "/api/v1/actions";
}

bool AlreadyAnonymised(const ApiResponse& response) {
  return std::any_of(response.headers.begin(), response.headers.end(),
                     [](const auto& header) { return header.first == "Debrief-Anonymised"; });
}

core::Result<bool> AnonymisedRequested(const Context& context) {
  auto value = context.Query("anonymised");
  if (!value || *value == "false" || *value == "0") return false;
  if (*value == "true" || *value == "1") return true;
  return core::Error::InvalidArgument("anonymised must be true or false", "anonymised");
}

core::Result<bool> ReadsAnonymised(const Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bool requested, AnonymisedRequested(context));
  return core::SeesAnonymised(context.caller(), requested);
}

core::Result<void> AnonymiseResponse(Context& context, std::string_view route_pattern,
                                     ApiResponse& response) {
  if (!Anonymisable(route_pattern)) return core::Ok();
  bool incident_route = route_pattern.starts_with(kIncidentPrefix);
  bool incident_list = route_pattern == "/api/v1/incidents";
  if (response.content_type != "application/json" || response.body.empty()) return core::Ok();
  boost::system::error_code error;
  bj::value body = bj::parse(response.body, error);
  if (error || !body.is_object()) return core::Ok();

  Anonymisers anonymisers(context);
  if (incident_route) {
    DEBRIEF_ASSIGN_OR_RETURN(const render::Anonymiser* anonymiser,
                             anonymisers.For(context.path_parameters.at(0)));
    AnonymiseValue(*anonymiser, body);
  } else {
    DEBRIEF_RETURN_IF_ERROR(
        AnonymiseItems(anonymisers, body.get_object(), incident_list ? "key" : "incident"));
  }
  response.body = bj::serialize(body);
  response.headers.emplace_back("Debrief-Anonymised", "true");
  return core::Ok();
}

}  // namespace debrief::http
