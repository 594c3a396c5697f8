// Snippets of a search hit, made from its text the way FTS5's snippet() makes them (which costs
// a query per hit): per section, the window of a dozen terms that holds the most of what was
// searched for, with each match marked. Phrases are marked only where all their words occur in
// a row.
#pragma once

#include <vector>

#include "search/library_text.h"
#include "search/postings.h"
#include "search/term_dictionary.h"

namespace debrief::search {

class SnippetMaker {
 public:
  // `terms` as TermDictionary::Compile gives them; excluded terms are never marked. Reads the
  // dictionary only, with the calling thread's own tokenizer.
  SnippetMaker(const TermDictionary& dictionary, const Tokenizer& tokenizer,
               const std::vector<QueryTerm>& terms);

  // One snippet per section that matches, in section order, looking only in the sections whose
  // bit is set in `where` (LibraryPostings::SectionsWithTerms).
  std::vector<LibrarySnippet> Make(const LibraryPostings::Sections& sections, uint32_t where);

 private:
  std::optional<LibrarySnippet> MakeOne(std::string_view text);

  const TermDictionary& dictionary_;
  const Tokenizer& tokenizer_;
  std::vector<const QueryTerm*> terms_;
  std::optional<TermDictionary::Initials> initials_;  // Of terms_.
  std::vector<Token> tokens_;                         // Scratch.
  std::string lowered_;                               // Scratch.
};

}  // namespace debrief::search
