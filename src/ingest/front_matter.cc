#include "ingest/front_matter.h"
#include "core/toml_ascii.h"
#include "ingest/plain_text.h"

#include <yaml.h>

// Header-only and without exceptions, as language/rule_pack.cc includes it: Debian ships toml++
// compiled only with exceptions, and debrief does not throw.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

namespace debrief::ingest {
namespace {

// Where the block's first line starts: after blank lines and HTML comments.
size_t SkipPreamble(std::string_view text, int& line) {
  size_t at = 0;
  while (at < text.size()) {
    if (text[at] == '\n') {
      ++line;
      ++at;
    } else if (text[at] == ' ' || text[at] == '\t' || text[at] == '\r') {
      ++at;
    } else if (text.substr(at).starts_with("<!--")) {
      size_t end = text.find("-->", at);
      if (end == std::string_view::npos) return at;
      line += static_cast<int>(std::count(text.begin() + at, text.begin() + end, '\n'));
      at = end + 3;
    } else {
      break;
    }
  }
  return at;
}

std::string ScalarText(const yaml_node_t& node) {
  return std::string(reinterpret_cast<const char*>(node.data.scalar.value),
                     node.data.scalar.length);
}

core::Result<void> ReadYaml(std::string_view name, std::string_view block, int first_line,
                            FrontMatter& front) {
  yaml_parser_t parser;
  yaml_document_t document;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(block.data()),
                               block.size());
  if (!yaml_parser_load(&parser, &document)) {
    std::string reason = parser.problem ? parser.problem : "not YAML";
    int line = first_line + static_cast<int>(parser.problem_mark.line);
    yaml_parser_delete(&parser);
    return core::Error::InvalidArgument(std::string(name) + ":" + std::to_string(line) +
                                        ": the front matter is not valid YAML (" + reason + ")");
  }
  yaml_node_t* root = yaml_document_get_root_node(&document);
  if (root != nullptr && root->type == YAML_MAPPING_NODE) {
    for (yaml_node_pair_t* pair = root->data.mapping.pairs.start;
         pair < root->data.mapping.pairs.top; ++pair) {
      yaml_node_t* key = yaml_document_get_node(&document, pair->key);
      yaml_node_t* value = yaml_document_get_node(&document, pair->value);
      if (key == nullptr || value == nullptr || key->type != YAML_SCALAR_NODE) continue;
      std::vector<std::string>& values = front.values[AsciiLower(ScalarText(*key))];
      if (value->type == YAML_SCALAR_NODE) {
        values.push_back(ScalarText(*value));
      } else if (value->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t* item = value->data.sequence.items.start;
             item < value->data.sequence.items.top; ++item) {
          yaml_node_t* element = yaml_document_get_node(&document, *item);
          if (element != nullptr && element->type == YAML_SCALAR_NODE) {
            values.push_back(ScalarText(*element));
          }
        }
      }
    }
  }
  yaml_document_delete(&document);
  yaml_parser_delete(&parser);
  return core::Ok();
}

std::string TomlScalar(const toml::node& node) {
  if (auto text = node.value<std::string>()) return *text;
  char buffer[32];
  if (const auto* date = node.as_date()) {
    const toml::date& day = date->get();
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", day.year, day.month, day.day);
    return buffer;
  }
  if (const auto* date_time = node.as_date_time()) {
    const toml::date& day = date_time->get().date;
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", day.year, day.month, day.day);
    return buffer;
  }
  if (auto number = node.value<int64_t>()) return std::to_string(*number);
  if (auto flag = node.value<bool>()) return *flag ? "true" : "false";
  return {};
}

core::Result<void> ReadToml(std::string_view name, std::string_view block, int first_line,
                            FrontMatter& front) {
  core::AsciiToml ascii = core::ToAsciiToml(block);
  if (!ascii.ok()) {
    return core::Error::InvalidArgument(
        std::string(name) + ":" + std::to_string(first_line + ascii.problem_line - 1) +
        ": the front matter is not valid TOML (" + ascii.problem + ")");
  }
  toml::parse_result parsed = toml::parse(ascii.text);
  if (!parsed) {
    int line = first_line + static_cast<int>(parsed.error().source().begin.line) - 1;
    return core::Error::InvalidArgument(std::string(name) + ":" + std::to_string(line) +
                                        ": the front matter is not valid TOML (" +
                                        std::string(parsed.error().description()) + ")");
  }
  for (auto&& [key, node] : parsed.table()) {
    std::vector<std::string>& values = front.values[AsciiLower(key.str())];
    if (const toml::array* array = node.as_array()) {
      for (const toml::node& element : *array) {
        if (std::string text = TomlScalar(element); !text.empty()) values.push_back(text);
      }
    } else if (std::string text = TomlScalar(node); !text.empty()) {
      values.push_back(text);
    }
  }
  return core::Ok();
}

}  // namespace

std::string FrontMatter::First(std::initializer_list<std::string_view> keys) const {
  for (std::string_view key : keys) {
    auto found = values.find(std::string(key));
    if (found != values.end() && !found->second.empty()) return found->second.front();
  }
  return {};
}

std::vector<std::string> FrontMatter::All(std::initializer_list<std::string_view> keys) const {
  for (std::string_view key : keys) {
    auto found = values.find(std::string(key));
    if (found != values.end() && !found->second.empty()) return found->second;
  }
  return {};
}

core::Result<FrontMatter> ReadFrontMatter(std::string_view name, std::string_view markdown) {
  FrontMatter front;
  front.body = markdown;
  int line = 1;
  size_t start = SkipPreamble(markdown, line);
  std::string_view rest = markdown.substr(start);
  std::string_view fence;
  if (rest.starts_with("---\n") || rest.starts_with("---\r\n")) fence = "---";
  if (rest.starts_with("+++\n") || rest.starts_with("+++\r\n")) fence = "+++";
  if (fence.empty()) return front;
  size_t block_start = rest.find('\n') + 1;
  // The closing fence: a line of its own.
  size_t close = block_start;
  while (true) {
    size_t found = rest.find(fence, close);
    if (found == std::string_view::npos) {
      return core::Error::InvalidArgument(std::string(name) + ":" + std::to_string(line) +
                                          ": the front matter is never closed (no " +
                                          std::string(fence) + " line)");
    }
    bool starts_line = found == 0 || rest[found - 1] == '\n';
    size_t after = found + fence.size();
    bool ends_line = after == rest.size() || rest[after] == '\n' || rest[after] == '\r';
    if (starts_line && ends_line) {
      close = found;
      break;
    }
    close = after;
  }
  std::string_view block = rest.substr(block_start, close - block_start);
  int block_line = line + 1;
  if (fence == "---") {
    front.format = "yaml";
    DEBRIEF_RETURN_IF_ERROR(ReadYaml(name, block, block_line, front));
  } else {
    front.format = "toml";
    DEBRIEF_RETURN_IF_ERROR(ReadToml(name, block, block_line, front));
  }
  size_t body_start = rest.find('\n', close);
  body_start = body_start == std::string_view::npos ? rest.size() : body_start + 1;
  front.body = rest.substr(body_start);
  front.body_line =
      line + static_cast<int>(std::count(rest.begin(), rest.begin() + body_start, '\n'));
  return front;
}

}  // namespace debrief::ingest
