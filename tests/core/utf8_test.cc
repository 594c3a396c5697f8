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

}  // namespace
}  // namespace debrief::core
