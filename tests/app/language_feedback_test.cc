#include "app/language_feedback.h"

#include <gtest/gtest.h>

#include "app/sqlite_store_fixture.h"
#include "language/rule_pack.h"

namespace debrief::app {
namespace {

class LanguageFeedbackTest : public SqliteStoreFixture {
 protected:
  LanguageFeedbackTest() : SqliteStoreFixture("language-feedback") {}
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    auto pack = language::DefaultRulePack();
    ASSERT_TRUE(pack) << pack.error().message();
    checker_ = std::make_unique<language::Checker>(std::move(*pack));
    feedback_ = std::make_unique<LanguageFeedback>(*checker_);
    member_ = AddUser("ana@example.com", core::Role::kMember);
    admin_ = AddUser("root@example.com", core::Role::kAdmin);
  }
  std::vector<language::Finding> Check(std::string_view text, store::Store& store) {
    language::CheckOptions options;
    auto suppressions = feedback_->Suppressions(store);
    EXPECT_TRUE(suppressions) << suppressions.error().message();
    options.suppressions = *suppressions;
    return checker_->Check(text, options);
  }
  Dismissal DismissalOf(const std::string& text, const language::Finding& finding) {
    return {text, finding.rule->id, finding.begin, finding.end, {}};
  }

  std::unique_ptr<language::Checker> checker_;
  std::unique_ptr<LanguageFeedback> feedback_;
  core::Principal member_;
  core::Principal admin_;
};

TEST_F(LanguageFeedbackTest, OnlyAFindingTheCheckerReportsCanBeDismissed) {
  std::string text = "We should have checked the logs.";
  auto findings = checker_->Check(text);
  ASSERT_EQ(findings.size(), 1u);
  Dismissal wrong = DismissalOf(text, findings[0]);
  wrong.begin += 1;
  auto refused = feedback_->Dismiss(*store_, member_, wrong);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kInvalidArgument);
  wrong = DismissalOf(text, findings[0]);
  wrong.rule_id = "human-error";
  EXPECT_FALSE(feedback_->Dismiss(*store_, member_, wrong));
  EXPECT_TRUE(store_->ListLanguageDismissals()->empty());
}

TEST_F(LanguageFeedbackTest, KeepsTheRulesPhraseButNeverTheWritersWords) {
  std::string text = "We should have checked the logs.";
  auto findings = checker_->Check(text);
  ASSERT_EQ(findings.size(), 1u);
  auto outcome = feedback_->Dismiss(*store_, member_, DismissalOf(text, findings[0]));
  ASSERT_TRUE(outcome) << outcome.error().message();
  EXPECT_TRUE(outcome->recorded);
  EXPECT_EQ(outcome->phrase, "should have");
  auto stored = store_->ListLanguageDismissals();
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].sentence_hash, language::SentenceHash(text, findings[0]));
  EXPECT_EQ((*stored)[0].sentence_hash.find("logs"), std::string::npos);
  // The same person again changes nothing.
  auto again = feedback_->Dismiss(*store_, member_, DismissalOf(text, findings[0]));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->recorded);
}

// Several servers share one database, each with its own LanguageFeedback: what one records, the
// others apply at their next check, because each compares the version the write moved.
TEST_F(LanguageFeedbackTest, ADismissalOnAnotherInstanceIsAppliedAtTheNextCheck) {
  std::string text = "We should have checked the logs.";
  ASSERT_EQ(Check(text, *store_).size(), 1u);  // Caches "nothing suppressed".

  LanguageFeedback elsewhere(*checker_);
  auto findings = checker_->Check(text);
  ASSERT_TRUE(elsewhere.Dismiss(*store_, member_, DismissalOf(text, findings[0])));
  EXPECT_TRUE(Check(text, *store_).empty());
  EXPECT_EQ(Check("We should have checked the graphs.", *store_).size(), 1u);
}

TEST_F(LanguageFeedbackTest, TheReportCountsByRuleAndPhraseAndNamesTheAllowEntry) {
  std::string first = "Obviously Sam saw the alert.";
  std::string second = "Later, obviously, Sam restarted it.";
  for (const std::string& text : {first, second}) {
    auto findings = checker_->Check(text);
    ASSERT_EQ(findings.size(), 1u) << text;
    ASSERT_TRUE(feedback_->Dismiss(*store_, member_, DismissalOf(text, findings[0])));
  }
  auto entry = feedback_->Allow(*store_, admin_, "judgmental-obviously", "Obviously");
  ASSERT_TRUE(entry) << entry.error().message();
  auto report = feedback_->DismissalReport(*store_);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->size(), 1u);
  const RuleDismissals& rule = (*report)[0];
  EXPECT_EQ(rule.rule_id, "judgmental-obviously");
  ASSERT_NE(rule.rule, nullptr);
  EXPECT_EQ(rule.dismissals, 2);
  EXPECT_EQ(rule.sentences, 2);
  ASSERT_EQ(rule.phrases.size(), 1u);
  EXPECT_EQ(rule.phrases[0].phrase, "obviously");
  EXPECT_EQ(rule.phrases[0].people, 1);
  EXPECT_EQ(rule.phrases[0].allow_entry_id, entry->id);
  // Allowed now everywhere, for that rule.
  EXPECT_TRUE(Check("Obviously Kim saw the page.", *store_).empty());
  ASSERT_TRUE(feedback_->RemoveAllowEntry(*store_, admin_, entry->id));
  EXPECT_EQ(Check("Obviously Kim saw the page.", *store_).size(), 1u);
}

TEST_F(LanguageFeedbackTest, AllowEntriesNeedWordsAndAKnownRule) {
  EXPECT_FALSE(feedback_->Allow(*store_, admin_, "", " ... "));
  EXPECT_FALSE(feedback_->Allow(*store_, admin_, "no-such-rule", "simply"));
  EXPECT_FALSE(feedback_->Allow(*store_, admin_, "", std::string(300, 'a')));
  EXPECT_TRUE(feedback_->Allow(*store_, admin_, "", "just prior to"));
  EXPECT_EQ(feedback_->Allow(*store_, admin_, "", "Just  PRIOR to").error().code(),
            core::ErrorCode::kAlreadyExists);
}

// One person's dismissals are bounded: every server holds every dismissed sentence in memory.
TEST_F(LanguageFeedbackTest, OnePersonsDismissalsAreBounded) {
  ASSERT_TRUE(store_->InTransaction([&]() -> core::Result<void> {
    for (int index = 0; index < 5000; ++index) {
      core::LanguageDismissal dismissal{
          "judgmental-obviously", "h" + std::to_string(index), "", member_.user_id, {}};
      DEBRIEF_RETURN_IF_ERROR(store_->AddLanguageDismissal(dismissal, {}));
    }
    return core::Ok();
  }));
  std::string text = "We should have checked the logs.";
  auto findings = checker_->Check(text);
  ASSERT_EQ(findings.size(), 1u);
  auto refused = feedback_->Dismiss(*store_, member_, DismissalOf(text, findings[0]));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kConflict);
  EXPECT_TRUE(feedback_->Dismiss(*store_, admin_, DismissalOf(text, findings[0])));
}

}  // namespace
}  // namespace debrief::app
