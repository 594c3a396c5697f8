#include "core/perspective_coverage.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace debrief::core {
namespace {

// The words of a text, as written (`folded`: false) or in lower case.
std::vector<std::string> WordsOf(std::string_view text, bool folded = true) {
  std::vector<std::string> words(1);
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
      words.back() += folded ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

bool OneOf(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// The participants' names as words, read once: "priya", "raman" -> Priya Raman's id.
using NameWords = std::vector<std::pair<std::string, int64_t>>;

NameWords NameWordsOf(std::span<const Participant> participants) {
  NameWords words;
  for (const Participant& participant : participants) {
    for (std::string& word : WordsOf(participant.name)) {
      if (word.size() >= 2) words.emplace_back(std::move(word), participant.id);
    }
  }
  return words;
}

// The participant other than `author` a word in [from, to) names (a word of their name, or its
// possessive), the nearest to `to` first; 0 if none.
int64_t NamedParticipant(const std::vector<std::string>& words, size_t from, size_t to,
                         const NameWords& names, int64_t author) {
  for (size_t index = std::min(to, words.size()); index-- > from;) {
    for (const auto& [name, id] : names) {
      if (id != author && (words[index] == name || words[index] == name + "'s")) return id;
    }
  }
  return 0;
}

// "the DBA team", "payments on-call": what follows "to" up to the end of its phrase, when no
// participant is named there.
std::string OtherSide(const std::vector<std::string>& words,
                      const std::vector<std::string>& as_written, size_t from) {
  std::string other;
  for (size_t index = from; index < words.size() && index < from + 4; ++index) {
    if (OneOf(words[index], {"and", "so", "because", "after", "before", "at", "for", "with",
                             "since", "while", "when"})) {
      break;
    }
    other += (other.empty() ? "" : " ") + as_written[index];
  }
  return other;
}

// The hand-off one entry tells of, if any. Every look is a few words around the verb, so a long
// text costs in proportion to its length.
std::optional<HandOff> HandOffIn(const AccountEntry& entry, int64_t author,
                                 const NameWords& names) {
  // What someone did is said in its first words; a pasted log is not a hand-off.
  constexpr size_t kWordsRead = 80;
  std::vector<std::string> words = WordsOf(entry.did);
  std::vector<std::string> as_written = WordsOf(entry.did, false);
  words.resize(std::min(words.size(), kWordsRead));
  for (size_t index = 0; index + 1 < words.size(); ++index) {
    const std::string& word = words[index];
    const std::string& next = words[index + 1];
    std::string_view after = index + 2 < words.size() ? std::string_view(words[index + 2]) : "";
    bool took =
        OneOf(word, {"took", "take", "taking"}) &&
        (OneOf(next, {"over", "command", "charge"}) ||
         (next == "the" && OneOf(after, {"pager", "incident", "lead", "helm", "command", "ic"})));
    HandOff hand_off;
    hand_off.at = entry.at;
    if (took && index > 0 && words[index - 1] == "to") {
      // "Priya asked me to take over": the author takes it from whom is named before; "paged
      // Marcus to take over": the one named just before takes it from the author.
      bool me = index > 1 && OneOf(words[index - 2], {"me", "us"});
      size_t from = index >= 6 ? index - 6 : 0;
      int64_t named = NamedParticipant(words, from, index - 1, names, author);
      if (named == 0) continue;
      hand_off.from = me ? named : author;
      hand_off.to = me ? author : named;
    } else if (took) {
      // "took command after Priya paged me", "took over from Lena": the giver follows.
      hand_off.to = author;
      for (size_t at = index + 2; at < words.size() && at < index + 8; ++at) {
        if (OneOf(words[at], {"from", "after", "when"})) {
          hand_off.from = NamedParticipant(words, at + 1, at + 4, names, author);
          break;
        }
      }
      if (hand_off.from == 0) continue;
    } else if (OneOf(word,
                     {"handed", "hand", "handing", "passed", "pass", "escalated", "escalate"}) &&
               OneOf(next, {"over", "off", "to", "it", "command", "the"})) {
      hand_off.from = author;
      size_t to = index + 1;
      while (to < words.size() && to < index + 6 && words[to] != "to") ++to;
      if (to >= words.size() || words[to] != "to") continue;
      hand_off.to = NamedParticipant(words, to + 1, to + 4, names, author);
      if (hand_off.to == 0) hand_off.other = OtherSide(words, as_written, to + 1);
      if (hand_off.to == 0 && hand_off.other.empty()) continue;
    } else {
      continue;
    }
    return hand_off;
  }
  return std::nullopt;
}

}  // namespace

std::vector<HandOff> FindHandOffs(std::span<const Participant> participants,
                                  std::span<const ReleasedAccount> accounts) {
  NameWords names = NameWordsOf(participants);
  std::vector<HandOff> found;
  for (const ReleasedAccount& account : accounts) {
    for (const AccountEntry& entry : account.entries) {
      if (auto hand_off = HandOffIn(entry, account.participant_id, names)) {
        found.push_back(std::move(*hand_off));
      }
    }
  }
  std::sort(found.begin(), found.end(),
            [](const HandOff& a, const HandOff& b) { return a.at < b.at; });
  // One hand-off told by both its sides is one: the same sides within half an hour.
  std::vector<HandOff> distinct;
  std::map<std::tuple<int64_t, int64_t, std::string>, Timestamp> last_told;
  for (HandOff& hand_off : found) {
    auto sides = std::make_tuple(hand_off.from, hand_off.to, hand_off.other);
    auto seen = last_told.find(sides);
    bool told_already =
        seen != last_told.end() && hand_off.at - seen->second <= std::chrono::minutes(30);
    if (told_already) continue;
    last_told[sides] = hand_off.at;
    distinct.push_back(std::move(hand_off));
  }
  return distinct;
}

std::vector<MomentCoverage> CoverKeyMoments(const Incident& incident,
                                            std::span<const Participant> participants,
                                            std::span<const ReleasedAccount> accounts,
                                            Duration window) {
  std::set<int64_t> involved;
  for (const Participant& participant : participants) {
    if (participant.role != ParticipantRole::kObserver) involved.insert(participant.id);
  }
  std::vector<MomentCoverage> covered;
  const std::pair<const char*, const std::optional<Timestamp>*> moments[] = {
      {"started", &incident.started_at},
      {"detected", &incident.detected_at},
      {"mitigated", &incident.mitigated_at},
      {"resolved", &incident.resolved_at}};
  for (const auto& [name, at] : moments) {
    if (!*at) continue;
    MomentCoverage moment{name, **at, static_cast<int>(involved.size()), 0, ""};
    std::set<int64_t> told;
    // Copied: clang before 16 lets no lambda capture a structured binding (the fuzz build).
    Timestamp when = **at;
    for (const ReleasedAccount& account : accounts) {
      if (!involved.contains(account.participant_id)) continue;
      bool near = std::any_of(
          account.entries.begin(), account.entries.end(), [&](const AccountEntry& entry) {
            Duration apart = entry.at > when ? entry.at - when : when - entry.at;
            return apart <= window;
          });
      if (near) told.insert(account.participant_id);
    }
    moment.told = static_cast<int>(told.size());
    covered.push_back(std::move(moment));
  }
  // Each hand-off, by its sides: did the other side tell of it too?
  auto name_of = [&](int64_t id) -> std::string {
    for (const Participant& participant : participants) {
      if (participant.id == id) return participant.name;
    }
    return "someone";
  };
  auto tells_near = [&](int64_t participant_id, Timestamp when) {
    for (const ReleasedAccount& account : accounts) {
      if (account.participant_id != participant_id) continue;
      for (const AccountEntry& entry : account.entries) {
        Duration apart = entry.at > when ? entry.at - when : when - entry.at;
        if (apart <= window) return true;
      }
    }
    return false;
  };
  for (const HandOff& hand_off : FindHandOffs(participants, accounts)) {
    MomentCoverage moment{"hand_off", hand_off.at, 0, 0, ""};
    for (int64_t side : {hand_off.from, hand_off.to}) {
      if (side == 0) continue;
      ++moment.involved;
      if (tells_near(side, hand_off.at)) ++moment.told;
    }
    // A side the incident does not list (a team) tells nothing here: one side only.
    if (!hand_off.other.empty()) ++moment.involved;
    std::string from = hand_off.from != 0 ? name_of(hand_off.from) : "someone";
    std::string to = hand_off.to != 0 ? name_of(hand_off.to) : hand_off.other;
    moment.between = from + " \u2192 " + to;
    covered.push_back(std::move(moment));
  }
  return covered;
}

}  // namespace debrief::core
