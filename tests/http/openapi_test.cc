// The OpenAPI document covers the route table: every route names what it takes and answers, and
// every name is a schema the document defines. (web/contract/ checks the document against the
// running server's requests and answers.)
#include "http/openapi/openapi.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "http/router.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using boost::beast::http::verb;
using ::testing::IsEmpty;

std::string Name(const Route& route) {
  return std::string(boost::beast::http::to_string(route.method)) + " " +
         std::string(route.pattern);
}

bool TakesBody(verb method) {
  return method == verb::post || method == verb::put || method == verb::patch;
}

TEST(OpenApiTest, EveryRouteNamesWhatItTakesAndAnswers) {
  for (const Route& route : Routes()) {
    SCOPED_TRACE(Name(route));
    const Exchange& exchange = route.exchange;
    if (TakesBody(route.method)) {
      EXPECT_FALSE(exchange.request.empty()) << "a write names its body, or kNoBody";
    } else {
      EXPECT_TRUE(exchange.request.empty()) << "reads and deletes take no body";
    }
    EXPECT_FALSE(exchange.status.empty());
    // 204 answers nothing; 303 sends a browser on (signing in through the identity provider).
    bool no_content = exchange.status == "204" || exchange.status == "303";
    EXPECT_EQ(exchange.response.empty(), no_content)
        << "an answer with a body names its schema; 204 and 303 have none";
    for (char c : exchange.status) EXPECT_TRUE(std::isdigit(c) || c == ' ');
    EXPECT_TRUE(exchange.status.front() == '2' || exchange.status == "303");
    EXPECT_FALSE(route.summary.empty());
  }
}

TEST(OpenApiTest, EverySchemaNamedIsDefined) {
  EXPECT_THAT(openapi::UndefinedSchemas(), IsEmpty());
}

TEST(OpenApiTest, TheDocumentHasEveryRouteWithItsParameters) {
  const bj::object& document = openapi::Document();
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  const bj::object& paths = document.at("paths").as_object();
  size_t operations = 0;
  for (const auto& [path, methods] : paths) operations += methods.as_object().size();
  EXPECT_EQ(operations, Routes().size());
  for (const Route& route : Routes()) {
    SCOPED_TRACE(Name(route));
    std::string method(boost::beast::http::to_string(route.method));
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bj::object& operation = paths.at(route.pattern).at(method).as_object();
    std::set<std::string> names;
    if (const bj::value* parameters = operation.if_contains("parameters")) {
      for (const bj::value& parameter : parameters->as_array()) {
        // Shared parameters ($ref) are headers and the anonymised view, never path parameters.
        if (parameter.as_object().contains("$ref")) continue;
        names.insert(std::string(parameter.at("name").as_string()));
      }
    }
    std::string_view pattern = route.pattern;
    for (size_t open = pattern.find('{'); open != std::string_view::npos;
         open = pattern.find('{', open + 1)) {
      std::string name(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
      EXPECT_TRUE(names.contains(name)) << "path parameter " << name;
    }
    EXPECT_TRUE(operation.at("responses").as_object().contains("default"))
        << "errors are documented as problem documents";
    if (route.permission == core::Permission::kPublic) {
      EXPECT_TRUE(operation.at("security").as_array().empty());
    } else {
      EXPECT_FALSE(operation.at("security").as_array().empty());
    }
  }
}

// Records as read carry every field the codec shows, each required; as created or changed, only
// what a request may set.
TEST(OpenApiTest, RecordSchemasComeFromTheFieldSchemas) {
  const bj::object& schemas = openapi::Document().at("components").at("schemas").as_object();
  const bj::object& incident = schemas.at("Incident").as_object();
  EXPECT_TRUE(incident.at("properties").as_object().contains("key"));
  EXPECT_TRUE(incident.at("properties").as_object().contains("metrics"));
  const bj::array& required = incident.at("required").as_array();
  EXPECT_NE(std::find(required.begin(), required.end(), bj::value("review_overdue")),
            required.end());
  const bj::object& create = schemas.at("IncidentCreate").at("properties").as_object();
  EXPECT_FALSE(create.contains("key")) << "set by the server";
  EXPECT_FALSE(create.contains("id"));
  EXPECT_TRUE(create.contains("title"));
  const bj::object& account_patch = schemas.at("AccountPatch").at("properties").as_object();
  EXPECT_FALSE(account_patch.contains("author_id"));
  const bj::object& user = schemas.at("User").at("properties").as_object();
  EXPECT_FALSE(user.contains("password_hash")) << "secrets are never described as shown";
  const bj::object& started = schemas.at("Incident").at("properties").at("started_at").as_object();
  EXPECT_EQ(started.at("type"), (bj::array{"string", "null"}));
}

}  // namespace
}  // namespace debrief::http
