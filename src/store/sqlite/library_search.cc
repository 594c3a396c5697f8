// LibraryIndex's searches: words matched and ranked by the posting lists, phrases by FTS5, filters
// and facets over the in-memory entries, and the shown hits' snippets.
#include "store/sqlite/library_index.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <string_view>

#include "store/columns.h"
#include "store/sqlite/library_sql.h"
#include "store/sqlite/write_scope.h"

namespace debrief::store::sqlite {

using namespace library_sql;

std::string FtsExpression(const std::vector<LibraryTerm>& terms) {
  std::string include;
  std::string exclude;
  for (const LibraryTerm& term : terms) {
    std::string words;
    for (const std::string& word : term.words) {
      if (word.empty()) continue;
      words += (words.empty() ? "" : " ") + word;
    }
    if (words.empty()) continue;
    std::string phrase = Quoted(words) + (term.prefix ? "*" : "");
    if (term.exclude) {
      exclude += " NOT " + phrase;
    } else {
      include += (include.empty() ? "" : " ") + phrase;
    }
  }
  if (include.empty()) return "";
  return exclude.empty() ? include : "(" + include + ")" + exclude;
}

Result<std::vector<uint32_t>> LibraryIndex::PhraseEntries(const LibraryTerm& term, bool anonymised,
                                                          Connection& connection) const {
  LibraryTerm included = term;
  included.exclude = false;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection.Prepare(ForTable(kPhrase, anonymised)));
  statement->Bind(1, std::string_view(FtsExpression({included})));
  std::vector<uint32_t> entries;
  size_t hint = 0;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    if (std::optional<uint32_t> position = PositionOf(statement->Int64(0), hint)) {
      entries.push_back(*position);
    }
  }
  statement->Reset();
  return entries;
}

LibraryHit LibraryIndex::HitFor(const Entry& entry, bool anonymised, double score) const {
  LibraryHit hit;
  hit.incident_id = entry.incident_id;
  hit.key = entry.key;
  hit.title = anonymised ? entry.anonymised_title : entry.title;
  hit.severity = dictionaries_[kSeverity].At(entry.severity);
  for (uint32_t id : entry.services) hit.services.push_back(dictionaries_[kService].At(id));
  for (uint32_t id : entry.tags) hit.tags.push_back(dictionaries_[kTag].At(id));
  for (uint32_t id : entry.categories) {
    hit.factor_categories.push_back(dictionaries_[kCategory].At(id));
  }
  hit.started_at = entry.started_at;
  hit.published_at = entry.published_at;
  hit.version = entry.version;
  hit.score = score;
  return hit;
}

Result<void> LibraryIndex::AddSnippets(SnippetMaker& maker, uint32_t where, bool anonymised,
                                       Connection& connection, LibraryHit& hit) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection.Prepare(ForTable(kHitText, anonymised)));
  statement->Bind(1, hit.incident_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (found) {
    LibraryPostings::Sections sections;
    for (size_t index = 0; index < sections.size(); ++index) {
      sections[index] = statement->Text(static_cast<int>(index));
    }
    hit.snippets = maker.Make(sections, where);
    hit.summary = std::string(Utf8Prefix(sections[1], kSummaryCharacters));
  }
  statement->Reset();
  std::vector<LibrarySnippet>& snippets = hit.snippets;
  // The title is shown anyway: its snippet is kept only when nothing else matched.
  if (snippets.size() > 1 && snippets.front().section == std::string_view("title")) {
    snippets.erase(snippets.begin());
  }
  if (snippets.size() > 3) snippets.resize(3);
  return core::Ok();
}

Result<std::string> LibraryIndex::Summary(int64_t incident_id, bool anonymised,
                                          Connection& connection) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection.Prepare(ForTable(kSummary, anonymised)));
  statement->Bind(1, incident_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  std::string summary =
      found ? std::string(Utf8Prefix(statement->Text(0), kSummaryCharacters)) : std::string();
  statement->Reset();
  return summary;
}

Result<void> LibraryIndex::MatchText(const LibraryQuery& query,
                                     const std::vector<QueryTerm>& compiled, Reader& reader) const {
  const LibraryPostings& postings = *postings_[query.anonymised];
  return postings.Search(
      query.terms, compiled,
      [&](const LibraryTerm& term) {
        return PhraseEntries(term, query.anonymised, reader.connection_);
      },
      reader.scratch_, reader.found_);
}

LibraryFacets::Filters LibraryIndex::FiltersOf(const LibraryFilters& given) const {
  LibraryFacets::Filters filters;
  auto compile = [&](Facet facet, const std::vector<std::string>& values) {
    if (values.empty()) return;
    std::vector<uint32_t>& allowed = filters.allowed[facet].emplace();
    for (const std::string& value : values) {
      if (auto id = dictionaries_[facet].Find(value)) allowed.push_back(*id);
    }
  };
  compile(kSeverity, given.severities);
  compile(kService, given.services);
  compile(kCategory, given.factor_categories);
  compile(kTag, given.tags);
  if (given.started_from) filters.from_day = DayNumber(*given.started_from);
  if (given.started_to) filters.to_day = DayNumber(*given.started_to);
  return filters;
}

std::vector<LibraryPostings::Match> LibraryIndex::Best(
    const std::vector<LibraryPostings::Match>& found, const LibraryFacets::Selection& selection,
    bool by_relevance, size_t wanted) const {
  auto before = [&](const LibraryPostings::Match& a, const LibraryPostings::Match& b) {
    if (by_relevance && a.score != b.score) return a.score > b.score;
    return recency_[a.entry] > recency_[b.entry];
  };
  // A candidate is kept only when it beats the worst of those kept so far (the bar), which is
  // raised each time the kept ones fill a buffer twice the page; the filters are asked only
  // about candidates that clear it. Later positions hold newer entries, so going from the back
  // lets newest-first orders and ties settle after the first page's worth, where a heap of the
  // best so far would be replaced at almost every step.
  std::vector<LibraryPostings::Match> best;
  if (wanted == 0) return best;
  best.reserve(2 * wanted);
  std::optional<LibraryPostings::Match> bar;
  for (auto match = found.rbegin(); match != found.rend(); ++match) {
    // Most candidates fall below the bar on score alone: that test is kept inline.
    if (bar && ((by_relevance && match->score < bar->score) || !before(*match, *bar))) continue;
    if (!selection.Passes(match->entry)) continue;
    best.push_back(*match);
    if (best.size() == 2 * wanted) {
      std::nth_element(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(wanted - 1),
                       best.end(), before);
      best.resize(wanted);
      bar = best.back();
    }
  }
  std::sort(best.begin(), best.end(), before);
  if (best.size() > wanted) best.resize(wanted);
  return best;
}

std::vector<LibraryPostings::Match> LibraryIndex::Newest(const LibraryFacets::Selection& selection,
                                                         size_t wanted) const {
  std::vector<LibraryPostings::Match> newest;
  for (auto position = by_recency_.rbegin();
       position != by_recency_.rend() && newest.size() < wanted; ++position) {
    if (selection.Passes(*position)) newest.push_back({*position, 0});
  }
  return newest;
}

std::vector<LibraryFacet> LibraryIndex::FacetsOf(const LibraryFacets::Selection& selection,
                                                 const LibraryFacets::Filters& filters) const {
  static constexpr const char* kFacetNames[] = {"severity", "service", "factor_category", "tag"};
  std::vector<LibraryFacet> facets;
  for (int facet = 0; facet < kFacetCount; ++facet) {
    LibraryFacet out{kFacetNames[facet], {}};
    const std::vector<int64_t>& counts = selection.counts[facet];
    const std::optional<std::vector<uint32_t>>& chosen = filters.allowed[facet];
    for (uint32_t value = 0; value < dictionaries_[facet].size(); ++value) {
      int64_t count = value < counts.size() ? counts[value] : 0;
      bool is_chosen = chosen && std::count(chosen->begin(), chosen->end(), value) > 0;
      if (count > 0 || is_chosen) out.counts.push_back({dictionaries_[facet].At(value), count});
    }
    std::sort(out.counts.begin(), out.counts.end(), [](const auto& a, const auto& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    facets.push_back(std::move(out));
  }
  return facets;
}

Result<LibraryPage> LibraryIndex::Search(const LibraryQuery& query) {
  DEBRIEF_RETURN_IF_ERROR(Prepare(query.anonymised, !query.terms.empty()));
  if (own_reader_ == nullptr) {
    DEBRIEF_ASSIGN_OR_RETURN(own_reader_, Reader::Open(connection_));
  }
  return Search(query, *own_reader_);
}

Result<LibraryPage> LibraryIndex::Search(const LibraryQuery& query, Reader& reader) const {
  if (!query.terms.empty() && FtsExpression(query.terms).empty()) {
    return core::Error::InvalidArgument("a search needs at least one word to look for", "q");
  }
  std::shared_lock lock(mutex_);
  if (!query.terms.empty() && postings_[query.anonymised] == nullptr) {
    return core::Error::Unavailable("the library's search index is not built yet");
  }
  ReadTransaction transaction(reader.connection_);
  std::vector<QueryTerm> compiled;
  for (const LibraryTerm& term : query.terms) {
    compiled.push_back(terms_->Compile(term, *reader.tokenizer_));
  }
  // The candidates: what the words match, or every entry when browsing.
  std::vector<LibraryPostings::Match>& found = reader.found_;
  found.clear();
  LibraryFacets::Bits& candidates = reader.candidates_;
  candidates.assign((entries_.size() + 63) / 64, 0);
  if (query.terms.empty()) {
    std::fill(candidates.begin(), candidates.end(), ~uint64_t{0});
    if (entries_.size() % 64 != 0) candidates.back() = (uint64_t{1} << (entries_.size() % 64)) - 1;
  } else {
    DEBRIEF_RETURN_IF_ERROR(MatchText(query, compiled, reader));
    for (const LibraryPostings::Match& match : found) {
      candidates[match.entry >> 6] |= uint64_t{1} << (match.entry & 63);
    }
  }
  // What the reader may not see is not there: no hit, no count, no facet.
  size_t hint = 0;
  for (int64_t hidden : query.hidden_incident_ids) {
    if (std::optional<uint32_t> position = PositionOf(hidden, hint)) {
      candidates[*position >> 6] &= ~(uint64_t{1} << (*position & 63));
    }
  }
  LibraryFacets::Filters filters = FiltersOf(query.filters);
  LibraryFacets::Selection selection = facets_.Select(candidates, filters);

  LibraryPage page;
  page.total = selection.Count();
  size_t offset = static_cast<size_t>(std::max(query.offset, 0));
  size_t wanted = offset + static_cast<size_t>(std::max(query.limit, 0));
  bool by_relevance = query.sort == LibrarySort::kRelevance && !query.terms.empty();
  // Newest first: reading positions from the newest costs about wanted * entries / total
  // steps, ranking the candidates one step each; take the cheaper.
  bool read_newest = !by_relevance && (query.terms.empty() ||
                                       wanted * entries_.size() <
                                           found.size() * static_cast<size_t>(page.total + 1));
  std::vector<LibraryPostings::Match> best =
      read_newest ? Newest(selection, wanted) : Best(found, selection, by_relevance, wanted);
  std::optional<SnippetMaker> snippet_maker;
  if (!query.terms.empty()) snippet_maker.emplace(*terms_, *reader.tokenizer_, compiled);
  for (size_t index = offset; index < best.size(); ++index) {
    const Entry& entry = entries_[best[index].entry];
    LibraryHit hit = HitFor(entry, query.anonymised, best[index].score);
    if (snippet_maker) {
      uint32_t where = postings_[query.anonymised]->SectionsWithTerms(best[index].entry, compiled);
      DEBRIEF_RETURN_IF_ERROR(
          AddSnippets(*snippet_maker, where, query.anonymised, reader.connection_, hit));
    } else {
      DEBRIEF_ASSIGN_OR_RETURN(hit.summary,
                               Summary(entry.incident_id, query.anonymised, reader.connection_));
    }
    page.hits.push_back(std::move(hit));
  }
  page.facets = FacetsOf(selection, filters);
  return page;
}

}  // namespace debrief::store::sqlite
