#include "language/common_words.h"

#include <gtest/gtest.h>

namespace debrief::language {
namespace {

TEST(CommonWords, TellsFrequentRareAndNonWordsApart) {
  for (std::string_view word : {"the", "will", "from", "park", "network", "mark", "alert"}) {
    EXPECT_EQ(ClassifyWord(word), WordKind::kFrequentWord) << word;
  }
  for (std::string_view word : {"bob", "smith", "vendor"}) {
    EXPECT_EQ(ClassifyWord(word), WordKind::kRareWord) << word;
  }
  for (std::string_view word : {"priya", "okonkwo", "kubectl", "src", "dana"}) {
    EXPECT_EQ(ClassifyWord(word), WordKind::kNotAWord) << word;
  }
}

TEST(CommonWords, KnowsFunctionWordsAndParticles) {
  EXPECT_TRUE(IsFunctionWord("will"));
  EXPECT_TRUE(IsFunctionWord("then"));
  EXPECT_FALSE(IsFunctionWord("bob"));
  EXPECT_TRUE(IsNameParticle("van"));
  EXPECT_TRUE(IsNameParticle("bin"));
  EXPECT_FALSE(IsNameParticle("vendor"));
}

}  // namespace
}  // namespace debrief::language
