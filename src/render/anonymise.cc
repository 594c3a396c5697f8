#include "render/anonymise.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "language/common_words.h"
#include "language/text.h"

namespace debrief::render {

namespace detail {
// A word of the text, or a hyphen-separated part of one ("Priya-Marcus handover").
struct TextPiece {
  size_t begin = 0;
  size_t end = 0;
  std::string folded;
  bool capitalised = false;
};
}  // namespace detail

namespace {

constexpr size_t kShared = SIZE_MAX;  // A name or part that belongs to more than one person.
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

// Code points of `text`; malformed bytes read as U+FFFD.
std::vector<char32_t> CodePoints(std::string_view text) {
  std::vector<char32_t> codes;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t code = 0;
    utf8proc_ssize_t length = utf8proc_iterate(bytes, remaining, &code);
    if (length <= 0) {
      code = 0xFFFD;
      length = 1;
    }
    codes.push_back(static_cast<char32_t>(code));
    bytes += length;
    remaining -= length;
  }
  return codes;
}

// Scripts written without spaces between words, where a name sits inside a longer run of
// letters: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar.
bool IsUnspacedScript(char32_t code) {
  return (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0x3400 && code <= 0x4DBF) ||
         (code >= 0x20000 && code <= 0x2FFFF) || (code >= 0x3040 && code <= 0x30FF) ||
         (code >= 0x0E00 && code <= 0x0EFF) || (code >= 0x1780 && code <= 0x17FF) ||
         (code >= 0x1000 && code <= 0x109F) || (code >= 0xF900 && code <= 0xFAFF);
}

// Whether a word starts the way a name does: with a capital, or in a script that has no case.
bool StartsLikeAName(std::string_view word) {
  std::vector<char32_t> codes = CodePoints(word.substr(0, std::min<size_t>(word.size(), 4)));
  if (codes.empty()) return false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(codes.front()))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

using Piece = detail::TextPiece;

std::vector<Piece> Pieces(std::string_view text) {
  std::vector<Piece> pieces;
  for (const language::Token& token : language::Tokenize(text)) {
    if (!token.is_word || token.folded == "'s") continue;
    size_t start = token.begin;
    for (size_t index = token.begin; index <= token.end; ++index) {
      if (index == token.end || text[index] == '-') {
        if (index > start) {
          std::string_view word = text.substr(start, index - start);
          pieces.push_back({start, index, language::Fold(word), StartsLikeAName(word)});
        }
        start = index + 1;
      }
    }
  }
  return pieces;
}

// Between two parts of one name: spaces, tabs, no-break spaces or a hyphen, nothing else; after
// an initial ("J. R. Okonkwo") also its full stop.
bool OnlySeparatorsBetween(std::string_view text, size_t from, size_t to,
                           bool after_initial = false) {
  if (from > to) return false;
  std::string_view between = text.substr(from, to - from);
  if (after_initial && between.starts_with('.')) between.remove_prefix(1);
  if (between == "\u00a0") return true;
  return std::all_of(between.begin(), between.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '-'; });
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

// Whether piece `index` sits among capitalised words ("What Will Change", "Network Operations"),
// where a capital says nothing about a name. A capital that opens the sentence does not count.
bool InCapitalisedRun(std::string_view text, const std::vector<Piece>& pieces, size_t index) {
  if (index > 0 && OnlySeparatorsBetween(text, pieces[index - 1].end, pieces[index].begin) &&
      pieces[index - 1].capitalised && !OpensSentence(text, pieces[index - 1].begin)) {
    return true;
  }
  return index + 1 < pieces.size() &&
         OnlySeparatorsBetween(text, pieces[index].end, pieces[index + 1].begin) &&
         pieces[index + 1].capitalised;
}

// An everyday word standing alone for a person ("Bob", or "Will" when Will is someone's whole
// name) must look like a name where it stands: capitalised among lower-case words, and not a
// function word opening a sentence ("Will it hold?").
bool ReadsAsAName(std::string_view text, const std::vector<Piece>& pieces, size_t index) {
  if (!pieces[index].capitalised || InCapitalisedRun(text, pieces, index)) return false;
  return !OpensSentence(text, pieces[index].begin) ||
         !language::IsFunctionWord(pieces[index].folded);
}

// Written with no lower-case letter ("BOB"): emphasis, which keeps a name a name.
bool AllCapitals(std::string_view word) {
  for (char32_t code : CodePoints(word)) {
    if (utf8proc_category(static_cast<utf8proc_int32_t>(code)) == UTF8PROC_CATEGORY_LL) {
      return false;
    }
  }
  return true;
}

// Letters, marks, spaces, hyphens, apostrophes and full stops: what people's names are made of.
// A "name" with markup or code in it ("<img src=x>") is someone being hostile, and its parts
// count only where they are written as names.
bool LooksLikeAName(std::string_view name) {
  for (char32_t code : CodePoints(name)) {
    if (code == ' ' || code == '-' || code == '\'' || code == '.' || code == 0x2019 ||
        code == 0xA0) {
      continue;
    }
    utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(code));
    if (category < UTF8PROC_CATEGORY_LU || category > UTF8PROC_CATEGORY_ME) return false;
  }
  return true;
}

struct Replacement {
  size_t begin = 0;
  size_t end = 0;
  size_t person = 0;
};

bool IsEmailLocalChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' ||
         c == '+' || c == '-';
}
bool IsEmailDomainChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

// Email addresses in the text: [begin, end) and the local part's words ("olu.adeyemi" gives "olu"
// and "adeyemi"), folded.
struct EmailAddress {
  size_t begin = 0;
  size_t end = 0;
  std::vector<std::string> local_words;
};

std::vector<EmailAddress> EmailAddresses(std::string_view text) {
  std::vector<EmailAddress> addresses;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    size_t begin = at;
    while (begin > 0 && IsEmailLocalChar(text[begin - 1])) --begin;
    size_t end = at + 1;
    while (end < text.size() && IsEmailDomainChar(text[end])) ++end;
    while (end > at + 1 && text[end - 1] == '.') --end;  // The sentence's full stop.
    std::string_view domain = text.substr(at + 1, end - at - 1);
    if (begin == at || domain.find('.') == std::string_view::npos) continue;
    EmailAddress address{begin, end, {}};
    std::string_view local = text.substr(begin, at - begin);
    size_t start = 0;
    for (size_t index = 0; index <= local.size(); ++index) {
      if (index == local.size() || !std::isalnum(static_cast<unsigned char>(local[index]))) {
        if (index > start)
          address.local_words.push_back(language::Fold(local.substr(start, index - start)));
        start = index + 1;
      }
    }
    addresses.push_back(std::move(address));
  }
  return addresses;
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
  std::set<std::pair<size_t, std::string>> added;  // Each person's names, once.
  for (const core::Participant& participant : ordered) {
    std::string label(RoleLabel(participant.role));
    if (role_counts[participant.role] > 1) label += " " + Letter(role_seen[participant.role]++);
    size_t person = labels_.size();
    labels_.push_back(std::move(label));
    by_participant_[participant.id] = person;
    if (participant.user_id) by_user_[*participant.user_id] = person;
    AddName(participant.name, person);
    added.emplace(person, participant.name);
  }
  // Everyone else in the directory is a colleague, lettered by user id. A user who already has
  // a label (a participant, or listed twice under names of different days) keeps it, and the
  // name the directory gives is matched too: a participant entered as "Al" is still found as
  // "Alice Smith".
  std::vector<DirectoryPerson> others = directory;
  std::stable_sort(others.begin(), others.end(),
                   [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
  size_t colleagues = 0;
  for (const DirectoryPerson& other : others) {
    auto known = by_user_.find(other.user_id);
    size_t person = 0;
    if (known != by_user_.end()) {
      person = known->second;
    } else {
      person = labels_.size();
      labels_.push_back("colleague " + Letter(colleagues++));
      by_user_[other.user_id] = person;
    }
    if (added.emplace(person, other.name).second) AddName(other.name, person);
  }
}

Anonymiser::Anonymiser(const std::vector<LabelledPerson>& people) : keep_shared_(true) {
  for (const LabelledPerson& labelled : people) {
    size_t person = labels_.size();
    labels_.push_back(labelled.label);
    std::set<std::string> added;
    for (const std::string& name : labelled.names) {
      if (added.insert(name).second) AddName(name, person);
    }
  }
}

bool Anonymiser::Replaces(size_t person) const {
  return person == kShared ? !keep_shared_ : !labels_[person].empty();
}

void Anonymiser::AddName(const std::string& name, size_t person) {
  PersonName person_name{{}, person, false};
  bool name_like = LooksLikeAName(name);
  int not_words = 0;
  int rare_words = 0;
  for (const Piece& piece : Pieces(name)) {
    std::string written = name.substr(piece.begin, piece.end - piece.begin);
    std::vector<char32_t> codes = CodePoints(piece.folded);
    bool letter_only = codes.size() < 2;
    language::WordKind kind = language::IsNameParticle(piece.folded)
                                  ? language::WordKind::kFrequentWord
                                  : language::ClassifyWord(piece.folded);
    if (!letter_only && kind != language::WordKind::kFrequentWord) {
      bool not_a_word = kind == language::WordKind::kNotAWord;
      (not_a_word ? not_words : rare_words) += 1;
      auto [part, inserted] =
          parts_.try_emplace(piece.folded, Part{person, not_a_word, not_a_word && name_like});
      if (!inserted && part->second.person != person) part->second.person = kShared;
      part->second.in_any_case = part->second.in_any_case || (not_a_word && name_like);
      if (not_a_word && std::all_of(codes.begin(), codes.end(), IsUnspacedScript)) {
        unspaced_.push_back({piece.folded, person});
      }
    }
    person_name.pieces.push_back({piece.folded, std::move(written), letter_only});
  }
  person_name.distinctive = not_words > 0 || rare_words > 1;
  if (person_name.pieces.empty()) return;
  // Two people with the same name: the name says "a participant", never the wrong person.
  for (PersonName& existing : names_) {
    if (existing.person == person || existing.pieces.size() != person_name.pieces.size()) continue;
    if (std::equal(existing.pieces.begin(), existing.pieces.end(), person_name.pieces.begin(),
                   [](const NamePiece& a, const NamePiece& b) { return a.folded == b.folded; })) {
      existing.person = kShared;
      return;
    }
  }
  names_by_first_[person_name.pieces.front().folded].push_back(names_.size());
  names_.push_back(std::move(person_name));
}

std::optional<size_t> Anonymiser::WholeTextName(std::string_view text,
                                                const std::vector<Piece>& pieces) const {
  auto candidates = names_by_first_.find(pieces.front().folded);
  if (candidates == names_by_first_.end()) return std::nullopt;
  for (size_t name_index : candidates->second) {
    const PersonName& name = names_[name_index];
    if (name.pieces.size() != pieces.size()) continue;
    bool same = true;
    for (size_t index = 0; same && index < pieces.size(); ++index) {
      same = pieces[index].folded == name.pieces[index].folded &&
             (index == 0 || OnlySeparatorsBetween(text, pieces[index - 1].end, pieces[index].begin,
                                                  name.pieces[index - 1].initial));
    }
    if (same) return name.person;
  }
  return std::nullopt;
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
  if (names_.empty()) return std::string(text);
  std::vector<Piece> pieces = Pieces(text);
  if (pieces.empty()) return std::string(text);
  // A field that holds a name and nothing else ("actor": "Bob") is that person, however
  // ordinary the name is as a word.
  if (std::string_view rest = text.substr(pieces.back().end);
      std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pieces.front().begin),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); }) &&
      std::all_of(rest.begin(), rest.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    if (auto person = WholeTextName(text, pieces)) {
      if (!Replaces(*person)) return std::string(text);
      std::string label(*person == kShared ? kSharedLabel : std::string_view(labels_[*person]));
      label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
      return std::string(text.substr(0, pieces.front().begin)) + label + std::string(rest);
    }
  }
  std::vector<Replacement> replacements;
  // An address whose local part holds a name ("olu.adeyemi@example.com") names its person whole.
  size_t email_end = 0;
  std::vector<Replacement> emails;
  if (text.find('@') != std::string_view::npos) {
    for (const EmailAddress& address : EmailAddresses(text)) {
      for (const std::string& word : address.local_words) {
        if (auto part = parts_.find(word); part != parts_.end()) {
          emails.push_back({address.begin, address.end, part->second.person});
          break;
        }
      }
    }
  }
  auto next_email = emails.begin();
  for (size_t first = 0; first < pieces.size(); ++first) {
    while (next_email != emails.end() && next_email->end <= pieces[first].begin) ++next_email;
    if (next_email != emails.end() && next_email->begin <= pieces[first].begin) {
      email_end = next_email->end;
    }
    if (pieces[first].begin < email_end) continue;  // Inside an address replaced whole.
    // The longest whole name starting here.
    size_t matched_end = first;
    size_t matched_person = 0;
    if (auto candidates = names_by_first_.find(pieces[first].folded);
        candidates != names_by_first_.end()) {
      for (size_t name_index : candidates->second) {
        const PersonName& name = names_[name_index];
        size_t end = first + name.pieces.size();
        if (end > pieces.size() || end <= matched_end) continue;
        bool same = true;
        bool same_capitals = true;
        for (size_t offset = 0; same && offset < name.pieces.size(); ++offset) {
          const Piece& piece = pieces[first + offset];
          same =
              piece.folded == name.pieces[offset].folded &&
              (offset == 0 || OnlySeparatorsBetween(text, pieces[first + offset - 1].end,
                                                    piece.begin, name.pieces[offset - 1].initial));
          std::string_view written = text.substr(piece.begin, piece.end - piece.begin);
          same_capitals =
              same_capitals && (written == name.pieces[offset].written || AllCapitals(written));
        }
        if (!same) continue;
        if (!name.distinctive &&
            (!same_capitals || (name.pieces.size() == 1 && !ReadsAsAName(text, pieces, first)))) {
          continue;
        }
        matched_end = end;
        matched_person = name.person;
      }
    }
    if (matched_end > first) {
      replacements.push_back({pieces[first].begin, pieces[matched_end - 1].end, matched_person});
      first = matched_end - 1;
      continue;
    }
    // A part of someone's name written as a name, mentioned ("@dana"), or no word at all.
    bool mentioned = pieces[first].begin > 0 && text[pieces[first].begin - 1] == '@';
    auto part = parts_.find(pieces[first].folded);
    bool as_name = part != parts_.end() && pieces[first].capitalised &&
                   (part->second.not_a_word || !InCapitalisedRun(text, pieces, first));
    if (part != parts_.end() && (part->second.in_any_case || as_name || mentioned)) {
      replacements.push_back({pieces[first].begin, pieces[first].end, part->second.person});
      continue;
    }
    // A name inside a longer run of a script without spaces.
    for (const UnspacedPiece& unspaced : unspaced_) {
      std::string_view word =
          text.substr(pieces[first].begin, pieces[first].end - pieces[first].begin);
      for (size_t at = word.find(unspaced.folded); at != std::string_view::npos;
           at = word.find(unspaced.folded, at + unspaced.folded.size())) {
        size_t begin = pieces[first].begin + at;
        replacements.push_back({begin, begin + unspaced.folded.size(), unspaced.person});
      }
    }
  }
  replacements.insert(replacements.end(), emails.begin(), emails.end());
  if (replacements.empty()) return std::string(text);
  std::sort(replacements.begin(), replacements.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (const Replacement& replacement : replacements) {
    if (replacement.begin < copied) continue;     // Two unspaced names overlapping: the first wins.
    if (!Replaces(replacement.person)) continue;  // Someone else's, or shared: as written.
    std::string label(replacement.person == kShared
                          ? kSharedLabel
                          : std::string_view(labels_[replacement.person]));
    if (OpensSentence(text, replacement.begin)) {
      label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    }
    out.append(text.substr(copied, replacement.begin - copied));
    out += label;
    copied = replacement.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace debrief::render
