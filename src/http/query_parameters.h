// Query parameters that are not free text: lists, bounded numbers and dates, each refused with a
// problem naming the parameter when it does not read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "http/api.h"

namespace debrief::http {

// Comma-separated values ("service=api,billing"), trimmed, empty ones dropped; at most
// `most` of them.
core::Result<std::vector<std::string>> ListParameter(const Context& context, std::string_view name,
                                                     size_t most = 50);

// A whole number from `lowest` to `highest`, or `fallback` when absent.
core::Result<int> IntParameter(const Context& context, std::string_view name, int lowest,
                               int highest, int fallback);

// A day (YYYY-MM-DD), if given.
core::Result<std::optional<core::Date>> DateParameter(const Context& context,
                                                      std::string_view name);

}  // namespace debrief::http
