// Sentences as the learned classifier reads them: a text's tokens split into sentences, each
// written as one line of folded words in which what varies from team to team and carries no
// blame is replaced by a placeholder: a person's name ("xname"), a quotation ("xquote"), a
// number ("0"). Pronouns and roles stay: "I" and "the reviewer" read differently.
//
// The same function writes the training lines (tools/train_language_model) and the lines the
// checker classifies, so the model sees at run time what it learned from.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "language/context.h"
#include "language/text.h"

namespace debrief::language {

struct SentenceFeatures {
  size_t first = 0;  // Tokens [first, end) of the sentence.
  size_t end = 0;
  std::string line;  // Space-separated features; empty when the sentence has no words.
  size_t words = 0;
  // A sentence of prose: five words or more, a verb that makes it a clause, not a table row. The
  // classifier learned from sentences; labels, list fragments and table cells are left to the
  // rules.
  bool prose = false;
  // The clause reader found a passive that leaves out who acted: "the checklist wasn't followed".
  bool agentless_passive = false;
};

// At most this many tokens per sentence: a chat log without full stops is read in pieces.
inline constexpr size_t kMaxSentenceTokens = 64;

// A feature that stands for something ("xname", "xquote") or marks a reading of the clause
// reader ("xagentperson": a person does what the verb says), rather than a word of the text.
bool IsPlaceholder(std::string_view feature);

std::vector<SentenceFeatures> ReadSentenceFeatures(const std::vector<Token>& tokens,
                                                   const detail::Context& context);

}  // namespace debrief::language
