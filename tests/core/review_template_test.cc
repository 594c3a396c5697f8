#include "core/review_template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::core {
namespace {

using ::testing::HasSubstr;

ReviewTemplate Template(std::string severity, std::vector<TemplateSection> sections) {
  ReviewTemplate review_template;
  review_template.severity = std::move(severity);
  review_template.sections = std::move(sections);
  return review_template;
}

TEST(ReviewTemplate, TheBuiltInOneShowsEverySectionOnceAndAsksWhatWentRight) {
  ReviewTemplate built_in = BuiltInTemplate();
  EXPECT_EQ(built_in.severity, kDefaultTemplate);
  ASSERT_EQ(built_in.sections.size(), std::size(EnumNames<ReviewSection>::kNames));
  EXPECT_EQ(built_in.sections.front().section, ReviewSection::kSummary);
  for (const TemplateSection& section : built_in.sections) {
    if (section.section == ReviewSection::kLessons) {
      // Sources of resilience, not only of failure.
      EXPECT_EQ(section.questions, (std::vector<std::string>{std::string(kWentRightQuestion),
                                                             std::string(kGotLuckyQuestion)}));
    } else {
      EXPECT_TRUE(section.questions.empty());
    }
  }
  EXPECT_TRUE(Validate(built_in));
}

TEST(ReviewTemplate, ASeverityUsesItsOwnThenTheDefaultThenTheBuiltIn) {
  std::vector<ReviewTemplate> templates = {
      Template("SEV1", {{ReviewSection::kTimeline, {"What made it hard to see?"}}}),
      Template("default", {{ReviewSection::kSummary, {}}})};
  EXPECT_EQ(TemplateFor("SEV1", templates).sections[0].section, ReviewSection::kTimeline);
  EXPECT_EQ(TemplateFor("SEV2", templates).severity, "default");
  templates.pop_back();
  EXPECT_EQ(TemplateFor("SEV2", templates).sections.size(), BuiltInTemplate().sections.size());
  // A severity is matched whole: "SEV" is not "SEV1".
  EXPECT_EQ(TemplateFor("SEV", templates).sections.size(), BuiltInTemplate().sections.size());
}

TEST(ReviewTemplate, NoSectionTwiceAndEveryQuestionOnceWithinLimits) {
  EXPECT_THAT(
      Validate(Template("SEV1", {{ReviewSection::kLessons, {}}, {ReviewSection::kLessons, {}}}))
          .error()
          .message(),
      HasSubstr("lessons section is listed twice"));
  EXPECT_FALSE(Validate(Template("SEV1", {{ReviewSection::kLessons, {"  "}}})));
  EXPECT_FALSE(Validate(Template("SEV1", {{ReviewSection::kLessons, {std::string(301, 'x')}}})));
  EXPECT_TRUE(Validate(Template("SEV1", {{ReviewSection::kLessons, {std::string(300, 'x')}}})));
  EXPECT_THAT(
      Validate(Template("SEV1", {{ReviewSection::kFactors, {"Why?", "Why?"}}})).error().message(),
      HasSubstr("twice"));
  std::vector<std::string> many;
  for (size_t index = 0; index <= kMaxTemplateQuestions; ++index) {
    many.push_back("Question " + std::to_string(index));
  }
  EXPECT_FALSE(Validate(Template("SEV1", {{ReviewSection::kFactors, many}})));
  many.pop_back();
  EXPECT_TRUE(Validate(Template("SEV1", {{ReviewSection::kFactors, many}})));
  // The same question may be asked in two sections; an empty template hides every section.
  EXPECT_TRUE(Validate(Template(
      "SEV1", {{ReviewSection::kFactors, {"Why?"}}, {ReviewSection::kLessons, {"Why?"}}})));
  EXPECT_TRUE(Validate(Template("SEV1", {})));
  EXPECT_FALSE(Validate(Template("", {})));
}

TEST(ReviewTemplate, AnAnswerNamesTheQuestionItAnswers) {
  ReviewAnswer answer;
  answer.section = ReviewSection::kFactors;
  answer.answer = "The pool was sized for last year.";
  EXPECT_FALSE(Validate(answer));
  answer.question = "What made the pool run out?";
  EXPECT_TRUE(Validate(answer));
}

}  // namespace
}  // namespace debrief::core
