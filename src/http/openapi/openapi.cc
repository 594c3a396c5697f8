#include "http/openapi/openapi.h"

#include <boost/json.hpp>
#include <span>
#include <stdexcept>

#include "core/embedded_file.h"
#include "http/anonymised_view.h"
#include "http/openapi/record_schemas.h"
#include "http/router.h"

namespace debrief::http::openapi {

// http/openapi/schemas/*.json, embedded by the build.
std::span<const core::EmbeddedFile> EmbeddedViewSchemas();

namespace {

namespace bj = boost::json;
using boost::beast::http::verb;

constexpr std::string_view kSchemas = "#/components/schemas/";

bj::object Ref(std::string_view name) {
  return {{"$ref", std::string(kSchemas) + std::string(name)}};
}

// Answers that are not JSON: each media type the route may answer with, and its schema.
struct Media {
  std::string_view type;
  std::string_view schema;  // A component's name, or empty for text.
};
struct MediaAnswer {
  std::string_view name;
  std::vector<Media> media;
};
const std::vector<MediaAnswer>& MediaAnswers() {
  static const std::vector<MediaAnswer> answers = {
      {"PrometheusText", {{"text/plain; version=0.0.4", {}}}},
      {"AtomFeed", {{"application/atom+xml", {}}}},
      {"ReviewExport",
       {{"text/markdown", {}}, {"text/html", {}}, {"application/json", "ReviewDocument"}}},
      {"PublishedReviewExport", {{"text/html", {}}, {"text/markdown", {}}}},
      // SCIM speaks its own media type (RFC 7644 3.1).
      {"ScimUser", {{"application/scim+json", "ScimUser"}}},
      {"ScimUserList", {{"application/scim+json", "ScimUserList"}}},
      {"ScimGroup", {{"application/scim+json", "ScimGroup"}}},
      {"ScimGroupList", {{"application/scim+json", "ScimGroupList"}}},
      {"ScimServiceProviderConfig", {{"application/scim+json", "ScimServiceProviderConfig"}}},
  };
  return answers;
}
const MediaAnswer* FindMediaAnswer(std::string_view name) {
  for (const MediaAnswer& answer : MediaAnswers()) {
    if (answer.name == name) return &answer;
  }
  return nullptr;
}

std::string_view MethodName(verb method) {
  switch (method) {
    case verb::get:
      return "get";
    case verb::post:
      return "post";
    case verb::patch:
      return "patch";
    case verb::delete_:
      return "delete";
    case verb::put:
      return "put";
    default:
      throw std::logic_error("a route with a method the document cannot name");
  }
}

// Record ids are integers; incident keys, severities and tokens are words.
bj::object PathParameter(std::string_view name) {
  bool integer = name == "id" || name.ends_with("_id");
  return {{"name", name},
          {"in", "path"},
          {"required", true},
          {"schema", integer ? bj::object{{"type", "integer"}, {"format", "int64"}}
                             : bj::object{{"type", "string"}}}};
}

bj::object QueryParameter(std::string_view spec) {
  size_t colon = spec.find(':');
  std::string_view name = spec.substr(0, colon);
  std::string_view type = colon == std::string_view::npos ? "string" : spec.substr(colon + 1);
  return {{"name", name}, {"in", "query"}, {"required", false}, {"schema", {{"type", type}}}};
}

bj::object ParameterRef(std::string_view name) {
  return {{"$ref", "#/components/parameters/" + std::string(name)}};
}

// Parameters many operations share, defined once.
bj::object SharedParameters() {
  auto header = [](std::string_view name, bool required, std::string_view description) {
    return bj::object{{"name", name},
                      {"in", "header"},
                      {"required", required},
                      {"description", description},
                      {"schema", {{"type", "string"}}}};
  };
  bj::object anonymised = QueryParameter("anonymised:boolean");
  anonymised["description"] =
      "Names replaced by roles, as viewers always read them (members and admins may ask)";
  return {{"IfMatch", header("If-Match", true,
                             "The version the change was made against, quoted (\"3\"): a request "
                             "without it is refused (400), a stale one too (412), so that no "
                             "one's edit is lost")},
          {"IfMatchToReplace", header("If-Match", false,
                                      "To replace: the version read, quoted (\"3\"); a stale one "
                                      "is refused (412). Send this or If-None-Match")},
          {"IfNoneMatch", header("If-None-Match", false,
                                 "*: to create, never replacing what someone else created "
                                 "meanwhile (412). Send this or If-Match")},
          {"Anonymised", std::move(anonymised)}};
}

bj::array Parameters(const Route& route) {
  bj::array parameters;
  std::string_view pattern = route.pattern;
  for (size_t open = pattern.find('{'); open != std::string_view::npos;
       open = pattern.find('{', open + 1)) {
    size_t close = pattern.find('}', open);
    parameters.push_back(PathParameter(pattern.substr(open + 1, close - open - 1)));
  }
  std::string_view query = route.exchange.query;
  while (!query.empty()) {
    size_t space = query.find(' ');
    parameters.push_back(QueryParameter(query.substr(0, space)));
    query = space == std::string_view::npos ? std::string_view{} : query.substr(space + 1);
  }
  // Readers who see names may ask for the anonymised view that viewers always get.
  if (route.method == verb::get && Anonymisable(route.pattern)) {
    parameters.push_back(ParameterRef("Anonymised"));
  }
  if (route.exchange.versioned && route.method == verb::put) {
    parameters.push_back(ParameterRef("IfMatchToReplace"));
    parameters.push_back(ParameterRef("IfNoneMatch"));
  } else if (route.exchange.versioned) {
    parameters.push_back(ParameterRef("IfMatch"));
  }
  return parameters;
}

bj::object Content(std::string_view schema) {
  return {{"application/json", {{"schema", Ref(schema)}}}};
}

bj::object SuccessAnswer(std::string_view response) {
  bj::object answer{{"description", "Success"}};
  if (const MediaAnswer* media = FindMediaAnswer(response)) {
    bj::object content;
    for (const Media& each : media->media) {
      content[each.type] = {
          {"schema", each.schema.empty() ? bj::object{{"type", "string"}} : Ref(each.schema)}};
    }
    answer["content"] = std::move(content);
  } else if (!response.empty()) {
    answer["content"] = Content(response);
  }
  return answer;
}

bj::array Security(const Route& route) {
  switch (route.permission) {
    case core::Permission::kPublic:
      return {};
    case core::Permission::kAlertHook:
      return {{{"alertHookToken", bj::array()}}};
    case core::Permission::kProvisioning:
      return {{{"provisioningToken", bj::array()}}};
    default:
      break;
  }
  // A browser's session writes only with its CSRF token beside the cookie.
  if (route.method == verb::get) return {{{"bearer", bj::array()}}, {{"session", bj::array()}}};
  return {{{"bearer", bj::array()}}, {{"session", bj::array()}, {"csrf", bj::array()}}};
}

bj::object Operation(const Route& route) {
  bj::object operation{{"summary", route.summary}, {"security", Security(route)}};
  bj::array parameters = Parameters(route);
  if (!parameters.empty()) operation["parameters"] = std::move(parameters);
  const Exchange& exchange = route.exchange;
  if (!exchange.request.empty() && exchange.request != kNoBody) {
    bj::object content = Content(exchange.request);
    // Identity providers send SCIM's own media type, some plain JSON.
    if (route.pattern.starts_with("/scim/")) {
      content["application/scim+json"] = {{"schema", Ref(exchange.request)}};
    }
    operation["requestBody"] = {{"required", true}, {"content", std::move(content)}};
  }
  bj::object responses;
  std::string_view statuses = exchange.status;
  while (!statuses.empty()) {
    size_t space = statuses.find(' ');
    std::string status(statuses.substr(0, space));
    if (status == "204") {
      responses[status] = bj::object{{"description", "Done; nothing to answer"}};
    } else if (status.starts_with('3')) {
      responses[status] =
          bj::object{{"description", "The browser is sent on to Location"},
                     {"headers", {{"Location", {{"schema", {{"type", "string"}}}}}}}};
    } else {
      responses[status] = SuccessAnswer(exchange.response);
    }
    statuses = space == std::string_view::npos ? std::string_view{} : statuses.substr(space + 1);
  }
  if (route.pattern.starts_with("/scim/")) {
    responses["default"] = {
        {"description", "A SCIM error (RFC 7644 3.12): the status, what went wrong, a scimType"},
        {"content", {{"application/scim+json", {{"schema", Ref("ScimError")}}}}}};
  } else {
    responses["default"] = {
        {"description", "A problem (RFC 9457): what went wrong, and for which field"},
        {"content", {{"application/problem+json", {{"schema", Ref("Problem")}}}}}};
  }
  operation["responses"] = std::move(responses);
  return operation;
}

// Adds `added`'s properties (and the names it requires) to `target`. Closed schemas
// (additionalProperties: false) cannot be combined with allOf, so an extension is a merge.
void Merge(bj::object& target, const bj::object& added) {
  if (const bj::value* properties = added.if_contains("properties")) {
    for (const auto& [property, definition] : properties->as_object()) {
      target["properties"].as_object()[property] = definition;
    }
  }
  if (const bj::value* required = added.if_contains("required")) {
    bj::value& list = target["required"];
    if (!list.is_array()) list.emplace_array();
    for (const bj::value& property : required->as_array()) list.as_array().push_back(property);
  }
  // "x-without": fields the generated schema has that this use does not take (a new comment is
  // open, so a create cannot set `resolved`).
  if (const bj::value* without = added.if_contains("x-without")) {
    for (const bj::value& property : without->as_array()) {
      target["properties"].as_object().erase(property.as_string());
    }
  }
  for (const auto& [key, value] : added) {
    if (key != "properties" && key != "required" && key != "x-extends" && key != "x-without") {
      target[key] = value;
    }
  }
}

// A view file's "extend" entries: fields the API adds to a generated schema (an incident's
// metrics).
void Extend(bj::object& schemas, const bj::object& extensions, std::string_view file) {
  for (const auto& [name, extension] : extensions) {
    bj::value* schema = schemas.if_contains(name);
    if (schema == nullptr) {
      throw std::logic_error(std::string(file) + " extends " + std::string(name) +
                             ", which is not generated");
    }
    Merge(schema->as_object(), extension.as_object());
  }
}

// A view that is another schema plus some fields ("x-extends": "ApiToken") becomes a copy of it
// with them merged in.
void ResolveExtends(bj::object& schemas, const std::string& name, int depth = 0) {
  bj::object& schema = schemas.at(name).as_object();
  const bj::value* base = schema.if_contains("x-extends");
  if (base == nullptr) return;
  std::string base_name(base->as_string());
  if (depth > 8 || !schemas.contains(base_name)) {
    throw std::logic_error(name + " extends " + base_name + ", which is not defined");
  }
  ResolveExtends(schemas, base_name, depth + 1);
  bj::object merged = schemas.at(base_name).as_object();
  Merge(merged, schemas.at(name).as_object());
  schemas[name] = std::move(merged);
}

bj::object Components() {
  bj::object schemas;
  AddRecordSchemas(schemas);
  for (const core::EmbeddedFile& file : EmbeddedViewSchemas()) {
    bj::object views = bj::parse(file.content).as_object();
    for (const auto& [name, schema] : views.at("schemas").as_object()) {
      if (schemas.contains(name)) {
        throw std::logic_error(std::string(file.path) + " defines " + std::string(name) +
                               " a second time");
      }
      schemas[name] = schema;
    }
    if (const bj::value* extensions = views.if_contains("extend")) {
      Extend(schemas, extensions->as_object(), file.path);
    }
  }
  std::vector<std::string> names;
  for (const auto& [name, schema] : schemas) names.emplace_back(name);
  for (const std::string& name : names) ResolveExtends(schemas, name);
  return {{"schemas", std::move(schemas)},
          {"parameters", SharedParameters()},
          {"securitySchemes",
           {{"bearer",
             {{"type", "http"},
              {"scheme", "bearer"},
              {"description", "An API token (debrief user token create, or /api/v1/me/tokens)"}}},
            {"session",
             {{"type", "apiKey"},
              {"in", "cookie"},
              {"name", "debrief_session"},
              {"description", "The session cookie set by POST /api/v1/session"}}},
            {"csrf",
             {{"type", "apiKey"},
              {"in", "header"},
              {"name", "X-CSRF-Token"},
              {"description",
               "With the session cookie, on every write: the csrf_token of the "
               "sign-in answer"}}},
            {"alertHookToken",
             {{"type", "http"},
              {"scheme", "bearer"},
              {"description", "An alert hook's token (or in the URL)"}}},
            {"provisioningToken",
             {{"type", "http"},
              {"scheme", "bearer"},
              {"description", "The SCIM provisioning token (serve --scim-token-file)"}}}}}};
}

bj::object Build() {
  bj::object paths;
  for (const Route& route : Routes()) {
    bj::value& path = paths[route.pattern];
    if (!path.is_object()) path.emplace_object();
    path.as_object()[MethodName(route.method)] = Operation(route);
  }
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "debrief API"},
            {"version", "1"},
            {"summary", "Blameless post-incident reviews"},
            {"description",
             "Incidents, personal accounts, the merged timeline, and what the organisation "
             "learns from them. Errors are problem documents (RFC 9457); changes name the "
             "version they were made against (If-Match)."}}},
          {"jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base"},
          {"security", {{{"bearer", bj::array()}}, {{"session", bj::array()}}}},
          {"paths", std::move(paths)},
          {"components", Components()}};
}

// Every "$ref" under `value`, by name.
void CollectRefs(const bj::value& value, std::vector<std::string>& names) {
  if (const bj::object* object = value.if_object()) {
    for (const auto& [key, item] : *object) {
      if (key == "$ref" && item.is_string() && item.get_string().starts_with(kSchemas)) {
        names.emplace_back(item.get_string().subview(kSchemas.size()));
      } else {
        CollectRefs(item, names);
      }
    }
  } else if (const bj::array* array = value.if_array()) {
    for (const bj::value& item : *array) CollectRefs(item, names);
  }
}

}  // namespace

const bj::object& Document() {
  static const bj::object document = Build();
  return document;
}

std::vector<std::string> UndefinedSchemas() {
  const bj::object& schemas = Document().at("components").at("schemas").as_object();
  std::vector<std::string> undefined;
  for (const Route& route : Routes()) {
    std::vector<std::string> names;
    CollectRefs(Document().at("paths").at(route.pattern).at(MethodName(route.method)), names);
    for (const std::string& name : names) {
      if (!schemas.contains(name)) {
        undefined.push_back(std::string(MethodName(route.method)) + " " +
                            std::string(route.pattern) + ": " + name);
      }
    }
  }
  std::vector<std::string> names;
  CollectRefs(schemas, names);
  for (const std::string& name : names) {
    if (!schemas.contains(name)) undefined.push_back("components: " + name);
  }
  return undefined;
}

}  // namespace debrief::http::openapi
