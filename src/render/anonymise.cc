#include "render/anonymise.h"

#include <algorithm>
#include <cctype>

#include "language/text.h"

namespace debrief::render {
namespace {

constexpr size_t kShared = SIZE_MAX;  // A word that belongs to more than one person.
constexpr std::string_view kSharedLabel = "a participant";

std::string_view RoleLabel(core::ParticipantRole role) {
  switch (role) {
    case core::ParticipantRole::kOnCall:
      return "on-call engineer";
    case core::ParticipantRole::kIncidentCommander:
      return "incident commander";
    case core::ParticipantRole::kResponder:
      return "responder";
    case core::ParticipantRole::kSubjectMatterExpert:
      return "subject-matter expert";
    case core::ParticipantRole::kSupport:
      return "support engineer";
    case core::ParticipantRole::kObserver:
      return "observer";
  }
  return "participant";
}

std::string Letter(size_t index) {
  std::string letters;
  do {
    letters.insert(letters.begin(), static_cast<char>('A' + index % 26));
    index = index / 26;
  } while (index-- > 0);
  return letters;
}

// A word of the text, or a hyphen-separated part of one ("Priya-Marcus handover").
struct Piece {
  size_t begin = 0;
  size_t end = 0;
  std::string folded;
};

std::vector<Piece> Pieces(std::string_view text) {
  std::vector<Piece> pieces;
  for (const language::Token& token : language::Tokenize(text)) {
    if (!token.is_word || token.folded == "'s") continue;
    size_t start = token.begin;
    for (size_t index = token.begin; index <= token.end; ++index) {
      if (index == token.end || text[index] == '-') {
        if (index > start) {
          pieces.push_back({start, index, language::Fold(text.substr(start, index - start))});
        }
        start = index + 1;
      }
    }
  }
  return pieces;
}

bool OnlySpacesBetween(std::string_view text, size_t from, size_t to) {
  return from <= to && std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                                   text.begin() + static_cast<std::ptrdiff_t>(to),
                                   [](char c) { return c == ' ' || c == '\t'; });
}

// Whether a replacement at `position` opens a sentence (and its label takes a capital).
bool OpensSentence(std::string_view text, size_t position) {
  while (position > 0 && (text[position - 1] == ' ' || text[position - 1] == '\t')) --position;
  if (position == 0) return true;
  char before = text[position - 1];
  if (before == '.' || before == '!' || before == '?' || before == '\n') return true;
  // A Markdown list item, heading or quote marker at the start of its line.
  if (before != '-' && before != '*' && before != '#' && before != '>') return false;
  size_t marker = position - 1;
  while (marker > 0 && text[marker - 1] != '\n') {
    char c = text[marker - 1];
    if (c != ' ' && c != '#' && c != '>') return false;
    --marker;
  }
  return true;
}

}  // namespace

Anonymiser::Anonymiser(const std::vector<core::Participant>& participants,
                       const std::vector<DirectoryPerson>& directory) {
  std::vector<core::Participant> ordered = participants;
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  std::map<core::ParticipantRole, size_t> role_counts;
  for (const core::Participant& participant : ordered) ++role_counts[participant.role];
  std::map<core::ParticipantRole, size_t> role_seen;
  auto add_name = [&](const std::string& name, size_t person) {
    NameWords words{{}, person};
    for (const Piece& piece : Pieces(name)) {
      if (piece.folded.size() < 2) continue;
      words.words.push_back(piece.folded);
      auto [owner, inserted] = word_owner_.try_emplace(piece.folded, person);
      if (!inserted && owner->second != person) owner->second = kShared;
    }
    if (!words.words.empty()) names_.push_back(std::move(words));
  };
  for (const core::Participant& participant : ordered) {
    std::string label(RoleLabel(participant.role));
    if (role_counts[participant.role] > 1) label += " " + Letter(role_seen[participant.role]++);
    size_t person = labels_.size();
    labels_.push_back(std::move(label));
    by_participant_[participant.id] = person;
    if (participant.user_id) by_user_[*participant.user_id] = person;
    add_name(participant.name, person);
  }
  std::vector<DirectoryPerson> others;
  for (const DirectoryPerson& person : directory) {
    if (!by_user_.contains(person.user_id)) others.push_back(person);
  }
  std::sort(others.begin(), others.end(),
            [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
  for (const DirectoryPerson& other : others) {
    size_t person = labels_.size();
    labels_.push_back("colleague " + Letter(person - ordered.size()));
    by_user_[other.user_id] = person;
    add_name(other.name, person);
  }
}

std::optional<std::string> Anonymiser::LabelForParticipant(int64_t participant_id) const {
  auto found = by_participant_.find(participant_id);
  if (found == by_participant_.end()) return std::nullopt;
  return labels_[found->second];
}

std::optional<std::string> Anonymiser::LabelForUser(int64_t user_id) const {
  auto found = by_user_.find(user_id);
  if (found == by_user_.end()) return std::nullopt;
  return labels_[found->second];
}

std::string Anonymiser::Text(std::string_view text) const {
  if (word_owner_.empty()) return std::string(text);
  std::vector<Piece> pieces = Pieces(text);
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (size_t first = 0; first < pieces.size(); ++first) {
    auto owner = word_owner_.find(pieces[first].folded);
    if (owner == word_owner_.end()) continue;
    // The longest run of one person's full name ("Priya Raman"), else the single word.
    size_t person = owner->second;
    size_t last = first;
    for (const NameWords& name : names_) {
      auto start = std::find(name.words.begin(), name.words.end(), pieces[first].folded);
      if (start == name.words.end()) continue;
      size_t run = first;
      for (auto word = start + 1; word != name.words.end() && run + 1 < pieces.size(); ++word) {
        if (pieces[run + 1].folded != *word ||
            !OnlySpacesBetween(text, pieces[run].end, pieces[run + 1].begin)) {
          break;
        }
        ++run;
      }
      if (run > last || (run == last && run > first)) {
        last = run;
        person = name.person;
      }
    }
    std::string label(person == kShared ? kSharedLabel : std::string_view(labels_[person]));
    if (OpensSentence(text, pieces[first].begin)) {
      label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    }
    out.append(text.substr(copied, pieces[first].begin - copied));
    out += label;
    copied = pieces[last].end;
    first = last;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace debrief::render
