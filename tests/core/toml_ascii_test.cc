#include "core/toml_ascii.h"

#include <gtest/gtest.h>

#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
#include <string>

namespace debrief::core {
namespace {

bool AllAscii(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Parses the rewritten text and returns the string value of `key`.
std::string ValueAfterRewrite(std::string_view toml, std::string_view key) {
  AsciiToml ascii = ToAsciiToml(toml);
  EXPECT_TRUE(ascii.ok()) << ascii.problem;
  EXPECT_TRUE(AllAscii(ascii.text)) << ascii.text;
  toml::parse_result parsed = toml::parse(ascii.text);
  EXPECT_TRUE(parsed) << ascii.text;
  if (!parsed) return {};
  return parsed.table()[key].value_or(std::string("<missing>"));
}

TEST(AsciiToml, KeepsAsciiDocumentsAsTheyAre) {
  std::string_view toml = "title = \"Queue backlog\" # why\ndate = 2026-01-02T08:00:00Z\n";
  AsciiToml ascii = ToAsciiToml(toml);
  ASSERT_TRUE(ascii.ok());
  EXPECT_EQ(ascii.text, toml);
}

TEST(AsciiToml, BasicStringsKeepTheirCharactersAsEscapes) {
  EXPECT_EQ(ValueAfterRewrite("title = \"Café — 日本 🚒\"\n", "title"), "Café — 日本 🚒");
  EXPECT_EQ(ValueAfterRewrite("title = \"\"\"\nŽiga said \"ok\" ½\"\"\"\n", "title"),
            "Žiga said \"ok\" ½");
  // Characters the whitespace table mishandles, at the start of a line after a line-ending
  // backslash, where toml++ asks whether they are whitespace.
  EXPECT_EQ(ValueAfterRewrite("title = \"\"\"one \\\n   ͽ two\"\"\"\n", "title"), "one ͽ two");
  EXPECT_EQ(ValueAfterRewrite("title = \"\"\"ends with quotes \"\"\"\"\"\n", "title"),
            "ends with quotes \"\"");
}

TEST(AsciiToml, LiteralStringsWithNonAsciiBecomeBasicStringsOfTheSameValue) {
  EXPECT_EQ(ValueAfterRewrite("path = 'C:\\Users\\Zoë \"quoted\"'\n", "path"),
            "C:\\Users\\Zoë \"quoted\"");
  EXPECT_EQ(ValueAfterRewrite("text = '''\nline ü\nback\\slash ''it'''\n", "text"),
            "line ü\nback\\slash ''it");
  EXPECT_EQ(ValueAfterRewrite("plain = 'ascii \\ only'\n", "plain"), "ascii \\ only");
}

TEST(AsciiToml, CommentsLoseTheirNonAsciiCharacters) {
  AsciiToml ascii = ToAsciiToml("# Résumé ͽ\ntitle = \"x\" # 日本\n");
  ASSERT_TRUE(ascii.ok());
  EXPECT_TRUE(AllAscii(ascii.text));
  EXPECT_TRUE(toml::parse(ascii.text));
}

TEST(AsciiToml, RefusesWhatCannotBeTomlWithItsLine) {
  // The shape a fuzzer found: a value followed by characters outside any string.
  AsciiToml bare = ToAsciiToml("title = \"x\"\ndate = 4052-01-62T08nnnݸ+ͽU\n");
  EXPECT_FALSE(bare.ok());
  EXPECT_EQ(bare.problem_line, 2);
  EXPECT_NE(bare.problem.find("outside a string"), std::string::npos);

  AsciiToml key = ToAsciiToml("naïve = 1\n");
  EXPECT_FALSE(key.ok());
  EXPECT_EQ(key.problem_line, 1);

  AsciiToml invalid = ToAsciiToml("a = 1\nb = \"\xC3\x28\"\n");
  EXPECT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.problem_line, 2);
  EXPECT_NE(invalid.problem.find("UTF-8"), std::string::npos);

  EXPECT_FALSE(ToAsciiToml("a = \"\\ͽ\"\n").ok());
  EXPECT_FALSE(ToAsciiToml("a = 'never closed ü\nb = 1\n").ok());
}

TEST(AsciiToml, KeepsLineNumbersForTomlsOwnErrors) {
  AsciiToml ascii = ToAsciiToml("a = \"ü\"\nb = '''\nü\n'''\nc = = 1\n");
  ASSERT_TRUE(ascii.ok());
  toml::parse_result parsed = toml::parse(ascii.text);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().source().begin.line, 5u);
}

}  // namespace
}  // namespace debrief::core
