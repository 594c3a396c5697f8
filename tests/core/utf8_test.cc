#include "core/utf8.h"

#include <gtest/gtest.h>

namespace debrief::core {
namespace {

TEST(Utf8, AcceptsValidAndRejectsInvalidSequences) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Zoë — “quoted” 日本 🚒"));
  size_t offset = 0;
  EXPECT_FALSE(IsValidUtf8("ab\xC3\x28", &offset));
  EXPECT_EQ(offset, 2u);
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // Overlong "/".
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // A UTF-16 surrogate.
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // Past U+10FFFF.
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // Truncated.
}

TEST(Utf8, APrefixNeverCutsACharacterInTwo) {
  EXPECT_EQ(Utf8Prefix("caf\u00e9 au lait", 4), "caf");  // "é" is two bytes, from byte 3.
  EXPECT_EQ(Utf8Prefix("caf\u00e9 au lait", 5), "caf\u00e9");
  EXPECT_EQ(Utf8Prefix("\U0001F525 fire", 3), "");  // The emoji's four bytes, or nothing.
  EXPECT_EQ(Utf8Prefix("short", 140), "short");
  EXPECT_TRUE(IsValidUtf8(Utf8Prefix("\u00e9\u00e9\u00e9", 5)));
}

}  // namespace
}  // namespace debrief::core
