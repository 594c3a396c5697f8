// The library's SQL and the helpers its index's files share (library_index.cc keeps the index,
// library_search.cc searches it, library_browse.cc answers related reviews, lessons and
// anniversaries). Internal to the SQLite adapter.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "search/postings.h"
#include "store/library.h"
#include "store/sqlite/connection.h"

namespace debrief::store::sqlite::library_sql {

inline constexpr size_t kSummaryCharacters = 300;  // Of a hit's summary.

inline constexpr char kPhrase[] = "SELECT rowid FROM {table} WHERE {table} MATCH ?";
// Text is read from each table's FTS5 content table (columns c0..c7 in kLibrarySections order),
// by key, without a pass through the full-text module.
inline constexpr char kAllText[] = "SELECT id, c0, c1, c2, c3, c4, c5, c6, c7 FROM {table}_content";
inline constexpr char kHitText[] =
    "SELECT c0, c1, c2, c3, c4, c5, c6, c7 FROM {table}_content WHERE id = ?";
inline constexpr char kSummary[] = "SELECT c1 FROM {table}_content WHERE id = ?";
inline constexpr char kRelatedText[] =
    "SELECT rowid, bm25({table}, 10.0, 4.0) FROM {table} WHERE {table} MATCH ? "
    "ORDER BY 2 LIMIT 50";
inline constexpr char kInsertText[] =
    "INSERT INTO {table} (rowid, title, summary, accounts, timeline, decisions, factors, lessons, "
    "actions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr char kDeleteText[] = "DELETE FROM {table} WHERE rowid = ?";

inline constexpr char kGeneration[] = "SELECT generation FROM library_state WHERE id = 1";
inline constexpr char kBumpGeneration[] =
    "UPDATE library_state SET generation = generation + 1 WHERE id = 1 RETURNING generation";
inline constexpr char kDeleteLessons[] = "DELETE FROM library_lessons WHERE incident_id = ?";
inline constexpr char kDeleteEntry[] = "DELETE FROM library_entries WHERE incident_id = ?";
inline constexpr char kInsertEntry[] =
    "INSERT INTO library_entries (incident_id, key, version, severity, services, tags, "
    "factor_categories, started_at, published_at, title, anonymised_title) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr char kInsertLesson[] =
    "INSERT INTO library_lessons (incident_id, anonymised, position, title, body, authors) "
    "VALUES (?, ?, ?, ?, ?, ?)";
inline constexpr char kLoadEntries[] =
    "SELECT e.incident_id, e.key, e.version, e.severity, e.services, e.tags, "
    "e.factor_categories, e.started_at, e.published_at, e.title, e.anonymised_title, "
    "coalesce(l.lessons, 0) FROM library_entries e LEFT JOIN (SELECT incident_id, "
    "count(*) AS lessons FROM library_lessons WHERE anonymised = 0 GROUP BY incident_id) l "
    "ON l.incident_id = e.incident_id ORDER BY e.incident_id";  // So each entry is appended.
// Versions are numbered 1, 2, ... per incident, so the library is complete exactly when its
// entries' versions add up to the number of published versions: one cheap count at start-up
// instead of grouping every published version.
inline constexpr char kLibraryComplete[] =
    "SELECT (SELECT count(*) FROM published_versions) = "
    "(SELECT coalesce(sum(version), 0) FROM library_entries)";
inline constexpr char kBacklog[] =
    "SELECT p.incident_id FROM published_versions p "
    "LEFT JOIN library_entries e ON e.incident_id = p.incident_id "
    "GROUP BY p.incident_id HAVING max(p.number) > coalesce(max(e.version), 0) "
    "ORDER BY p.incident_id";
inline constexpr char kSearchLessons[] =
    "SELECT l.id, l.incident_id, l.title, l.body, l.authors, "
    "bm25(library_lessons_text, 5.0, 1.0, 1.0) FROM library_lessons_text "
    "JOIN library_lessons l ON l.id = library_lessons_text.rowid "
    "WHERE library_lessons_text MATCH ? AND l.anonymised = ?";
inline constexpr char kLessonsOf[] =
    "SELECT id, incident_id, title, body, authors, 0 FROM library_lessons "
    "WHERE incident_id = ? AND anonymised = ? ORDER BY position";

// The statement for the named copy's text table, or the anonymised copy's.
std::string ForTable(std::string_view sql, bool anonymised);

void BindOptionalTime(Statement& statement, int index, const std::optional<core::Timestamp>& value);

// Text as an FTS5 string: quoted, with its quotes doubled.
std::string Quoted(std::string_view text);

search::LibraryPostings::Sections SectionsOf(const LibraryText& text);

// The first `characters` characters of UTF-8 text.
std::string_view Utf8Prefix(std::string_view text, size_t characters);

core::Date DayOf(core::Timestamp instant);

int32_t DayNumber(core::Date day);

// The day's place in a common year (0-364; 29 February counts as 1 March), so month-days of any
// two years compare.
int DayInYear(std::chrono::year_month_day day);

// Days between two month-days, the shorter way round the year.
int DaysApart(int a, int b);

// One read transaction around a search's reads (phrases, the hits' text): they see one
// snapshot, and SQLite takes its read lock once instead of once per statement. Nothing is opened
// when the connection is already inside a transaction.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& connection) {
    if (connection.InTransaction()) return;
    auto begin = connection.Prepare("BEGIN");
    if (begin && (*begin)->Run()) connection_ = &connection;
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction() {
    if (connection_ == nullptr) return;
    // Ending a transaction that wrote nothing cannot fail for want of a lock.
    if (auto end = connection_->Prepare("COMMIT")) (void)(*end)->Run();
  }

 private:
  Connection* connection_ = nullptr;
};

}  // namespace debrief::store::sqlite::library_sql
