#include "render/anonymise.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "language/text.h"

namespace debrief::render {
namespace {

core::Participant Person(int64_t id, std::string name, core::ParticipantRole role,
                         std::optional<int64_t> user_id = std::nullopt) {
  core::Participant participant;
  participant.id = id;
  participant.name = std::move(name);
  participant.role = role;
  participant.user_id = user_id;
  return participant;
}

class AnonymiseTest : public ::testing::Test {
 protected:
  AnonymiseTest()
      : anonymiser_({Person(3, "Marcus Chen", core::ParticipantRole::kOnCall, 30),
                     Person(1, "Priya Raman", core::ParticipantRole::kOnCall, 10),
                     Person(2, "Lena Fischer", core::ParticipantRole::kIncidentCommander),
                     Person(4, "Zoë Ångström", core::ParticipantRole::kResponder)},
                    {{10, "Priya Raman"}, {77, "Dana Whitfield"}, {55, "Olu Adeyemi"}}) {}
  Anonymiser anonymiser_;
};

TEST_F(AnonymiseTest, LabelsAreStableRolesLetteredInParticipantOrder) {
  EXPECT_EQ(anonymiser_.LabelForParticipant(1), "on-call engineer A");
  EXPECT_EQ(anonymiser_.LabelForParticipant(3), "on-call engineer B");
  EXPECT_EQ(anonymiser_.LabelForParticipant(2), "incident commander");
  EXPECT_EQ(anonymiser_.LabelForParticipant(4), "responder");
  EXPECT_EQ(anonymiser_.LabelForUser(10), "on-call engineer A");
  EXPECT_EQ(anonymiser_.LabelForUser(55), "colleague A");
  EXPECT_EQ(anonymiser_.LabelForUser(77), "colleague B");
  EXPECT_EQ(anonymiser_.LabelForParticipant(99), std::nullopt);
}

TEST_F(AnonymiseTest, ReplacesFullNamesFirstNamesAndPossessives) {
  EXPECT_EQ(anonymiser_.Text("Priya Raman paged Marcus at 14:05."),
            "On-call engineer A paged on-call engineer B at 14:05.");
  EXPECT_EQ(anonymiser_.Text("It was Lena's call; Chen agreed."),
            "It was incident commander's call; on-call engineer B agreed.");
  EXPECT_EQ(anonymiser_.Text("We asked Dana Whitfield from the DBA team."),
            "We asked colleague B from the DBA team.");
}

TEST_F(AnonymiseTest, MatchesAnyCaseScriptFormAndHyphenatedNames) {
  EXPECT_EQ(anonymiser_.Text("PRIYA and priya"), "On-call engineer A and on-call engineer A");
  // The name typed with a combining diaeresis, and a curly possessive.
  EXPECT_EQ(anonymiser_.Text("ask Zoe\u0308’s team"), "ask responder’s team");
  EXPECT_EQ(anonymiser_.Text("the Priya-Marcus handover"),
            "the on-call engineer A-on-call engineer B handover");
}

TEST_F(AnonymiseTest, LeavesOtherWordsAlone) {
  std::string text = "The primary failed over at 14:05; the pool was exhausted.";
  EXPECT_EQ(anonymiser_.Text(text), text);
}

TEST(Anonymise, ASharedFirstNameIsResolvedByTheFullNameOrHidden) {
  Anonymiser anonymiser({Person(1, "Sam Okafor", core::ParticipantRole::kResponder),
                         Person(2, "Sam Ito", core::ParticipantRole::kSupport)},
                        {});
  EXPECT_EQ(anonymiser.Text("Sam Ito restarted it; Sam watched."),
            "Support engineer restarted it; a participant watched.");
}

// Every name word, in every form people write it, must be gone from every anonymised text.
TEST_F(AnonymiseTest, NoNameLeaksFromAnyForm) {
  const std::vector<std::string> names = {"priya", "raman",     "marcus", "chen",
                                          "lena",  "fischer",   "zoë",    "ångström",
                                          "dana",  "whitfield", "olu",    "adeyemi"};
  const std::vector<std::string> forms = {
      "Priya Raman",        "PRIYA",       "priya's",      "Raman’s",
      "`marcus`",           "**Chen**",    "Lena-Fischer", "fischer.",
      "Zoe\u0308",          "ÅNGSTRÖM",    "@dana",        "Whitfield,",
      "olu.adeyemi@x.test", "(Adeyemi)",   "#Lena",        "\"Marcus\"",
      "[Priya](https://x)", "> Chen said", "zoë-ångström", "DANA WHITFIELD's"};
  std::string text;
  for (size_t index = 0; index < forms.size(); ++index) {
    text += "At " + std::to_string(index) + " " + forms[index] + " wrote.\n";
  }
  std::string anonymised = anonymiser_.Text(text);
  for (const language::Token& token : language::Tokenize(anonymised)) {
    for (const std::string& name : names) {
      EXPECT_EQ(token.folded.find(name), std::string_view::npos)
          << "\"" << name << "\" leaks in: " << anonymised;
    }
  }
}

}  // namespace
}  // namespace debrief::render
