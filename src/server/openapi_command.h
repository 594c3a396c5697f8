// `debrief openapi`: prints the API's OpenAPI document, as the server serves it. docs/openapi.json
// is this output (`make openapi`); the web UI's types are generated from that file, and a test
// fails when the two differ.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace debrief::server {

void AddOpenApi(CLI::App& command, std::function<int()>& run);

}  // namespace debrief::server
