#include "core/perspective_coverage.h"

#include <algorithm>
#include <cctype>
#include <set>

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

std::vector<std::string> LowerWords(std::string_view text) { return WordsOf(text); }

bool OneOf(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// The participant a word of the text names (a word of their name, or its possessive), other than
// `author`.
int64_t NamedParticipant(const std::vector<std::string>& words, size_t from, size_t to,
                         std::span<const Participant> participants, int64_t author) {
  for (size_t index = from; index < std::min(to, words.size()); ++index) {
    for (const Participant& participant : participants) {
      if (participant.id == author) continue;
      for (const std::string& name : LowerWords(participant.name)) {
        if (name.size() >= 2 && (words[index] == name || words[index] == name + "'s")) {
          return participant.id;
        }
      }
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

}  // namespace

std::vector<HandOff> FindHandOffs(std::span<const Participant> participants,
                                  std::span<const ReleasedAccount> accounts) {
  std::vector<HandOff> found;
  for (const ReleasedAccount& account : accounts) {
    for (const AccountEntry& entry : account.entries) {
      std::vector<std::string> words = LowerWords(entry.did);
      std::vector<std::string> as_written = WordsOf(entry.did, false);
      for (size_t index = 0; index + 1 < words.size(); ++index) {
        const std::string& word = words[index];
        const std::string& next = words[index + 1];
        HandOff hand_off;
        hand_off.at = entry.at;
        std::string_view after = index + 2 < words.size() ? std::string_view(words[index + 2]) : "";
        bool took = OneOf(word, {"took", "take", "taking"}) &&
                    (OneOf(next, {"over", "command", "charge"}) ||
                     (next == "the" &&
                      OneOf(after, {"pager", "incident", "lead", "helm", "command", "ic"})));
        if (took && index > 0 && words[index - 1] == "to") {
          // "Paged Marcus to take over": the one named before takes it from the author.
          hand_off.from = account.participant_id;
          hand_off.to = NamedParticipant(words, 0, index, participants, account.participant_id);
          if (hand_off.to == 0) continue;
        } else if (took) {
          // The author took it: from whom the rest of the sentence names, if anyone.
          hand_off.to = account.participant_id;
          hand_off.from =
              NamedParticipant(words, 0, words.size(), participants, account.participant_id);
        } else if ((OneOf(word, {"handed", "hand", "handing", "passed", "pass", "escalated",
                                 "escalate"}) &&
                    OneOf(next, {"over", "off", "to", "it", "command", "the"}))) {
          hand_off.from = account.participant_id;
          size_t to = index + 1;
          while (to < words.size() && words[to] != "to") ++to;
          if (to >= words.size()) continue;
          hand_off.to =
              NamedParticipant(words, to + 1, to + 4, participants, account.participant_id);
          if (hand_off.to == 0) hand_off.other = OtherSide(words, as_written, to + 1);
          if (hand_off.to == 0 && hand_off.other.empty()) continue;
        } else {
          continue;
        }
        found.push_back(std::move(hand_off));
        break;  // One hand-off per entry.
      }
    }
  }
  std::sort(found.begin(), found.end(),
            [](const HandOff& a, const HandOff& b) { return a.at < b.at; });
  // One hand-off told by both its sides is one: the same sides within half an hour.
  std::vector<HandOff> distinct;
  for (HandOff& hand_off : found) {
    bool told_already = std::any_of(distinct.begin(), distinct.end(), [&](const HandOff& seen) {
      return seen.from == hand_off.from && seen.to == hand_off.to && seen.other == hand_off.other &&
             hand_off.at - seen.at <= std::chrono::minutes(30);
    });
    if (!told_already) distinct.push_back(std::move(hand_off));
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
