#include "http/query_parameters.h"

#include <charconv>

namespace debrief::http {

core::Result<std::vector<std::string>> ListParameter(const Context& context, std::string_view name,
                                                     size_t most) {
  std::vector<std::string> values;
  auto text = context.Query(name);
  if (!text) return values;
  size_t start = 0;
  while (start <= text->size()) {
    size_t comma = text->find(',', start);
    if (comma == std::string_view::npos) comma = text->size();
    std::string_view value = text->substr(start, comma - start);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (!value.empty()) values.emplace_back(value);
    start = comma + 1;
  }
  if (values.size() > most) {
    return core::Error::InvalidArgument(
        std::string(name) + " takes at most " + std::to_string(most) + " values",
        std::string(name));
  }
  return values;
}

core::Result<int> IntParameter(const Context& context, std::string_view name, int lowest,
                               int highest, int fallback) {
  auto text = context.Query(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < lowest ||
      value > highest) {
    return core::Error::InvalidArgument(std::string(name) + " must be a number from " +
                                            std::to_string(lowest) + " to " +
                                            std::to_string(highest),
                                        std::string(name));
  }
  return value;
}

core::Result<std::optional<core::Date>> DateParameter(const Context& context,
                                                      std::string_view name) {
  auto text = context.Query(name);
  if (!text) return std::optional<core::Date>();
  std::optional<core::Date> date = core::ParseDate(*text);
  if (!date) {
    return core::Error::InvalidArgument(std::string(name) + " must be a date (YYYY-MM-DD)",
                                        std::string(name));
  }
  return date;
}

}  // namespace debrief::http
