// FrontMatter: the metadata block a static-site postmortem opens with, YAML between "---" lines
// or TOML between "+++" lines, read into flat keys: a scalar is one value, a list its items, a
// date its ISO form ("2024-07-08"). Nested tables are passed over; the importer wants titles,
// dates, authors, tags and the like. HTML comments and blank lines before the block are allowed
// (archives often stamp a file's origin there).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::ingest {

struct FrontMatter {
  std::map<std::string, std::vector<std::string>> values;  // Keys in lower case.
  std::string_view body;  // The Markdown after the block (all of it when there is none).
  int body_line = 1;      // The line of the file `body` starts on.
  std::string format;     // "yaml", "toml", or empty: no block.

  // The first value of the first key present, or empty.
  std::string First(std::initializer_list<std::string_view> keys) const;
  // Every value of the first key present.
  std::vector<std::string> All(std::initializer_list<std::string_view> keys) const;
};

// Splits `markdown` into its front matter and body. A block that does not parse is an error
// naming `name`, its line and the parser's reason.
core::Result<FrontMatter> ReadFrontMatter(std::string_view name, std::string_view markdown);

}  // namespace debrief::ingest
