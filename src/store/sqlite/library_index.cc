#include "store/sqlite/library_index.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <string_view>

#include "store/sqlite/columns.h"
#include "store/sqlite/write_scope.h"

namespace debrief::store::sqlite {
namespace {

constexpr size_t kSummaryCharacters = 300;  // Of a hit's summary.

constexpr char kPhrase[] = "SELECT rowid FROM {table} WHERE {table} MATCH ?";
// Text is read from each table's FTS5 content table (columns c0..c7 in kLibrarySections order),
// by key, without a pass through the full-text module.
constexpr char kAllText[] = "SELECT id, c0, c1, c2, c3, c4, c5, c6, c7 FROM {table}_content";
constexpr char kHitText[] =
    "SELECT c0, c1, c2, c3, c4, c5, c6, c7 FROM {table}_content WHERE id = ?";
constexpr char kSummary[] = "SELECT c1 FROM {table}_content WHERE id = ?";
constexpr char kRelatedText[] =
    "SELECT rowid, bm25({table}, 10.0, 4.0) FROM {table} WHERE {table} MATCH ? "
    "ORDER BY 2 LIMIT 50";
constexpr char kInsertText[] =
    "INSERT INTO {table} (rowid, title, summary, accounts, timeline, decisions, factors, lessons, "
    "actions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kDeleteText[] = "DELETE FROM {table} WHERE rowid = ?";

constexpr char kGeneration[] = "SELECT generation FROM library_state WHERE id = 1";
constexpr char kBumpGeneration[] =
    "UPDATE library_state SET generation = generation + 1 WHERE id = 1 RETURNING generation";
constexpr char kDeleteLessons[] = "DELETE FROM library_lessons WHERE incident_id = ?";
constexpr char kDeleteEntry[] = "DELETE FROM library_entries WHERE incident_id = ?";
constexpr char kInsertEntry[] =
    "INSERT INTO library_entries (incident_id, key, version, severity, services, tags, "
    "factor_categories, started_at, published_at, title, anonymised_title) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertLesson[] =
    "INSERT INTO library_lessons (incident_id, anonymised, position, title, body, authors) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr char kLoadEntries[] =
    "SELECT e.incident_id, e.key, e.version, e.severity, e.services, e.tags, "
    "e.factor_categories, e.started_at, e.published_at, e.title, e.anonymised_title, "
    "coalesce(l.lessons, 0) FROM library_entries e LEFT JOIN (SELECT incident_id, "
    "count(*) AS lessons FROM library_lessons WHERE anonymised = 0 GROUP BY incident_id) l "
    "ON l.incident_id = e.incident_id ORDER BY e.incident_id";  // So each entry is appended.
// Versions are numbered 1, 2, ... per incident, so the library is complete exactly when its
// entries' versions add up to the number of published versions: one cheap count at start-up
// instead of grouping every published version.
constexpr char kLibraryComplete[] =
    "SELECT (SELECT count(*) FROM published_versions) = "
    "(SELECT coalesce(sum(version), 0) FROM library_entries)";
constexpr char kBacklog[] =
    "SELECT p.incident_id FROM published_versions p "
    "LEFT JOIN library_entries e ON e.incident_id = p.incident_id "
    "GROUP BY p.incident_id HAVING max(p.number) > coalesce(max(e.version), 0) "
    "ORDER BY p.incident_id";
constexpr char kSearchLessons[] =
    "SELECT l.id, l.incident_id, l.title, l.body, l.authors, "
    "bm25(library_lessons_text, 5.0, 1.0, 1.0) FROM library_lessons_text "
    "JOIN library_lessons l ON l.id = library_lessons_text.rowid "
    "WHERE library_lessons_text MATCH ? AND l.anonymised = ?";
constexpr char kLessonsOf[] =
    "SELECT id, incident_id, title, body, authors, 0 FROM library_lessons "
    "WHERE incident_id = ? AND anonymised = ? ORDER BY position";

std::string ForTable(std::string_view sql, bool anonymised) {
  std::string text(sql);
  std::string_view table = anonymised ? "library_anonymised_text" : "library_text";
  for (size_t at = text.find("{table}"); at != std::string::npos; at = text.find("{table}")) {
    text.replace(at, 7, table);
  }
  return text;
}

void BindOptionalTime(Statement& statement, int index,
                      const std::optional<core::Timestamp>& value) {
  if (value) {
    statement.Bind(index, core::ToEpochMillis(*value));
  } else {
    statement.BindNull(index);
  }
}

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

LibraryPostings::Sections SectionsOf(const LibraryText& text) {
  return {text.title,     text.summary, text.accounts, text.timeline,
          text.decisions, text.factors, text.lessons,  text.actions};
}

// The first `characters` characters of UTF-8 text.
std::string_view Utf8Prefix(std::string_view text, size_t characters) {
  size_t seen = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    bool starts_character = (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
    if (starts_character && seen++ == characters) return text.substr(0, at);
  }
  return text;
}

core::Date DayOf(core::Timestamp instant) { return std::chrono::floor<std::chrono::days>(instant); }

int32_t DayNumber(core::Date day) { return static_cast<int32_t>(day.time_since_epoch().count()); }

// The day's place in a common year (0-364; 29 February counts as 1 March), so month-days of any
// two years compare.
int DayInYear(std::chrono::year_month_day day) {
  std::chrono::sys_days start{std::chrono::year{2001} / 1 / 1};
  return static_cast<int>(
      (std::chrono::sys_days{std::chrono::year{2001} / day.month() / day.day()} - start).count());
}

// Days between two month-days, the shorter way round the year.
int DaysApart(int a, int b) {
  int apart = std::abs(a - b);
  return std::min(apart, 365 - apart);
}

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

}  // namespace

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

uint32_t LibraryIndex::Dictionary::Intern(const std::string& value) {
  auto [at, added] = ids_.try_emplace(value, static_cast<uint32_t>(values_.size()));
  if (added) values_.push_back(value);
  return at->second;
}

std::optional<uint32_t> LibraryIndex::Dictionary::Find(const std::string& value) const {
  auto found = ids_.find(value);
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

Result<int64_t> LibraryIndex::StoredGeneration() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kGeneration));
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  int64_t generation = found ? statement->Int64(0) : 0;
  statement->Reset();
  return generation;
}

LibraryIndex::Entry LibraryIndex::MakeEntry(const LibraryEntry& entry) {
  Entry out;
  out.incident_id = entry.incident_id;
  out.key = entry.key;
  out.version = entry.version;
  out.title = entry.named.title;
  out.anonymised_title = entry.anonymised.title;
  out.severity = dictionaries_[kSeverity].Intern(entry.severity);
  for (const std::string& service : entry.services) {
    out.services.push_back(dictionaries_[kService].Intern(service));
  }
  for (const std::string& tag : entry.tags) out.tags.push_back(dictionaries_[kTag].Intern(tag));
  for (const std::string& category : entry.factor_categories) {
    out.categories.push_back(dictionaries_[kCategory].Intern(category));
  }
  out.started_at = entry.started_at;
  if (entry.started_at) {
    std::chrono::year_month_day started{DayOf(*entry.started_at)};
    out.started_year = static_cast<int>(started.year());
    out.started_day = DayInYear(started);
  }
  out.published_at = entry.published_at;
  out.lesson_count = static_cast<int64_t>(entry.named_lessons.size());
  return out;
}

void LibraryIndex::Upsert(Entry entry, bool in_bulk) {
  auto at = std::lower_bound(by_incident_.begin(), by_incident_.end(),
                             std::pair<int64_t, uint32_t>{entry.incident_id, 0});
  bool added = at == by_incident_.end() || at->first != entry.incident_id;
  if (added)
    at = by_incident_.insert(at, {entry.incident_id, static_cast<uint32_t>(entries_.size())});
  uint32_t position = at->second;
  LibraryFacets::Values old;
  if (!added) old = FacetValues(entries_[position]);
  std::optional<int32_t> started_day;
  if (entry.started_at) started_day = DayNumber(DayOf(*entry.started_at));
  facets_.Set(position, old, FacetValues(entry), started_day);
  if (added) recency_.emplace_back();
  recency_[position] = {core::ToEpochMillis(entry.published_at), entry.incident_id};
  if (in_bulk) {
    by_recency_.push_back(position);
  } else {
    // A publish is almost always the newest: then this is an append.
    if (!added) by_recency_.erase(std::find(by_recency_.begin(), by_recency_.end(), position));
    auto older = [&](uint32_t a, uint32_t b) { return recency_[a] < recency_[b]; };
    by_recency_.insert(std::upper_bound(by_recency_.begin(), by_recency_.end(), position, older),
                       position);
  }
  if (added) {
    entries_.push_back(std::move(entry));
  } else {
    entries_[position] = std::move(entry);
  }
}

void LibraryIndex::SortByRecency() {
  std::sort(by_recency_.begin(), by_recency_.end(),
            [&](uint32_t a, uint32_t b) { return recency_[a] < recency_[b]; });
}

LibraryFacets::Values LibraryIndex::FacetValues(const Entry& entry) {
  return {std::vector<uint32_t>{entry.severity}, entry.services, entry.categories, entry.tags};
}

const LibraryIndex::Entry* LibraryIndex::Find(int64_t incident_id) const {
  size_t hint = 0;
  std::optional<uint32_t> position = PositionOf(incident_id, hint);
  return position ? &entries_[*position] : nullptr;
}

std::optional<uint32_t> LibraryIndex::PositionOf(int64_t incident_id, size_t& hint) const {
  auto id_below = [](const std::pair<int64_t, uint32_t>& item, int64_t id) {
    return item.first < id;
  };
  size_t low = hint < by_incident_.size() && by_incident_[hint].first <= incident_id ? hint : 0;
  size_t step = 1;
  size_t high = low;
  while (high < by_incident_.size() && by_incident_[high].first < incident_id) {
    low = high;
    high += step;
    step *= 2;
  }
  high = std::min(high, by_incident_.size());
  auto found = std::lower_bound(by_incident_.begin() + static_cast<std::ptrdiff_t>(low),
                                by_incident_.begin() + static_cast<std::ptrdiff_t>(high),
                                incident_id, id_below);
  hint = static_cast<size_t>(found - by_incident_.begin());
  if (found == by_incident_.end() || found->first != incident_id) return std::nullopt;
  return found->second;
}

Result<void> LibraryIndex::Refresh() {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t stored, StoredGeneration());
  if (stored == generation_) return core::Ok();
  std::unique_lock lock(mutex_);
  generation_ = -1;  // Until the reload is whole.
  bool built[2] = {postings_[0] != nullptr, postings_[1] != nullptr};
  entries_.clear();
  by_incident_.clear();
  for (Dictionary& dictionary : dictionaries_) dictionary = Dictionary();
  for (auto& postings : postings_) postings.reset();
  facets_.Clear();
  recency_.clear();
  by_recency_.clear();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kLoadEntries));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    LibraryEntry row;
    row.incident_id = statement->Int64(0);
    row.key = statement->Text(1);
    row.version = statement->Int64(2);
    row.severity = statement->Text(3);
    bool readable =
        ReadColumn(*statement, 4, row.services) && ReadColumn(*statement, 5, row.tags) &&
        ReadColumn(*statement, 6, row.factor_categories) &&
        ReadColumn(*statement, 7, row.started_at) && ReadColumn(*statement, 8, row.published_at);
    if (!readable) {
      statement->Reset();
      return core::Error::Internal("library entry " + std::to_string(row.incident_id) +
                                   " cannot be read");
    }
    row.named.title = statement->Text(9);
    row.anonymised.title = statement->Text(10);
    Entry entry = MakeEntry(row);
    entry.lesson_count = statement->Int64(11);
    Upsert(std::move(entry), /*in_bulk=*/true);
  }
  statement->Reset();
  SortByRecency();
  // Readers may be about to search either copy: what was built is built again.
  for (bool anonymised : {false, true}) {
    if (built[anonymised]) DEBRIEF_RETURN_IF_ERROR(BuildPostings(anonymised));
  }
  generation_ = stored;
  return core::Ok();
}

Result<void> LibraryIndex::Put(const LibraryEntry& entry) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t before, StoredGeneration());
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_));
  for (bool anonymised : {false, true}) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * remove,
                             connection_.Prepare(ForTable(kDeleteText, anonymised)));
    remove->Bind(1, entry.incident_id);
    DEBRIEF_RETURN_IF_ERROR(remove->Run());
  }
  for (const char* sql : {kDeleteLessons, kDeleteEntry}) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * remove, connection_.Prepare(sql));
    remove->Bind(1, entry.incident_id);
    DEBRIEF_RETURN_IF_ERROR(remove->Run());
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_.Prepare(kInsertEntry));
  insert->Bind(1, entry.incident_id);
  insert->Bind(2, std::string_view(entry.key));
  insert->Bind(3, entry.version);
  insert->Bind(4, std::string_view(entry.severity));
  BindColumn(*insert, 5, entry.services);
  BindColumn(*insert, 6, entry.tags);
  BindColumn(*insert, 7, entry.factor_categories);
  BindOptionalTime(*insert, 8, entry.started_at);
  insert->Bind(9, core::ToEpochMillis(entry.published_at));
  insert->Bind(10, std::string_view(entry.named.title));
  insert->Bind(11, std::string_view(entry.anonymised.title));
  DEBRIEF_RETURN_IF_ERROR(insert->Run());
  for (bool anonymised : {false, true}) {
    const LibraryText& text = anonymised ? entry.anonymised : entry.named;
    DEBRIEF_ASSIGN_OR_RETURN(Statement * add,
                             connection_.Prepare(ForTable(kInsertText, anonymised)));
    add->Bind(1, entry.incident_id);
    int index = 2;
    for (std::string_view section : SectionsOf(text)) add->Bind(index++, section);
    DEBRIEF_RETURN_IF_ERROR(add->Run());
    const std::vector<LibraryLesson>& lessons =
        anonymised ? entry.anonymised_lessons : entry.named_lessons;
    for (size_t position = 0; position < lessons.size(); ++position) {
      DEBRIEF_ASSIGN_OR_RETURN(Statement * lesson, connection_.Prepare(kInsertLesson));
      lesson->Bind(1, entry.incident_id);
      lesson->Bind(2, int64_t{anonymised});
      lesson->Bind(3, static_cast<int64_t>(position));
      lesson->Bind(4, std::string_view(lessons[position].title));
      lesson->Bind(5, std::string_view(lessons[position].body));
      BindColumn(*lesson, 6, lessons[position].authors);
      DEBRIEF_RETURN_IF_ERROR(lesson->Run());
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * bump, connection_.Prepare(kBumpGeneration));
  DEBRIEF_ASSIGN_OR_RETURN(bool bumped, bump->Step());
  int64_t after = bumped ? bump->Int64(0) : 0;
  bump->Reset();
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  // Keep the in-memory copy current without a full reload when nothing else changed it. (Should
  // an enclosing transaction roll back, the stored generation goes back too and the next call
  // reloads.)
  if (generation_ == before) {
    std::unique_lock lock(mutex_);
    Upsert(MakeEntry(entry));
    size_t hint = 0;
    uint32_t position = PositionOf(entry.incident_id, hint).value();
    for (bool anonymised : {false, true}) {
      if (postings_[anonymised] == nullptr) continue;
      const LibraryText& text = anonymised ? entry.anonymised : entry.named;
      postings_[anonymised]->Put(position, SectionsOf(text));
    }
    generation_ = after;
  } else {
    generation_ = -1;
  }
  return core::Ok();
}

LibraryIndex::~LibraryIndex() = default;

Result<std::unique_ptr<LibraryIndex::Reader>> LibraryIndex::Reader::Open(Connection& connection) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<FtsTokenizer> tokenizer, FtsTokenizer::Open(connection));
  return std::unique_ptr<Reader>(new Reader(connection, std::move(tokenizer)));
}

Result<size_t> LibraryIndex::Warm() {
  DEBRIEF_RETURN_IF_ERROR(Prepare(false, true));
  return entries_.size();
}

Result<void> LibraryIndex::Prepare(bool anonymised, bool with_words) {
  DEBRIEF_RETURN_IF_ERROR(Refresh());
  if (!with_words || postings_[anonymised] != nullptr) return core::Ok();
  std::unique_lock lock(mutex_);
  return BuildPostings(anonymised);
}

Result<void> LibraryIndex::BuildPostings(bool anonymised) {
  std::unique_ptr<LibraryPostings>& postings = postings_[anonymised];
  if (tokenizer_ == nullptr) {
    DEBRIEF_ASSIGN_OR_RETURN(tokenizer_, FtsTokenizer::Open(connection_));
    terms_ = std::make_unique<TermDictionary>(*tokenizer_);
  }
  auto built = std::make_unique<LibraryPostings>(*terms_);
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_.Prepare(ForTable(kAllText, anonymised)));
  size_t hint = 0;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    std::optional<uint32_t> position = PositionOf(statement->Int64(0), hint);
    if (!position) continue;
    LibraryPostings::Sections sections;
    for (size_t index = 0; index < sections.size(); ++index) {
      sections[index] = statement->Text(static_cast<int>(index) + 1);
    }
    built->Put(*position, sections);
  }
  statement->Reset();
  built->Finish();
  postings = std::move(built);
  return core::Ok();
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

Result<std::vector<int64_t>> LibraryIndex::Backlog() {
  std::vector<int64_t> ids;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * complete, connection_.Prepare(kLibraryComplete));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, complete->Step());
  bool is_complete = has_row && complete->Int64(0) == 1;
  complete->Reset();
  if (is_complete) return ids;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kBacklog));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    ids.push_back(statement->Int64(0));
  }
  statement->Reset();
  return ids;
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

Result<std::vector<LibraryHit>> LibraryIndex::Related(const RelatedQuery& query) {
  DEBRIEF_RETURN_IF_ERROR(Refresh());
  std::unordered_map<size_t, double> scores;
  auto ids_of = [&](Facet facet, const std::vector<std::string>& values) {
    std::vector<uint32_t> ids;
    for (const std::string& value : values) {
      if (auto id = dictionaries_[facet].Find(value)) ids.push_back(*id);
    }
    return ids;
  };
  std::vector<uint32_t> services = ids_of(kService, query.services);
  std::vector<uint32_t> categories = ids_of(kCategory, query.factor_categories);
  auto shared = [](const std::vector<uint32_t>& mine, const std::vector<uint32_t>& theirs) {
    int count = 0;
    for (uint32_t id : theirs) count += std::count(mine.begin(), mine.end(), id) > 0;
    return count;
  };
  if (!services.empty() || !categories.empty()) {
    for (size_t position = 0; position < entries_.size(); ++position) {
      const Entry& entry = entries_[position];
      double score =
          2.0 * shared(services, entry.services) + 1.5 * shared(categories, entry.categories);
      if (score > 0) scores[position] = score;
    }
  }
  std::vector<LibraryTerm> terms;
  for (const std::string& word : query.words) terms.push_back({{word}, false, false});
  if (!terms.empty()) {
    // Any of the words, in titles and summaries only: what the incident was about.
    std::string any;
    for (const LibraryTerm& term : terms) {
      any += (any.empty() ? "" : " OR ") + FtsExpression({term});
    }
    std::string expression = "{title summary} : (" + any + ")";
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                             connection_.Prepare(ForTable(kRelatedText, query.anonymised)));
    statement->Bind(1, std::string_view(expression));
    std::vector<std::pair<size_t, double>> text;
    double best = 0;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
      if (!has_row) break;
      size_t hint = 0;  // Ranked, not in id order.
      std::optional<uint32_t> position = PositionOf(statement->Int64(0), hint);
      if (!position) continue;
      double relevance = -statement->Double(1);
      best = std::max(best, relevance);
      text.emplace_back(*position, relevance);
    }
    statement->Reset();
    // Text counts up to as much as three shared services.
    for (const auto& [position, relevance] : text) {
      if (best > 0) scores[position] += 6.0 * relevance / best;
    }
  }
  std::vector<std::pair<size_t, double>> ranked;
  for (const auto& [position, score] : scores) {
    if (entries_[position].incident_id != query.incident_id) ranked.emplace_back(position, score);
  }
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return entries_[a.first].published_at > entries_[b.first].published_at;
  });
  if (ranked.size() > static_cast<size_t>(query.limit)) ranked.resize(query.limit);
  std::vector<LibraryHit> hits;
  for (const auto& [position, score] : ranked) {
    hits.push_back(HitFor(entries_[position], query.anonymised, score));
  }
  return hits;
}

Result<LessonPage> LibraryIndex::Lessons(const LessonQuery& query) {
  DEBRIEF_RETURN_IF_ERROR(Refresh());
  std::optional<uint32_t> theme;
  if (query.theme) {
    theme = dictionaries_[kCategory].Find(*query.theme);
    if (!theme) return LessonPage{};
  }
  auto has_theme = [&](const Entry& entry) {
    return !theme || std::count(entry.categories.begin(), entry.categories.end(), *theme) > 0;
  };
  struct Found {
    double score;
    const Entry* entry;
    LibraryLesson lesson;
  };
  LessonPage page;
  std::vector<int64_t> theme_counts(dictionaries_[kCategory].size(), 0);
  auto read_lesson = [](Statement& statement) {
    LibraryLesson lesson;
    lesson.title = statement.Text(2);
    lesson.body = statement.Text(3);
    ReadColumn(statement, 4, lesson.authors);
    return lesson;
  };
  auto to_hit = [&](const Entry& entry, LibraryLesson lesson) {
    LibraryLessonHit hit;
    hit.incident_id = entry.incident_id;
    hit.key = entry.key;
    hit.incident_title = query.anonymised ? entry.anonymised_title : entry.title;
    hit.published_at = entry.published_at;
    for (uint32_t id : entry.categories) hit.themes.push_back(dictionaries_[kCategory].At(id));
    hit.lesson = std::move(lesson);
    return hit;
  };
  size_t offset = static_cast<size_t>(std::max(query.offset, 0));
  size_t limit = static_cast<size_t>(std::max(query.limit, 0));

  std::string expression = FtsExpression(query.terms);
  if (!query.terms.empty() && expression.empty()) {
    return core::Error::InvalidArgument("a search needs at least one word to look for", "q");
  }
  if (!expression.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kSearchLessons));
    statement->Bind(1, std::string_view(expression));
    statement->Bind(2, int64_t{query.anonymised});
    std::vector<Found> found;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
      if (!has_row) break;
      const Entry* entry = Find(statement->Int64(1));
      if (entry == nullptr) continue;
      for (uint32_t id : entry->categories) ++theme_counts[id];
      if (!has_theme(*entry)) continue;
      found.push_back({-statement->Double(5), entry, read_lesson(*statement)});
    }
    statement->Reset();
    std::stable_sort(found.begin(), found.end(),
                     [](const Found& a, const Found& b) { return a.score > b.score; });
    page.total = static_cast<int64_t>(found.size());
    for (size_t index = offset; index < found.size() && index < offset + limit; ++index) {
      page.lessons.push_back(to_hit(*found[index].entry, std::move(found[index].lesson)));
    }
  } else {
    std::vector<const Entry*> ordered;
    for (const Entry& entry : entries_) {
      if (entry.lesson_count == 0) continue;
      for (uint32_t id : entry.categories) theme_counts[id] += entry.lesson_count;
      if (has_theme(entry)) ordered.push_back(&entry);
    }
    std::sort(ordered.begin(), ordered.end(), [](const Entry* a, const Entry* b) {
      if (a->published_at != b->published_at) return a->published_at > b->published_at;
      return a->incident_id > b->incident_id;
    });
    size_t seen = 0;
    for (const Entry* entry : ordered) {
      page.total += entry->lesson_count;
      size_t first = seen;
      seen += static_cast<size_t>(entry->lesson_count);
      if (seen <= offset || page.lessons.size() >= limit) continue;
      DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kLessonsOf));
      statement->Bind(1, entry->incident_id);
      statement->Bind(2, int64_t{query.anonymised});
      for (size_t index = first;; ++index) {
        DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
        if (!has_row) break;
        if (index < offset || page.lessons.size() >= limit) continue;
        page.lessons.push_back(to_hit(*entry, read_lesson(*statement)));
      }
      statement->Reset();
    }
  }
  for (uint32_t id = 0; id < theme_counts.size(); ++id) {
    if (theme_counts[id] > 0)
      page.themes.push_back({dictionaries_[kCategory].At(id), theme_counts[id]});
  }
  std::sort(page.themes.begin(), page.themes.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return page;
}

Result<std::vector<LibraryHit>> LibraryIndex::Anniversaries(core::Date today, int window_days,
                                                            bool anonymised, int limit) {
  DEBRIEF_RETURN_IF_ERROR(Refresh());
  std::chrono::year_month_day now{today};
  int this_year = static_cast<int>(now.year());
  int today_in_year = DayInYear(now);
  std::vector<std::pair<const Entry*, int>> found;  // Entry and days from today's month-day.
  for (const Entry& entry : entries_) {
    if (!entry.started_at || entry.started_year >= this_year) continue;
    int apart = DaysApart(entry.started_day, today_in_year);
    if (apart <= window_days) found.emplace_back(&entry, apart);
  }
  auto closest = [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second < b.second;
    return *a.first->started_at > *b.first->started_at;
  };
  size_t kept = std::min(found.size(), static_cast<size_t>(std::max(limit, 0)));
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    closest);
  found.resize(kept);
  std::vector<LibraryHit> hits;
  for (const auto& [entry, apart] : found) {
    hits.push_back(HitFor(*entry, anonymised, 0));
    DEBRIEF_ASSIGN_OR_RETURN(hits.back().summary,
                             Summary(entry->incident_id, anonymised, connection_));
  }
  return hits;
}

}  // namespace debrief::store::sqlite
