// Anonymised reading of an incident: every person is shown by a stable role label ("on-call
// engineer A", "incident commander") instead of their name, in fields that name them and inside
// free text. Leadership reads what happened and why without anyone being singled out.
//
// Labels come from participants' roles, lettered in participant order when a role is shared, so
// the same person has the same label everywhere in the incident. People from the user directory
// who are not participants but are mentioned ("asked Dana from the DBA team") become
// "colleague A", "colleague B".
//
// Free text is matched word by word after Unicode folding, so "PRIYA", "priya" and "Priya's"
// (the possessive keeps its "'s") are all found. Matching leans towards hiding: a name that is
// also a word ("Will") is replaced wherever the word appears, because a leaked name costs more
// than an odd sentence.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/participant.h"

namespace debrief::render {

struct DirectoryPerson {
  int64_t user_id = 0;
  std::string name;
};

class Anonymiser {
 public:
  Anonymiser(const std::vector<core::Participant>& participants,
             const std::vector<DirectoryPerson>& directory);

  // The label of a participant, or of a user (a participant's user, else a directory person).
  std::optional<std::string> LabelForParticipant(int64_t participant_id) const;
  std::optional<std::string> LabelForUser(int64_t user_id) const;

  // The text with every known name replaced by its person's label.
  std::string Text(std::string_view text) const;

 private:
  struct NameWords {
    std::vector<std::string> words;  // Folded words of the full name, in order.
    size_t person = 0;               // Index into labels_.
  };

  std::vector<std::string> labels_;
  std::map<int64_t, size_t> by_participant_;
  std::map<int64_t, size_t> by_user_;
  std::vector<NameWords> names_;
  // Folded single word -> the person it names, or SIZE_MAX when several people share it.
  std::map<std::string, size_t, std::less<>> word_owner_;
};

}  // namespace debrief::render
