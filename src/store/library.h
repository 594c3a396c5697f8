// The library: the latest published version of every review, as the rest of the organisation
// searches and browses it. The library holds copies made at publish time (and rebuilt from the
// published versions when missing), so it never shows a draft, a private account or anything
// the published review did not share.
//
// Every text is kept twice: as members read it, and anonymised (names replaced by role labels)
// as viewers read it. A viewer's search runs over the anonymised copy only, so searching for a
// person's name cannot reveal which incidents they were part of.
//
// Queries are given as terms, not as one database's query syntax: the SQLite adapter turns them
// into an FTS5 expression, a PostgreSQL adapter into a tsquery. The terms, sections and snippet
// values are the search engine's (search/library_text.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "search/library_text.h"

namespace debrief::store {

// A review's searchable text by section, in the order sections are ranked and shown.
struct LibraryText {
  std::string title;
  std::string summary;  // Summary and impact.
  std::string accounts;
  std::string timeline;   // Timeline events.
  std::string decisions;  // Decision points and work as imagined against work as done.
  std::string factors;
  std::string lessons;
  std::string actions;
};

using search::kLibrarySections;

struct LibraryLesson {
  std::string title;
  std::string body;
  std::vector<std::string> authors;  // Names, or role labels in the anonymised copy.
};

struct LibraryEntry {
  int64_t incident_id = 0;
  std::string key;
  int64_t version = 0;  // The published version number this entry was made from.
  std::string severity;
  std::vector<std::string> services;
  std::vector<std::string> tags;
  std::vector<std::string> factor_categories;
  std::optional<core::Timestamp> started_at;
  core::Timestamp published_at{};
  LibraryText named;
  LibraryText anonymised;
  std::vector<LibraryLesson> named_lessons;
  std::vector<LibraryLesson> anonymised_lessons;
};

using search::LibraryTerm;

// Filters: within one list any value matches; across lists all must. Dates bound the day the
// incident started (UTC), both ends included.
struct LibraryFilters {
  std::vector<std::string> severities;
  std::vector<std::string> services;
  std::vector<std::string> factor_categories;
  std::vector<std::string> tags;
  std::optional<core::Date> started_from;
  std::optional<core::Date> started_to;
};

enum class LibrarySort { kRelevance, kNewest };

struct LibraryQuery {
  std::vector<LibraryTerm> terms;  // None: browse everything, newest first.
  LibraryFilters filters;
  bool anonymised = false;
  LibrarySort sort = LibrarySort::kRelevance;
  int limit = 20;
  int offset = 0;
  // Restricted incidents the reader may not see (app::HiddenIncidents), ascending: left out of
  // the hits, the total and every facet count.
  std::vector<int64_t> hidden_incident_ids;
};

using search::LibrarySnippet;
using search::SnippetPart;

struct LibraryHit {
  int64_t incident_id = 0;
  std::string key;
  std::string title;
  std::string summary;  // Its first 300 characters (search results and anniversaries only).
  std::string severity;
  std::vector<std::string> services;
  std::vector<std::string> tags;
  std::vector<std::string> factor_categories;
  std::optional<core::Timestamp> started_at;
  core::Timestamp published_at{};
  int64_t version = 0;
  double score = 0;  // Higher is more relevant; comparable within one result only.
  std::vector<LibrarySnippet> snippets;
};

struct FacetCount {
  std::string value;
  int64_t count = 0;
};

// Counts per value of one filter. A facet's counts apply every other filter but not its own, so
// choosing one severity still shows how many results each other severity would give.
struct LibraryFacet {
  std::string name;                // "severity", "service", "factor_category", "tag".
  std::vector<FacetCount> counts;  // Most frequent first.
};

struct LibraryPage {
  int64_t total = 0;
  std::vector<LibraryHit> hits;
  std::vector<LibraryFacet> facets;
};

// Searches the library from a thread other than the store's (Store::OpenLibrarySearcher). Each
// searcher belongs to one thread; several search at once, and alongside the store's own calls.
class LibrarySearcher {
 public:
  virtual ~LibrarySearcher() = default;
  // As Store::SearchLibrary, as of the store's last PrepareLibrarySearch for such a query.
  virtual core::Result<LibraryPage> Search(const LibraryQuery& query) = 0;
};

// Reviews like one incident: sharing services, factor categories, and words of its title and
// summary.
struct RelatedQuery {
  int64_t incident_id = 0;  // Left out of the answer.
  std::vector<std::string> services;
  std::vector<std::string> factor_categories;
  std::vector<std::string> words;
  bool anonymised = false;
  int limit = 5;
  std::vector<int64_t> hidden_incident_ids;  // Ascending; never related, nor ranked against.
};

struct LessonQuery {
  std::vector<LibraryTerm> terms;
  std::optional<std::string> theme;  // A factor category of the lesson's incident.
  bool anonymised = false;
  int limit = 50;
  int offset = 0;
  std::vector<int64_t> hidden_incident_ids;  // Ascending; out of the lessons and theme counts.
};

struct LibraryLessonHit {
  int64_t incident_id = 0;
  std::string key;
  std::string incident_title;
  core::Timestamp published_at{};
  std::vector<std::string> themes;
  LibraryLesson lesson;
};

struct LessonPage {
  int64_t total = 0;
  std::vector<LibraryLessonHit> lessons;
  std::vector<FacetCount> themes;  // Every theme with its number of lessons.
};

}  // namespace debrief::store
