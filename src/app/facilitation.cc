#include "app/facilitation.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "app/check_options.h"
#include "app/event_import.h"
#include "core/authorization.h"
#include "core/knowledge.h"
#include "core/utf8.h"

namespace debrief::app {
namespace {

constexpr auto kDecisionNear = std::chrono::minutes(15);
constexpr size_t kMissedSeenShown = 5;
constexpr size_t kBeliefTextRead = 1'000;
// Counterfactual cards: a few per entry, and no more in all than a meeting can take up.
constexpr size_t kCardsPerEntry = 3;
constexpr size_t kCardsInAll = 40;

// The words of a text, lower-cased, split at anything but letters, digits and apostrophes.
std::vector<std::string> WordsOf(std::string_view text) {
  std::vector<std::string> words(1);
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
      words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

std::string Trimmed(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && (std::isspace(static_cast<unsigned char>(text[end - 1])) ||
                         text[end - 1] == '.' || text[end - 1] == ',' || text[end - 1] == ';')) {
    --end;
  }
  return std::string(text.substr(begin, end - begin));
}

// What was not done, without the clause that tells when or why ("checked the skew panel before
// restarting" is "checked the skew panel"), and never long.
std::string OwnClause(std::string_view missed) {
  static constexpr std::string_view kJoiners[] = {" before ",  " after ",    " when ", " while ",
                                                  " because ", " since ",    " so ",   " but ",
                                                  " as ",      " and then ", " until "};
  size_t end = core::Utf8Prefix(missed, 120).size();
  for (std::string_view joiner : kJoiners) {
    size_t at = missed.find(joiner);
    if (at != std::string_view::npos && at > 0) end = std::min(end, at);
  }
  return Trimmed(missed.substr(0, end));
}

// Whose action a counterfactual judges: the words just before it in its sentence. "I" or "we"
// is the entry's author; a word of a participant's name is that participant. Anyone else ("the
// on-call engineer") is not resolved: no card rather than the wrong person's view.
std::optional<int64_t> JudgedPerson(std::string_view before, int64_t author,
                                    const std::vector<core::Participant>& participants) {
  std::vector<std::string> words = WordsOf(before);
  // The nearest few words: "Priya should have", "I really should have", "we probably could have".
  size_t from = words.size() > 3 ? words.size() - 3 : 0;
  for (size_t index = words.size(); index-- > from;) {
    const std::string& word = words[index];
    if (word == "i" || word == "we") return author;
    for (const core::Participant& participant : participants) {
      for (const std::string& name_word : WordsOf(participant.name)) {
        if (name_word.size() >= 2 && (word == name_word || word == name_word + "'s")) {
          return participant.id;
        }
      }
    }
  }
  return std::nullopt;
}

std::string ItemText(const CachedTimeline& loaded, const core::TimelineItem& item) {
  if (item.kind == core::TimelineItemKind::kEvent) {
    return std::string(core::Utf8Prefix((*loaded.events)[item.index].text, 1'000));
  }
  const core::AccountEntry& entry = loaded.entries[item.index].entry;
  return std::string(
      core::Utf8Prefix(entry.did + "\n" + entry.saw + "\n" + entry.looking_at, 1'000));
}

// Fills in what the judged person could know at the card's time, and whether what they are said
// to have missed was among it.
void ShowWhatTheyCouldKnow(const CachedTimeline& loaded,
                           const std::vector<core::DecisionPoint>& decisions,
                           CounterfactualCard& card) {
  std::vector<core::Knowledge> known =
      core::KnowledgeAt(loaded.timeline, loaded.entries, *loaded.events, loaded.memberships,
                        card.participant_id, card.at);
  // What was missed, less its first word (the verb: "checked", "rolled back"), is what to look
  // for in what they could see: the same thing, not another of its kind ("the pool dashboard"
  // is not "the payments dashboard").
  std::vector<std::string> missed_words = WordsOf(card.missed);
  std::string looked_for;
  for (size_t index = 1; index < missed_words.size(); ++index)
    looked_for += missed_words[index] + " ";
  for (size_t index = 0; index < loaded.timeline.items.size(); ++index) {
    const core::TimelineItem& item = loaded.timeline.items[index];
    if (!known[index].known() || item.ref == card.ref) continue;
    ++card.known_items;
    if (!looked_for.empty() && card.missed_seen_refs.size() < kMissedSeenShown &&
        !core::SharedSubject(looked_for, ItemText(loaded, item)).empty() &&
        !core::SpeakOfTwoThings(looked_for, ItemText(loaded, item))) {
      card.missed_seen_refs.push_back(item.ref);
    }
  }
  for (const core::EntryInput& input : loaded.entries) {
    if (input.participant_id == card.participant_id && input.entry.at <= card.at &&
        !input.entry.looking_at.empty()) {
      card.looking_at = input.entry.looking_at;  // Entries are in time order: the latest wins.
    }
  }
  const core::DecisionPoint* nearest = nullptr;
  for (const core::DecisionPoint& decision : decisions) {
    core::Duration apart = decision.at > card.at ? decision.at - card.at : card.at - decision.at;
    if (apart > kDecisionNear) continue;
    core::Duration best = nearest == nullptr      ? kDecisionNear + std::chrono::minutes(1)
                          : nearest->at > card.at ? nearest->at - card.at
                                                  : card.at - nearest->at;
    if (apart < best) nearest = &decision;
  }
  if (nearest != nullptr) {
    card.decision_id = nearest->id;
    card.decision_situation = nearest->situation;
    card.decision_pressures = nearest->pressures;
  }
}

struct EntryReading {
  std::optional<core::ObviousWords> obvious;
  std::vector<CounterfactualCard> counterfactuals;
};

// What the checker finds in an entry's fields that the facilitator asks about: hindsight words
// and counterfactuals about a person.
EntryReading ReadEntry(const language::Checker& checker, const language::CheckOptions& options,
                       const core::EntryInput& input,
                       const std::vector<core::Participant>& participants) {
  EntryReading reading;
  const core::AccountEntry& entry = input.entry;
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"did", &entry.did},
      {"saw", &entry.saw},
      {"expected", &entry.expected},
      {"assumed", &entry.assumed},
      {"looking_at", &entry.looking_at}};
  for (const auto& [field, text] : fields) {
    if (text->empty()) continue;
    for (const language::Finding& finding : checker.Check(*text, options)) {
      if (finding.rule == nullptr || finding.quoted) continue;
      std::string sentence = Trimmed(std::string_view(*text).substr(
          finding.sentence_begin, finding.sentence_end - finding.sentence_begin));
      const std::string& category = finding.rule->category;
      if (!reading.obvious &&
          (finding.rule->id == "judgmental-obviously" || category == "hindsight")) {
        reading.obvious = core::ObviousWords{std::string(field), sentence};
      }
      if (category != "counterfactual") continue;
      std::string_view before = std::string_view(*text).substr(
          finding.sentence_begin, finding.begin - finding.sentence_begin);
      std::optional<int64_t> person = JudgedPerson(before, input.participant_id, participants);
      if (!person) continue;
      if (reading.counterfactuals.size() >= kCardsPerEntry) break;
      CounterfactualCard card;
      card.ref = "entry:" + std::to_string(entry.id);
      card.field = std::string(field);
      card.quote = sentence;
      card.participant_id = *person;
      card.at = entry.at;
      card.missed = Trimmed(std::string_view(*text).substr(
          finding.end, std::max(finding.sentence_end, finding.end) - finding.end));
      card.missed = OwnClause(card.missed);
      reading.counterfactuals.push_back(std::move(card));
    }
  }
  return reading;
}

// What the belief questions read of a text: its start. What someone expected or saw is said in
// a sentence or two; a pasted listing of 2,000 pods is not, and reading all of it against every
// nearby item would hold a worker for minutes.
std::string Clipped(std::string_view text) {
  return std::string(core::Utf8Prefix(text, kBeliefTextRead));
}

std::vector<BeliefQuestionAt> BeliefsIn(const CachedTimeline& loaded,
                                        const std::map<int64_t, std::string>& names,
                                        const ParticipantNames& participants) {
  std::vector<core::BeliefItem> items;
  items.reserve(loaded.entries.size() + loaded.events->size());
  for (const core::EntryInput& input : loaded.entries) {
    const core::AccountEntry& entry = input.entry;
    core::BeliefItem item;
    item.ref = "entry:" + std::to_string(entry.id);
    item.participant_id = input.participant_id;
    item.at = entry.at;
    item.did = Clipped(entry.did);
    item.saw = Clipped(entry.saw);
    item.expected = Clipped(entry.expected);
    item.assumed = Clipped(entry.assumed);
    item.linked = entry.same_as;
    for (int64_t seen : entry.seen_event_ids)
      item.linked.push_back("event:" + std::to_string(seen));
    items.push_back(std::move(item));
  }
  // An event a participant wrote (their chat message) is theirs: not someone else telling of
  // the same moment, nor what followed their expectation in another's words.
  for (const core::TimelineEvent& event : *loaded.events) {
    core::BeliefItem item;
    item.ref = "event:" + std::to_string(event.id);
    item.at = event.at;
    item.text = Clipped(event.text);
    if (const ParticipantName* author = FindParticipant(participants, "", event.actor)) {
      item.participant_id = author->id;
    }
    items.push_back(std::move(item));
  }
  auto name_of = [&](int64_t participant) {
    auto found = names.find(participant);
    return found == names.end() ? std::string() : found->second;
  };
  std::vector<BeliefQuestionAt> beliefs;
  for (const core::BeliefQuestion& question : core::FindBeliefQuestions(items)) {
    if (!core::IsShownKind(question.kind)) continue;
    const core::BeliefItem& first = items[question.first];
    const core::BeliefItem& second = items[question.second];
    auto [first_said, second_said] = core::BeliefQuestionWords(question, items);
    beliefs.push_back({question.kind, first.ref, second.ref, first.at, second.at,
                       first.participant_id, second.participant_id, std::move(first_said),
                       std::move(second_said), question.subject,
                       core::AskBeliefQuestion(question, items, name_of(first.participant_id),
                                               name_of(second.participant_id))});
  }
  return beliefs;
}

}  // namespace

core::Result<FacilitationInput> GatherFacilitation(store::Store& store,
                                                   const core::Principal& facilitator,
                                                   const core::Incident& incident,
                                                   const core::TimelineOptions& options,
                                                   const std::string& view, int64_t generation,
                                                   TimelineCaches caches) {
  FacilitationInput input;
  input.incident = incident;
  DEBRIEF_ASSIGN_OR_RETURN(input.timeline, ReaderTimeline(store, facilitator, incident, options,
                                                          view, generation, caches));
  DEBRIEF_ASSIGN_OR_RETURN(input.decisions, store.decisions().List(incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(input.participant_names, ReadParticipantNames(store, incident));
  DEBRIEF_ASSIGN_OR_RETURN(input.work_as_done, store.work_as_done().List(incident.id));
  return input;
}

Facilitation Facilitate(const FacilitationInput& input, const language::Checker& checker) {
  const CachedTimeline& loaded = *input.timeline;
  const core::Incident& incident = input.incident;
  std::map<int64_t, std::string> names;
  for (const core::Participant& participant : loaded.participants) {
    names[participant.id] = participant.name;
  }
  language::CheckOptions check_options = CheckOptionsFor(loaded.participants);
  Facilitation facilitation;
  for (const core::TimelineItem& item : loaded.timeline.items) {
    if (item.kind != core::TimelineItemKind::kEntry) continue;
    const core::EntryInput& entry = loaded.entries[item.index];
    EntryReading reading = ReadEntry(checker, check_options, entry, loaded.participants);
    std::string author = names.contains(entry.participant_id) ? names[entry.participant_id] : "";
    if (auto prompt = core::PromptForEntry(entry.entry, author, reading.obvious)) {
      facilitation.questions.push_back({item.ref, entry.entry.at, entry.participant_id, *prompt});
    }
    for (CounterfactualCard& card : reading.counterfactuals) {
      if (facilitation.counterfactuals.size() >= kCardsInAll) break;
      ShowWhatTheyCouldKnow(loaded, input.decisions, card);
      facilitation.counterfactuals.push_back(std::move(card));
    }
  }
  for (const core::DecisionPoint& decision : input.decisions) {
    if (auto prompt = core::PromptForDecision(decision)) {
      facilitation.questions.push_back(
          {"decision:" + std::to_string(decision.id), decision.at, 0, *prompt});
    }
  }
  std::stable_sort(facilitation.questions.begin(), facilitation.questions.end(),
                   [](const ItemQuestion& a, const ItemQuestion& b) { return a.at < b.at; });
  facilitation.beliefs = BeliefsIn(loaded, names, input.participant_names);
  std::optional<core::Timestamp> began =
      incident.started_at ? incident.started_at : incident.detected_at;
  for (const core::WorkAsDone& record : input.work_as_done) {
    if (began && record.procedure_dated && *record.procedure_dated > *began) {
      facilitation.judged_later.push_back({record.id, record.procedure, *record.procedure_dated});
    }
  }
  return facilitation;
}

}  // namespace debrief::app
