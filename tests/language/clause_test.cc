#include "language/clause.h"

#include <gtest/gtest.h>

#include "language/grammar.h"
#include "language/text.h"

namespace debrief::language {
namespace {

// The clause around the first token spelled `verb`, with pronouns and a few roles as people.
VerbClause ClauseAt(std::string_view text, std::string_view verb) {
  TokenizedText tokens = Tokenize(text);
  const std::vector<Token>& all = tokens.tokens();
  for (size_t index = 0; index < all.size(); ++index) {
    if (all[index].folded != verb) continue;
    return ReadVerbClause(all, index, index + 1, [&](size_t at) {
      std::string_view word = all[at].folded;
      return grammar::IsPersonalPronoun(word) || word == "operator" || word == "reviewer";
    });
  }
  ADD_FAILURE() << "no " << verb << " in " << text;
  return {};
}

TEST(Grammar, AContractedNegationCarriesItsAuxiliary) {
  EXPECT_EQ(grammar::AuxiliaryOfNegation("wasn't"), "was");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("werent"), "were");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("hadn't"), "had");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("shouldn't"), "should");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("won't"), "will");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("cannot"), "can");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("can't"), "can");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("not"), "");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("never"), "");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("n't"), "");
  // Words that end like a negation but are none.
  EXPECT_EQ(grammar::AuxiliaryOfNegation("tenant"), "");
  EXPECT_EQ(grammar::AuxiliaryOfNegation("want"), "");
}

TEST(Clause, AContractedNegationKeepsThePassive) {
  VerbClause spelled_out = ClauseAt("The handover notes were not read before the shift.", "read");
  EXPECT_TRUE(spelled_out.passive);
  EXPECT_TRUE(spelled_out.negated);
  for (std::string_view text : {"The handover notes weren't read before the shift.",
                                "The handover notes werent read before the shift."}) {
    VerbClause clause = ClauseAt(text, "read");
    EXPECT_TRUE(clause.passive) << text;
    EXPECT_TRUE(clause.negated) << text;
    EXPECT_TRUE(clause.past) << text;
    EXPECT_EQ(clause.agent, Agent::kUnnamed) << text;
  }
  // Present tense, still a passive, not told in the past.
  VerbClause present = ClauseAt("The queue isn't drained on restart.", "drained");
  EXPECT_TRUE(present.passive);
  EXPECT_FALSE(present.past);
}

TEST(Clause, AContractedNegativeModalIsAModal) {
  VerbClause clause = ClauseAt("The operator shouldn't have rebooted the primary.", "rebooted");
  EXPECT_TRUE(clause.modal);
  EXPECT_TRUE(clause.perfect);
  EXPECT_TRUE(clause.negated);
  EXPECT_EQ(clause.agent, Agent::kPerson);
  VerbClause perfect = ClauseAt("The reviewer hadn't opened the diff.", "opened");
  EXPECT_TRUE(perfect.perfect);
  EXPECT_FALSE(perfect.modal);
  EXPECT_TRUE(perfect.subject_is_person);
}

TEST(Clause, AnActiveVerbAfterADoNegationIsNoPassive) {
  VerbClause clause = ClauseAt("We didn't page the database team.", "page");
  EXPECT_FALSE(clause.passive);
  EXPECT_TRUE(clause.negated);
  EXPECT_TRUE(clause.past);
  EXPECT_EQ(clause.agent, Agent::kPerson);
}

}  // namespace
}  // namespace debrief::language
