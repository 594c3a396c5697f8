// Anonymised reading of an incident: every person is shown by a stable role label ("on-call
// engineer A", "incident commander") instead of their name, in fields that name them and inside
// free text. Leadership reads what happened and why without anyone being singled out.
//
// Labels come from participants' roles, lettered in participant order when a role is shared, so
// the same person has the same label everywhere in the incident. People from the user directory
// who are not participants but are mentioned ("asked Dana from the DBA team") become
// "colleague A", "colleague B".
//
// Free text is matched after Unicode folding, on whole words only (never inside another word),
// so "PRIYA", "priya" and "Priya's" (the possessive keeps its "'s") are all found:
// - A field holding a whole name and nothing else ("actor": "Bob") is that person.
// - A whole name ("Priya Raman", "Dana from the network vendor") is replaced wherever it appears,
//   in any case when it is distinctive (a part that is no word, or two rare words: "bob smith");
//   other names ("Will Park", "Bob") only when written with their capitals (or in capitals), and
//   a one-word one only where it reads as a name: not among capitalised words ("What Will
//   Change") and not as a function word opening a sentence ("Will it hold?").
// - A part of a name on its own only where it can only mean that person. A part that is no
//   word at all ("Raman", "Okonkwo") is found in any case when the name is made of letters (chat
//   is typed in lower case), but the parts of a "name" holding markup or code ("<img src=x
//   onerror=alert(1)>") only where written as names: capitalised, or mentioned ("@dana"). A part
//   that is a rare word ("Smith", "Bob") only when capitalised outside a run of capitalised words.
//   A frequent word ("Will" and "Park" of "Will Park", "Brown"), a particle ("van", "de") or a
//   single letter never on its own (language/common_words.h tells the kinds apart).
// - An email address whose local part holds a distinctive part ("olu.adeyemi@example.com") is
//   replaced whole.
// - Names in scripts written without spaces (Chinese, Japanese, Thai) are found inside longer
//   runs of their script, since there are no word boundaries to wait for.
// So "the", "will", "alert" or "src" stay as they are even when someone's name contains them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/participant.h"

namespace debrief::render {

namespace detail {
struct TextPiece;  // A word of a text being anonymised (anonymise.cc).
}  // namespace detail

struct DirectoryPerson {
  int64_t user_id = 0;
  std::string name;
};

// One person under a label of the caller's choosing, by every name they were known by (erasing a
// person: render/erasure_text.h). An empty label keeps the person as written: they are known
// only so that what their names share with others' is told apart ("Lima" of "Carlos Lima" is
// not "Ana Lima"'s).
struct LabelledPerson {
  std::vector<std::string> names;
  std::string label;
};

class Anonymiser {
 public:
  Anonymiser(const std::vector<core::Participant>& participants,
             const std::vector<DirectoryPerson>& directory);
  // The people given, each under their own label, by the same rules; a name or part that several
  // of them share, and the names of people with no label, stay as written.
  explicit Anonymiser(const std::vector<LabelledPerson>& people);

  // The label of a participant, or of a user (a participant's user, else a directory person).
  std::optional<std::string> LabelForParticipant(int64_t participant_id) const;
  std::optional<std::string> LabelForUser(int64_t user_id) const;

  // The text with every known name replaced by its person's label.
  std::string Text(std::string_view text) const;

 private:
  struct NamePiece {
    std::string folded;
    std::string written;   // As the name spells it, for names that match only with their capitals.
    bool initial = false;  // A single letter ("J" of "J. R. Okonkwo").
  };
  struct PersonName {
    std::vector<NamePiece> pieces;
    size_t person = 0;  // Index into labels_.
    // Some piece is not an everyday word, so the name means its person however it is written.
    bool distinctive = false;
  };
  struct Part {
    size_t person = 0;  // kShared when several people's names hold it.
    // Not a word at all ("Okonkwo"), rather than a rare one ("Smith"), which needs its capital.
    bool not_a_word = false;
    // Found in lower case too: not a word, from a name made of letters rather than markup.
    bool in_any_case = false;
  };
  // A name piece in a script without spaces, searched for inside longer words.
  struct UnspacedPiece {
    std::string folded;
    size_t person = 0;
  };

  void AddName(const std::string& name, size_t person);
  // The person whose whole name `pieces` (all of `text`'s words) spell, if any.
  std::optional<size_t> WholeTextName(std::string_view text,
                                      const std::vector<detail::TextPiece>& pieces) const;

  // Whether a replacement of `person` (or kShared) is made at all.
  bool Replaces(size_t person) const;

  std::vector<std::string> labels_;
  // Names and parts shared by several people stay as written rather than become "a participant".
  bool keep_shared_ = false;
  std::map<int64_t, size_t> by_participant_;
  std::map<int64_t, size_t> by_user_;
  std::vector<PersonName> names_;
  // Indexes of names_ by their first folded piece.
  std::map<std::string, std::vector<size_t>, std::less<>> names_by_first_;
  std::map<std::string, Part, std::less<>> parts_;
  std::vector<UnspacedPiece> unspaced_;
};

}  // namespace debrief::render
