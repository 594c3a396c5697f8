#include "render/erasure_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const ErasureText& Eraser() {
  static const ErasureText eraser({"Priya Raman", "pri"}, {"priya.raman@example.com"},
                                  "erased person 7");
  return eraser;
}

TEST(ErasureText, ReplacesTheNameWhereverAndHoweverItIsWritten) {
  EXPECT_EQ(Eraser().Text("Priya Raman"), "Erased person 7");
  EXPECT_EQ(Eraser().Text("Paged by Priya Raman at 14:02."), "Paged by erased person 7 at 14:02.");
  // A part of the name that is no everyday word means the person on its own, in any case.
  EXPECT_EQ(Eraser().Text("priya said the pool looked fine"),
            "Erased person 7 said the pool looked fine");
  EXPECT_EQ(Eraser().Text("as Raman expected"), "as erased person 7 expected");
  EXPECT_EQ(Eraser().Text("PRIYA RAMAN took the page"), "Erased person 7 took the page");
  // The possessive keeps its "'s"; a chat mention is the person too.
  EXPECT_EQ(Eraser().Text("Priya's message about the pool"),
            "Erased person 7's message about the pool");
  EXPECT_EQ(Eraser().Text("thanks @priya"), "thanks @erased person 7");
}

TEST(ErasureText, ReplacesTheAddressWholeInAnyCase) {
  EXPECT_EQ(Eraser().Text("mail Priya.Raman@Example.com for access"),
            "mail erased person 7 for access");
  EXPECT_EQ(Eraser().Text("<priya.raman@example.com>"), "<erased person 7>");
  // Another address stays.
  EXPECT_EQ(Eraser().Text("write to ops@example.com"), std::nullopt);
}

TEST(ErasureText, LeavesEverythingElseAlone) {
  EXPECT_EQ(Eraser().Text("The pool was lowered from 50 to 20 connections."), std::nullopt);
  // Words that only hold the name's letters stay ("Priyanka", "Ramanujan").
  EXPECT_EQ(Eraser().Text("Priyanka read Ramanujan"), std::nullopt);
  EXPECT_EQ(Eraser().Text(""), std::nullopt);
}

TEST(ErasureText, ANameOfEverydayWordsGoesWhereItReadsAsTheName) {
  ErasureText eraser({"Will Park"}, {}, "erased person 3");
  EXPECT_EQ(eraser.Text("Will Park restarted the job"), "Erased person 3 restarted the job");
  EXPECT_EQ(eraser.Text("will park"), "Erased person 3");  // A field holding only the name.
  EXPECT_EQ(eraser.Text("We will park the change until Monday"), std::nullopt);
}

TEST(ErasureText, RewritesTheStringsOfJsonAndKeepsItsShape) {
  auto rewritten = Eraser().Json(
      R"({"participants":[{"name":"Priya Raman","user_id":7}],"text":"priya paged","n":3})");
  ASSERT_TRUE(rewritten);
  EXPECT_EQ(
      *rewritten,
      R"({"participants":[{"name":"Erased person 7","user_id":7}],"text":"Erased person 7 paged","n":3})");
  EXPECT_EQ(Eraser().Json(R"({"text":"nobody here"})"), std::nullopt);
  // Text that is not JSON is rewritten as text.
  EXPECT_EQ(Eraser().Json("Priya Raman {not json"), "Erased person 7 {not json");
}

TEST(ErasureText, AnAddressInsideJsonGoesToo) {
  auto rewritten = Eraser().Json(R"({"email":"priya.raman@example.com"})");
  ASSERT_TRUE(rewritten);
  EXPECT_THAT(*rewritten, Not(HasSubstr("example.com")));
}

TEST(ErasureText, WhatTheirNameSharesWithSomeoneElsesStays) {
  ErasureText eraser({"Ana Lima"}, {"ana.lima@example.com"}, "erased person 4",
                     {"Carlos Lima", "Joana Souza"});
  EXPECT_EQ(eraser.Text("Ana Lima paged Carlos Lima"), "Erased person 4 paged Carlos Lima");
  // "Lima" alone could be either of them; "Ana" is hers alone.
  EXPECT_EQ(eraser.Text("Lima restarted it"), std::nullopt);
  EXPECT_EQ(eraser.Text("asked Ana"), "asked erased person 4");
  // Someone else's address stays whole, theirs goes.
  EXPECT_EQ(eraser.Text("carlos.lima@example.com"), std::nullopt);
  EXPECT_EQ(eraser.Text("cc ana.lima@example.com"), "cc erased person 4");
}

TEST(ErasureText, HandlesGoWhereverTheyStandAsWholeWords) {
  ErasureText eraser({"Priya Raman"}, {}, "erased person 7", {}, {"pri", "priya.r"});
  EXPECT_EQ(eraser.Text("pri: pool is full"), "erased person 7: pool is full");
  EXPECT_EQ(eraser.Text("ping @PRIYA.R now"), "ping @erased person 7 now");
  EXPECT_EQ(eraser.Text("the print job and the prior run"), std::nullopt);
}

}  // namespace
}  // namespace debrief::render
