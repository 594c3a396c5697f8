#include "server/openapi_command.h"

#include <boost/json.hpp>
#include <iostream>

#include "cli/exit_code.h"
#include "http/openapi/openapi.h"

namespace debrief::server {
namespace {

// Indented two spaces, keys in the document's order, one value per line: a committed file whose
// diffs read well. Boost.JSON serialises only compactly.
void Print(std::ostream& out, const boost::json::value& value, int depth) {
  std::string indent(static_cast<size_t>(depth + 1) * 2, ' ');
  std::string closing(static_cast<size_t>(depth) * 2, ' ');
  if (const auto* object = value.if_object(); object && !object->empty()) {
    out << "{\n";
    bool first = true;
    for (const auto& [key, item] : *object) {
      out << (first ? "" : ",\n") << indent << boost::json::serialize(boost::json::string(key))
          << ": ";
      Print(out, item, depth + 1);
      first = false;
    }
    out << "\n" << closing << "}";
  } else if (const auto* array = value.if_array(); array && !array->empty()) {
    out << "[\n";
    for (size_t index = 0; index < array->size(); ++index) {
      out << (index == 0 ? "" : ",\n") << indent;
      Print(out, (*array)[index], depth + 1);
    }
    out << "\n" << closing << "]";
  } else {
    out << boost::json::serialize(value);
  }
}

}  // namespace

void AddOpenApi(CLI::App& command, std::function<int()>& run) {
  command.callback([&run]() {
    run = [] {
      Print(std::cout, http::openapi::Document(), 0);
      std::cout << "\n";
      return cli::kExitOk;
    };
  });
}

}  // namespace debrief::server
