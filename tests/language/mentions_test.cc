#include "language/mentions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::language {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::vector<MentionCandidate> kPeople = {{1, "Priya Raman", "priya.raman@example.com"},
                                               {2, "Sam Okafor", "sam@example.com"},
                                               {3, "Sam Ito", "ito@example.com"},
                                               {4, "Zoë Ångström", "zoe@example.com"}};

TEST(Mentions, FindsNamesEmailsAndUniqueFirstNames) {
  EXPECT_THAT(MentionedPeople("@Priya Raman can you check?", kPeople), ElementsAre(1));
  EXPECT_THAT(MentionedPeople("ping @priya and @Sam Ito", kPeople), ElementsAre(1, 3));
  EXPECT_THAT(MentionedPeople("cc @priya.raman@example.com, @zoe", kPeople), ElementsAre(1, 4));
  EXPECT_THAT(MentionedPeople("@ZOË ÅNGSTRÖM and @Ångström again", kPeople), ElementsAre(4));
  EXPECT_THAT(MentionedPeople("(@Okafor)", kPeople), ElementsAre(2));
}

TEST(Mentions, IgnoresAmbiguousNamesAddressesAndPlainWords) {
  EXPECT_THAT(MentionedPeople("@Sam please", kPeople), IsEmpty());  // Two Sams.
  EXPECT_THAT(MentionedPeople("mail ops@example.com or priya", kPeople), IsEmpty());
  EXPECT_THAT(MentionedPeople("@priyanka @ raman", kPeople), IsEmpty());
  EXPECT_THAT(MentionedPeople("no mentions here", kPeople), IsEmpty());
}

}  // namespace
}  // namespace debrief::language
