#include "formats/scim/scim_message.h"

#include <algorithm>
#include <boost/json.hpp>

#include "ingest/plain_text.h"

namespace debrief::formats::scim {

namespace bj = boost::json;

std::string NormalPath(std::string_view path, std::string_view schema) {
  std::string lowered = ingest::AsciiLower(path);
  std::string prefix = ingest::AsciiLower(schema) + ":";
  if (lowered.starts_with(prefix)) lowered.erase(0, prefix.size());
  return lowered;
}

core::Result<Filter> ParseEqualityFilter(std::string_view text, std::string_view schema,
                                         std::initializer_list<std::string_view> attributes) {
  auto invalid = [&]() {
    std::string names;
    for (std::string_view attribute : attributes) {
      names += (names.empty() ? "" : ", ") + std::string(attribute);
    }
    return core::Error::InvalidArgument(
        "only filters of the form <attribute> eq \"value\" are supported, for " + names, "filter");
  };
  auto skip_spaces = [&]() {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  };
  skip_spaces();
  size_t space = text.find(' ');
  if (space == std::string_view::npos) return invalid();
  Filter filter;
  filter.attribute = NormalPath(text.substr(0, space), schema);
  if (std::find(attributes.begin(), attributes.end(), filter.attribute) == attributes.end()) {
    return invalid();
  }
  text.remove_prefix(space);
  skip_spaces();
  if (text.size() < 3 || ingest::AsciiLower(text.substr(0, 2)) != "eq" || text[2] != ' ')
    return invalid();
  text.remove_prefix(3);
  skip_spaces();
  if (text.empty() || text.front() != '"') return invalid();
  text.remove_prefix(1);
  bool closed = false;
  while (!text.empty()) {
    char c = text.front();
    text.remove_prefix(1);
    if (c == '\\' && !text.empty()) {
      filter.value += text.front();
      text.remove_prefix(1);
    } else if (c == '"') {
      closed = true;
      break;
    } else {
      filter.value += c;
    }
  }
  skip_spaces();
  if (!closed || !text.empty()) return invalid();
  return filter;
}

core::Result<std::vector<PatchOperation>> ReadPatchOperations(const bj::object& patch) {
  const bj::value* operations = nullptr;
  for (const auto& [key, value] : patch) {
    if (ingest::AsciiLower(key) == "operations") operations = &value;
  }
  if (operations == nullptr || !operations->is_array()) {
    return core::Error::InvalidArgument("a PatchOp lists its Operations", "Operations");
  }
  std::vector<PatchOperation> read;
  for (const bj::value& entry : operations->as_array()) {
    if (!entry.is_object()) {
      return core::Error::InvalidArgument("Operations must hold objects", "Operations");
    }
    PatchOperation operation{{}, std::nullopt, nullptr};
    for (const auto& [key, field] : entry.as_object()) {
      std::string name = ingest::AsciiLower(key);
      if (name == "op" && field.is_string()) operation.op = ingest::AsciiLower(field.as_string());
      if (name == "path" && field.is_string()) operation.path = std::string(field.as_string());
      if (name == "value") operation.value = &field;
    }
    if (operation.op != "add" && operation.op != "replace" && operation.op != "remove") {
      return core::Error::InvalidArgument("op must be add, replace or remove", "op");
    }
    if (operation.op != "remove" && operation.value == nullptr) {
      return core::Error::InvalidArgument("add and replace need a value", "value");
    }
    read.push_back(operation);
  }
  return read;
}

}  // namespace debrief::formats::scim
