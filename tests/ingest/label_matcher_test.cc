#include "ingest/label_matcher.h"

#include <gtest/gtest.h>

namespace debrief::ingest {
namespace {

const Labels kCheckout = {{"alertname", "HighErrorRate"},
                          {"instance", "web-1:8080"},
                          {"service", "checkout"},
                          {"severity", "page"}};

bool Match(std::string_view text, const Labels& labels = kCheckout) {
  auto matcher = LabelMatcher::Parse(text);
  EXPECT_TRUE(matcher) << text << ": " << matcher.error().message();
  return matcher && matcher->Matches(labels);
}

TEST(LabelMatcherTest, EqualityAndInequalityQuotedOrBare) {
  EXPECT_TRUE(Match("service=\"checkout\""));
  EXPECT_TRUE(Match("service=checkout"));
  EXPECT_TRUE(Match(" service = \"checkout\" "));
  EXPECT_FALSE(Match("service=\"payments\""));
  EXPECT_TRUE(Match("service!=\"payments\""));
  EXPECT_FALSE(Match("service!=checkout"));
}

TEST(LabelMatcherTest, RegularExpressionsMatchTheWholeValue) {
  EXPECT_TRUE(Match("severity=~\"page|critical\""));
  EXPECT_FALSE(Match("severity=~\"pag\""));  // Anchored, as Alertmanager anchors them.
  EXPECT_TRUE(Match("instance=~\"web-[0-9]+:8080\""));
  EXPECT_TRUE(Match("team!~\"db-.*\""));
  EXPECT_FALSE(Match("service!~\"check.*\""));
}

TEST(LabelMatcherTest, AMissingLabelReadsAsEmpty) {
  EXPECT_TRUE(Match("team=\"\""));
  EXPECT_FALSE(Match("team=\"sre\""));
  EXPECT_TRUE(Match("team!=\"sre\""));
}

TEST(LabelMatcherTest, EscapesInQuotedValuesAndTheCanonicalForm) {
  Labels labels = {{"summary", "say \"hi\"\\now"}};
  auto matcher = LabelMatcher::Parse(R"(summary="say \"hi\"\\now")");
  ASSERT_TRUE(matcher) << matcher.error().message();
  EXPECT_TRUE(matcher->Matches(labels));
  EXPECT_EQ(matcher->ToString(), R"(summary="say \"hi\"\\now")");
  EXPECT_EQ(LabelMatcher::Parse("service = checkout")->ToString(), "service=\"checkout\"");
  EXPECT_EQ(LabelMatcher::Parse("sev=~a|b")->ToString(), "sev=~\"a|b\"");
}

TEST(LabelMatcherTest, MalformedMatchersSayWhatIsWrong) {
  for (std::string_view text :
       {"", "=checkout", "9lives=\"x\"", "service", "service==x", "service=\"unclosed",
        "service=\"a\"b\"", "service=two words", "severity=~\"(unbalanced\""}) {
    auto matcher = LabelMatcher::Parse(text);
    EXPECT_FALSE(matcher) << text;
  }
  auto bad_regex = LabelMatcher::Parse("severity=~\"(unbalanced\"");
  ASSERT_FALSE(bad_regex);
  EXPECT_NE(bad_regex.error().message().find("regular expression"), std::string::npos);
}

TEST(LabelMatcherTest, AllMatchersMustHold) {
  std::vector<LabelMatcher> matchers = {*LabelMatcher::Parse("service=checkout"),
                                        *LabelMatcher::Parse("severity=~page|critical")};
  EXPECT_TRUE(MatchesAll(matchers, kCheckout));
  matchers.push_back(*LabelMatcher::Parse("env=prod"));
  EXPECT_FALSE(MatchesAll(matchers, kCheckout));
  EXPECT_TRUE(MatchesAll({}, kCheckout));
}

}  // namespace
}  // namespace debrief::ingest
