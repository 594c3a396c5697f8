// What erasing a person does to a text: every way the text names them — a name they were known
// by (found by the anonymiser's rules: render/anonymise.h), an e-mail address of theirs —
// becomes their label, so the sentence still reads and the organisation's learning stays.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/anonymise.h"

namespace debrief::render {

class ErasureText {
 public:
  // `names`: every name the person was known by; `emails`: their addresses; `label`: what
  // stands in for them ("erased person 7"), written in lower case (a sentence opening with it,
  // or a field holding only it, gets its capital). `others`: everyone else's names, so that a
  // part the person shares with someone ("Lima" of "Ana Lima" and "Carlos Lima"), or another
  // person's address, stays as written. `handles`: names the admin says were theirs (a chat
  // handle), replaced wherever one stands as a whole word, in any case.
  ErasureText(std::vector<std::string> names, std::vector<std::string> emails, std::string label,
              const std::vector<std::string>& others = {}, std::vector<std::string> handles = {});

  // The text with the person replaced, or nothing when nothing in it names them.
  std::optional<std::string> Text(std::string_view text) const;

  // A JSON document with every string in it rewritten as Text does (object keys are the
  // format's, never a person's), or nothing when none names them. Text that is not JSON is
  // rewritten as text.
  std::optional<std::string> Json(std::string_view json) const;

 private:
  // Whole occurrences of `needle` (an address, a handle), in any case of its ASCII letters,
  // replaced by the label.
  std::string ReplaceWhole(std::string_view text, std::string_view needle) const;

  std::vector<std::string> emails_;
  std::vector<std::string> handles_;
  std::string label_;
  Anonymiser anonymiser_;
};

}  // namespace debrief::render
