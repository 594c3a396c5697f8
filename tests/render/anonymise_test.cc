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

TEST_F(AnonymiseTest, MatchesCapitalsScriptFormsAndHyphenatedNames) {
  EXPECT_EQ(anonymiser_.Text("PRIYA and Priya"), "On-call engineer A and on-call engineer A");
  // A whole name is its person however it is written.
  EXPECT_EQ(anonymiser_.Text("priya raman paged"), "On-call engineer A paged");
  // The name typed with a combining diaeresis, and a curly possessive.
  EXPECT_EQ(anonymiser_.Text("ask Zoe\u0308’s team"), "ask responder’s team");
  EXPECT_EQ(anonymiser_.Text("the Priya-Marcus handover"),
            "the on-call engineer A-on-call engineer B handover");
}

TEST_F(AnonymiseTest, MentionsAndEmailAddressesNameTheirPerson) {
  EXPECT_EQ(anonymiser_.Text("cc @dana and @marcus"), "cc @colleague B and @on-call engineer B");
  EXPECT_EQ(anonymiser_.Text("mail olu.adeyemi@example.com."), "mail colleague A.");
  EXPECT_EQ(anonymiser_.Text("ops@example.com stays"), "ops@example.com stays");
}

TEST_F(AnonymiseTest, LeavesOtherWordsAlone) {
  std::string text = "The primary failed over at 14:05; the pool was exhausted.";
  EXPECT_EQ(anonymiser_.Text(text), text);
}

// A participant entered under another name than their user's ("Al" for the directory's "Alice
// Okonkwo"), or a user renamed since a snapshot named them, is one person under both names.
TEST(Anonymise, APersonIsFoundUnderEveryNameTheyAreKnownBy) {
  Anonymiser anonymiser({Person(1, "Al", core::ParticipantRole::kOnCall, 5)},
                        {{5, "Alice Okonkwo"}, {6, "Bo Lindqvist"}, {6, "Bo Marsh"}});
  EXPECT_EQ(anonymiser.Text("Alice Okonkwo paged Bo Lindqvist, now Bo Marsh."),
            "On-call engineer paged colleague A, now colleague A.");
  EXPECT_EQ(anonymiser.LabelForUser(5), "on-call engineer");
  EXPECT_EQ(anonymiser.LabelForUser(6), "colleague A");
}

TEST(Anonymise, ASharedFirstNameIsResolvedByTheFullNameOrHidden) {
  Anonymiser anonymiser({Person(1, "Sam Okafor", core::ParticipantRole::kResponder),
                         Person(2, "Sam Ito", core::ParticipantRole::kSupport)},
                        {});
  EXPECT_EQ(anonymiser.Text("Sam Ito restarted it; Sam watched."),
            "Support engineer restarted it; a participant watched.");
}

// Issue 19: names made of everyday words replaced those words everywhere.
TEST(Anonymise, Issue19ANameOfCommonWordsLeavesTheWordsAlone) {
  Anonymiser anonymiser(
      {Person(1, "Dana from the network vendor", core::ParticipantRole::kSubjectMatterExpert),
       Person(2, "Will Park", core::ParticipantRole::kOnCall)},
      {});
  EXPECT_EQ(anonymiser.Text("The network vendor said the fix is in; we will park the deploy."),
            "The network vendor said the fix is in; we will park the deploy.");
  EXPECT_EQ(anonymiser.Text("Dana from the network vendor confirmed. Will Park paged Dana."),
            "Subject-matter expert confirmed. On-call engineer paged subject-matter expert.");
  // Written in lower case, a name of everyday words is those words.
  EXPECT_EQ(anonymiser.Text("we will park it"), "we will park it");
  // "Will" and "Park" alone are words first: only the whole name stands for the person.
  EXPECT_EQ(anonymiser.Text("Will it hold? The Park Street office."),
            "Will it hold? The Park Street office.");
}

TEST(Anonymise, Issue19AOneWordNameThatIsAlsoAWordNeedsToReadAsAName) {
  Anonymiser anonymiser({Person(1, "Will", core::ParticipantRole::kOnCall)}, {});
  EXPECT_EQ(anonymiser.Text("We asked Will to check."), "We asked on-call engineer to check.");
  EXPECT_EQ(anonymiser.Text("Will it hold? What Will Change. It will."),
            "Will it hold? What Will Change. It will.");
}

TEST(Anonymise, Issue19AHostileNamesDoNotTurnWordsIntoRoles) {
  Anonymiser anonymiser(
      {Person(1, "<img src=x onerror=alert(1)>", core::ParticipantRole::kResponder),
       Person(2, "Robert'); DROP TABLE users;--", core::ParticipantRole::kObserver)},
      {});
  std::string text =
      "The alert fired; the img src attribute was wrong; onerror handlers ran. Drop the "
      "users table? alert!";
  EXPECT_EQ(anonymiser.Text(text), text);
  EXPECT_EQ(anonymiser.Text("Robert paged"), "Observer paged");
}

TEST(Anonymise, Issue19ANamesWithParticlesKeepTheParticles) {
  Anonymiser anonymiser({Person(1, "Ludwig van Beethoven", core::ParticipantRole::kOnCall),
                         Person(2, "María de la Cruz", core::ParticipantRole::kResponder),
                         Person(3, "Ahmad bin Said", core::ParticipantRole::kSupport)},
                        {});
  EXPECT_EQ(anonymiser.Text("A van de la carga; van der Waals; bin the logs."),
            "A van de la carga; van der Waals; bin the logs.");
  EXPECT_EQ(anonymiser.Text("Ludwig van Beethoven and María de la Cruz met Ahmad."),
            "On-call engineer and responder met support engineer.");
  EXPECT_EQ(anonymiser.Text("Beethoven paged Cruz."), "On-call engineer paged responder.");
}

TEST(Anonymise, Issue19ANamesInOtherScripts) {
  Anonymiser anonymiser({Person(1, "Дмитрий Иванов", core::ParticipantRole::kOnCall),
                         Person(2, "李明", core::ParticipantRole::kResponder),
                         Person(3, "محمد العلي", core::ParticipantRole::kSupport),
                         Person(4, "たなか", core::ParticipantRole::kObserver)},
                        {});
  EXPECT_EQ(anonymiser.Text("Дмитрий перезапустил, ДМИТРИЙ ИВАНОВ тоже"),
            "On-call engineer перезапустил, on-call engineer тоже");
  // Chinese and Japanese have no spaces: the name sits inside a longer run of characters.
  EXPECT_EQ(anonymiser.Text("李明重启了服务"), "Responder重启了服务");
  EXPECT_EQ(anonymiser.Text("たなかさんが対応"), "Observerさんが対応");
  EXPECT_EQ(anonymiser.Text("اتصل محمد"), "اتصل support engineer");
  // Other words of those scripts stay.
  EXPECT_EQ(anonymiser.Text("明天 重启 服务"), "明天 重启 服务");
}

TEST(Anonymise, Issue19AOneLetterNames) {
  Anonymiser anonymiser({Person(1, "Q", core::ParticipantRole::kOnCall),
                         Person(2, "J. R. Okonkwo", core::ParticipantRole::kResponder)},
                        {});
  EXPECT_EQ(anonymiser.Text("We asked Q about it; Q3 planning; a q-value."),
            "We asked on-call engineer about it; Q3 planning; a q-value.");
  // Initials alone are letters; the surname and the whole name are the person.
  EXPECT_EQ(anonymiser.Text("Plan J. Option R. J. R. Okonkwo agreed; Okonkwo paged."),
            "Plan J. Option R. Responder agreed; responder paged.");
}

// Every name part, in every form that writes it as a name, must be gone from the text.
TEST_F(AnonymiseTest, NoNameLeaksFromAnyFormWrittenAsAName) {
  const std::vector<std::string> names = {"priya", "raman",     "marcus", "chen",
                                          "lena",  "fischer",   "zoë",    "ångström",
                                          "dana",  "whitfield", "olu",    "adeyemi"};
  const std::vector<std::string> forms = {
      "Priya Raman",        "PRIYA",       "Priya's",      "Raman’s",
      "`Marcus`",           "**Chen**",    "Lena-Fischer", "Fischer.",
      "Zoe\u0308",          "ÅNGSTRÖM",    "@dana",        "Whitfield,",
      "olu.adeyemi@x.test", "(Adeyemi)",   "#Lena",        "\"Marcus\"",
      "[Priya](https://x)", "> Chen said", "zoë ångström", "DANA WHITFIELD's",
      "lena fischer",       "@olu"};
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

// A distinctive part of a name made of letters is its person in lower case too (chat is often
// typed that way); the parts of a "name" made of markup count only when written as names.
TEST_F(AnonymiseTest, LowerCasePartsOfNamesMadeOfLettersAreReplaced) {
  EXPECT_EQ(anonymiser_.Text("priya rolled back; ask marcus"),
            "On-call engineer A rolled back; ask on-call engineer B");
  Anonymiser hostile({Person(1, "<b>Kafka</b>", core::ParticipantRole::kResponder)}, {});
  EXPECT_EQ(hostile.Text("the kafka consumer lagged; Kafka paged"),
            "the kafka consumer lagged; responder paged");
}

// Rare words ("Smith", "Bob") are names where capitalised; frequent ones ("Brown", "Mark") only
// within the whole name.
TEST(Anonymise, RareWordsNeedTheirCapitalFrequentOnesTheWholeName) {
  Anonymiser anonymiser({Person(1, "Alice Smith", core::ParticipantRole::kOnCall),
                         Person(2, "Mark Brown", core::ParticipantRole::kResponder),
                         Person(3, "Bob Hunter", core::ParticipantRole::kSupport)},
                        {});
  EXPECT_EQ(anonymiser.Text("Smith restarted it; the smith forged; Mark Brown agreed."),
            "On-call engineer restarted it; the smith forged; responder agreed.");
  EXPECT_EQ(anonymiser.Text("Mark the ticket; the brown field; a Brown Bag session."),
            "Mark the ticket; the brown field; a Brown Bag session.");
  // Two rare words together are the person in any case.
  EXPECT_EQ(anonymiser.Text("ask bob hunter; the Hunter Valley office"),
            "ask support engineer; the Hunter Valley office");
}

// A field that holds only a name is its person, however ordinary the name is as a word.
TEST(Anonymise, AFieldHoldingOnlyANameIsThatPerson) {
  Anonymiser anonymiser({Person(1, "Will", core::ParticipantRole::kOnCall),
                         Person(2, "Bob", core::ParticipantRole::kResponder)},
                        {});
  EXPECT_EQ(anonymiser.Text("will"), "On-call engineer");
  EXPECT_EQ(anonymiser.Text(" Bob "), " Responder ");
  EXPECT_EQ(anonymiser.Text("Bob saw the pool; paged BOB. Will it hold?"),
            "Responder saw the pool; paged responder. Will it hold?");
}

}  // namespace
}  // namespace debrief::render
