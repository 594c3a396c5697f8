// Reading the text files the CLI is given: Markdown to lint and rule packs. A binary or
// non-UTF-8 file is an error naming the file, never a crash or garbled output.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"
#include "language/rule_pack.h"

namespace debrief::cli {

core::Result<std::string> ReadTextFile(const std::filesystem::path& path);

// A secret the server is given (a password, a client secret, a token): from `file` when one is
// named (its trailing line break dropped), else from the environment variable `variable`, never
// from a flag (ps would show it to everyone on the machine). "" when neither is given;
// kInvalidArgument naming `flag` for a file that holds nothing.
core::Result<std::string> ReadSecret(const std::string& file, const char* variable,
                                     std::string_view flag);

// The default rule pack with the organisation pack at `path` layered on top (none if empty).
core::Result<language::RulePack> LoadRulePack(const std::string& path);

}  // namespace debrief::cli
