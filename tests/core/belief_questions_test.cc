// Questions about what people believed: invented cases of each kind and of the look-alikes that
// must stay quiet, and the labelled pairs in tests/testdata/beliefs: pairs-1 to pairs-5 (five
// writers) tuned on; pairs-6 and pairs-7, written apart by two more, only measured. A kind is
// shown in the product only where its precision on the measured pairs is at least 0.8, and
// this test holds the shown kinds to it.
#include "core/belief_questions.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace debrief::core {
namespace {

Timestamp At(const char* text) { return *ParseRfc3339(text); }

BeliefItem Entry(int64_t author, const char* at, std::string did, std::string saw,
                 std::string expected, std::string assumed, std::string ref) {
  BeliefItem item;
  item.ref = std::move(ref);
  item.participant_id = author;
  item.at = At(at);
  item.did = std::move(did);
  item.saw = std::move(saw);
  item.expected = std::move(expected);
  item.assumed = std::move(assumed);
  return item;
}

BeliefItem Event(const char* at, std::string text, std::string ref) {
  BeliefItem item;
  item.ref = std::move(ref);
  item.at = At(at);
  item.text = std::move(text);
  return item;
}

std::vector<std::string> Kinds(const std::vector<BeliefItem>& items) {
  std::vector<std::string> kinds;
  for (const BeliefQuestion& question : FindBeliefQuestions(items)) {
    kinds.emplace_back(BeliefQuestionKindName(question.kind));
  }
  return kinds;
}

TEST(BeliefQuestions, AnExpectationWhatFollowedDidNotMeet) {
  std::vector<BeliefItem> items = {
      Entry(1, "2026-03-14T10:05:00Z", "Restarted the consumers", "", "Lag to drain within minutes",
            "", "entry:1"),
      Event("2026-03-14T10:25:00Z", "Consumer lag still growing: 61k messages", "event:9")};
  ASSERT_EQ(Kinds(items), std::vector<std::string>{"expectation_not_met"});
  std::string asked = AskBeliefQuestion(FindBeliefQuestions(items)[0], items, "Priya", "");
  EXPECT_EQ(asked,
            "Priya expected \u201clag to drain within minutes\u201d at 10:05; at 10:25 the record "
            "shows \u201cconsumer lag still growing: 61k messages\u201d. What made that "
            "expectation look right at the time?");
  // Met, it asks nothing; nor does a contradiction about something else, or hours later.
  items[1].text = "Consumer lag drained to zero";
  EXPECT_TRUE(Kinds(items).empty());
  items[1].text = "Disk usage still growing on the build host";
  EXPECT_TRUE(Kinds(items).empty());
  items[1] = Event("2026-03-14T14:25:00Z", "Consumer lag still growing", "event:9");
  EXPECT_TRUE(Kinds(items).empty());
}

TEST(BeliefQuestions, NumbersOfOneUnitFarApartDisagree) {
  std::vector<BeliefItem> items = {
      Entry(1, "2026-03-14T10:05:00Z", "", "", "p99 back under 200 ms after the rollback", "",
            "entry:1"),
      Entry(2, "2026-03-14T10:20:00Z", "", "p99 at 2.4 s on the checkout dashboard", "", "",
            "entry:2")};
  EXPECT_EQ(Kinds(items), std::vector<std::string>{"expectation_not_met"});
  items[1].saw = "p99 at 180 ms on the checkout dashboard";
  EXPECT_TRUE(Kinds(items).empty());
}

TEST(BeliefQuestions, TwoPeopleSureOfOppositeThings) {
  std::vector<BeliefItem> items = {Entry(1, "2026-03-14T10:05:00Z", "", "", "",
                                         "Retries were disabled for the payment client", "entry:1"),
                                   Entry(2, "2026-03-14T10:15:00Z", "", "", "",
                                         "The payment client retries were enabled", "entry:2")};
  EXPECT_EQ(Kinds(items), std::vector<std::string>{"assumptions_differ"});
  // The same person twice, or two who agree, is no question.
  items[1].participant_id = 1;
  EXPECT_TRUE(Kinds(items).empty());
  items[1].participant_id = 2;
  items[1].assumed = "Nobody had turned the payment client's retries on";
  EXPECT_TRUE(Kinds(items).empty());
}

TEST(BeliefQuestions, OneMomentToldTwiceUnlinked) {
  std::vector<BeliefItem> items = {
      Entry(1, "2026-03-14T10:05:00Z", "Rolled back checkout 4.18.0", "", "", "", "entry:1"),
      Entry(2, "2026-03-14T10:09:00Z", "", "Saw the 4.18.0 rollback start in #deploys", "", "",
            "entry:2")};
  EXPECT_EQ(Kinds(items), std::vector<std::string>{"probably_same"});
  items[1].linked = {"entry:1"};  // Linked already: nothing to ask.
  EXPECT_TRUE(Kinds(items).empty());
}

TEST(BeliefQuestions, ATimeGivenAndLongPastWithTheThingNotDone) {
  std::vector<BeliefItem> items = {
      Entry(1, "2026-05-02T07:00:00Z", "Kicked off the nightly settlement re-run", "",
            "settlement re-run finished inside 20 minutes", "", "entry:1"),
      Event("2026-05-02T07:45:00Z", "settlement re-run at 41%, waiting on the ledger lock",
            "event:3")};
  EXPECT_EQ(Kinds(items), std::vector<std::string>{"expectation_not_met"});
  // Within the slack people's estimates deserve, or done, or by the same writer: no question.
  items[1].at = At("2026-05-02T07:25:00Z");
  EXPECT_TRUE(Kinds(items).empty());
  items[1].at = At("2026-05-02T07:45:00Z");
  items[1].text = "settlement re-run finished, 2,114 batches";
  EXPECT_TRUE(Kinds(items).empty());
  items[1] =
      Entry(1, "2026-05-02T07:45:00Z", "", "settlement re-run at 41%, waiting", "", "", "entry:2");
  EXPECT_TRUE(Kinds(items).empty());
  // What the later item quotes is not what it says: "'Still processing' banner removed".
  items[1] = Event("2026-05-02T07:45:00Z",
                   "settlement re-run page now reads 'remaining batches: 0' - done", "event:3");
  EXPECT_TRUE(Kinds(items).empty());
}

TEST(BeliefQuestions, ExpectedByReadsTheTimesPeopleGive) {
  Timestamp said = At("2026-05-02T07:00:00Z");
  auto by = [&](const char* text) {
    std::optional<ExpectedTime> found = ExpectedBy(text, said);
    return found ? FormatRfc3339(found->at).substr(11, 5) : std::string("none");
  };
  EXPECT_EQ(by("back in 5 min"), "07:05");
  EXPECT_EQ(by("green within a couple of minutes"), "07:02");
  EXPECT_EQ(by("live in maybe 30-60 minutes"), "08:00");
  EXPECT_EQ(by("nodes Ready in five-ish minutes"), "07:05");
  EXPECT_EQ(by("settled inside 15m"), "07:15");
  EXPECT_EQ(by("should be immediate - right away"), "07:05");
  EXPECT_EQ(by("restore done by 09:30 at the latest"), "09:30");
  EXPECT_EQ(by("reindex done by 06:00"), "06:00");  // The next 06:00: tomorrow's.
  EXPECT_EQ(by("throughput back to normal"), "none");
  // A span no one meant is a week at most, never past what the clock holds.
  std::optional<ExpectedTime> huge = ExpectedBy("in 10000000000000000 minutes", said);
  ASSERT_TRUE(huge);
  EXPECT_EQ(FormatRfc3339(huge->at), "2026-05-09T07:00:00Z");
  EXPECT_EQ(by("in the EU region first"), "none");
}

TEST(BeliefQuestions, TwoThingsOfOneKindAreNotOneThing) {
  // Each names its own one of a kind: before the thing, after it, by environment, by host.
  EXPECT_EQ(
      Contradiction("the staging cache was flushed", "the prod cache was never flushed", false), 0);
  EXPECT_EQ(Contradiction("Visa tokens are enabled", "Amex tokens are disabled", false), 0);
  EXPECT_EQ(Contradiction("link 2 to the carrier is down", "Link 1 to the carrier is up", false),
            0);
  EXPECT_EQ(Contradiction("ingest-eu-7 disk filling up", "ingest-eu-12 disk draining", false), 0);
  // One thing, said two ways, disagrees.
  EXPECT_GT(Contradiction("the prod cache was flushed", "prod cache never flushed", false), 0);
  EXPECT_GT(Contradiction("auth tokens are enabled", "Authentication tokens are disabled", false),
            0);
}

TEST(BeliefQuestions, NegationTurnsOnlyWhatFollowsIt) {
  // "The rollout shouldn't fail" says nothing against a partial rollout.
  EXPECT_EQ(
      Contradiction("the canary shouldn't fail its checks", "Canary healthy, checks green", true),
      0);
  // "on" before a thing is where: "disabled on the ingest worker" is off.
  EXPECT_EQ(Contradiction("Retries are disabled on the ingest worker",
                          "the ingest worker never retries on its own", false),
            0);
  EXPECT_GT(Contradiction("Retries are on for the ingest worker", "the ingest worker never retries",
                          false),
            0);
  // "worker" is not "work", "password" not "pass".
  EXPECT_EQ(Contradiction("the password worker is fine", "password worker not paused", false), 0);
}

TEST(BeliefQuestions, ReachEverywhereOrOnlySome) {
  std::vector<BeliefItem> items = {
      Entry(1, "2026-05-02T07:00:00Z", "", "", "", "price rules file is on every POS terminal",
            "entry:1"),
      Entry(2, "2026-05-02T07:10:00Z", "", "", "", "only the pilot stores got the price rules file",
            "entry:2")};
  EXPECT_EQ(Kinds(items), std::vector<std::string>{"assumptions_differ"});
}

TEST(BeliefQuestions, AVersionOfTwoDifferentThingsIsNotOneMoment) {
  std::vector<BeliefItem> items = {
      Entry(1, "2026-05-02T07:00:00Z", "Shipped ledger-sync 3.2.0", "", "", "", "entry:1"),
      Event("2026-05-02T07:04:00Z", "Android app 3.2.0 rolled out to 10% on Play", "event:1")};
  EXPECT_TRUE(Kinds(items).empty());
  // The same alert on two hosts, or in two environments, is two moments.
  items = {Entry(1, "2026-05-02T07:00:00Z", "", "DiskFull on ingest-node-2", "", "", "entry:1"),
           Event("2026-05-02T07:03:00Z", "[FIRING] DiskFull host=ingest-node-9", "event:1")};
  EXPECT_TRUE(Kinds(items).empty());
  items[1].text = "[FIRING] DiskFull host=ingest-node-2";
  EXPECT_EQ(Kinds(items), std::vector<std::string>{"probably_same"});
  items[0].saw = "QueueBacklog firing for orders-consumer in staging";
  items[1].text = "[FIRING] QueueBacklog env=prod consumer=orders-consumer";
  EXPECT_TRUE(Kinds(items).empty());
}

// The labelled pairs.
struct Pair {
  std::string id;
  std::vector<BeliefItem> items;
  std::string label;
};

std::vector<Pair> ReadPairs(const std::string& name) {
  std::ifstream in(std::string(DEBRIEF_TESTDATA) + "/beliefs/" + name);
  std::vector<Pair> pairs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    boost::json::object object = boost::json::parse(line).as_object();
    Pair pair;
    pair.id = std::string(object.at("id").as_string());
    pair.label = std::string(object.at("label").as_string());
    int64_t authors = 0;
    std::map<std::string, int64_t> author_ids;
    for (const char* side : {"a", "b"}) {
      const boost::json::object& item = object.at(side).as_object();
      BeliefItem read;
      read.ref = std::string(side);
      read.at = At(std::string(item.at("at").as_string()).c_str());
      auto field = [&](const char* key) {
        const boost::json::value* value = item.if_contains(key);
        return value && value->is_string() ? std::string(value->as_string()) : std::string();
      };
      if (field("type") == "event") {
        read.text = field("text");
      } else {
        std::string author = field("author");
        auto [found, added] = author_ids.emplace(author, authors + 1);
        if (added) ++authors;
        read.participant_id = found->second;
        read.did = field("did");
        read.saw = field("saw");
        read.expected = field("expected");
        read.assumed = field("assumed");
      }
      pair.items.push_back(std::move(read));
    }
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

struct Score {
  int predicted = 0;
  int right = 0;
  int labelled = 0;
};

std::map<std::string, Score> Evaluate(const std::vector<Pair>& pairs, bool show_misses) {
  std::map<std::string, Score> scores;
  for (const Pair& pair : pairs) {
    std::vector<BeliefQuestion> questions = FindBeliefQuestions(pair.items);
    std::string predicted =
        questions.empty() ? "none" : std::string(BeliefQuestionKindName(questions[0].kind));
    if (pair.label != "none") ++scores[pair.label].labelled;
    if (predicted != "none") {
      ++scores[predicted].predicted;
      if (predicted == pair.label) ++scores[predicted].right;
    }
    if (show_misses && predicted != pair.label) {
      std::printf("  %s: labelled %s, found %s\n", pair.id.c_str(), pair.label.c_str(),
                  predicted.c_str());
    }
  }
  return scores;
}

TEST(BeliefQuestions, LabelledPairs) {
  std::vector<Pair> tuning;
  for (const char* name :
       {"pairs-1.jsonl", "pairs-2.jsonl", "pairs-3.jsonl", "pairs-4.jsonl", "pairs-5.jsonl"}) {
    std::vector<Pair> read = ReadPairs(name);
    tuning.insert(tuning.end(), read.begin(), read.end());
  }
  std::vector<Pair> measured;
  for (const char* name : {"pairs-6.jsonl", "pairs-7.jsonl"}) {
    std::vector<Pair> read = ReadPairs(name);
    measured.insert(measured.end(), read.begin(), read.end());
  }
  ASSERT_FALSE(tuning.empty());
  ASSERT_FALSE(measured.empty());
  for (const auto& [name, set, show] :
       {std::tuple{"tuning", &tuning, true}, std::tuple{"measured", &measured, false}}) {
    for (const auto& [kind, score] : Evaluate(*set, show)) {
      std::printf("%s %s: precision %d/%d, recall %d/%d\n", name, kind.c_str(), score.right,
                  score.predicted, score.right, score.labelled);
      // Where it was tuned, each kind asks rightly at least four times in five; the measured
      // figures decide which kinds the product shows.
      if (std::string_view(name) == "tuning") {
        EXPECT_GE(score.right * 5, score.predicted * 4) << kind;
        EXPECT_GE(score.right, 4) << kind;
      }
      bool shown =
          (kind == "expectation_not_met" && IsShownKind(BeliefQuestionKind::kExpectationNotMet)) ||
          (kind == "assumptions_differ" && IsShownKind(BeliefQuestionKind::kAssumptionsDiffer)) ||
          (kind == "probably_same" && IsShownKind(BeliefQuestionKind::kProbablySame));
      if (std::string_view(name) == "measured" && shown) {
        EXPECT_GE(score.right * 5, score.predicted * 4) << kind;
        EXPECT_GE(score.right, 10) << kind;  // Enough asked to tell.
      }
    }
  }
}

}  // namespace
}  // namespace debrief::core
