// PostgresStore's library: entries written to PostgreSQL with a change for every write, and the
// search engine of each instance kept in a replica (store/sqlite/library_replica.h) that applies
// the changes it has not seen before each read.
#include <algorithm>

#include "store/columns.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

// Library writes take this transaction-level lock before their change row draws its id, so the
// ids of library_changes are taken in commit order: publishes are rare, and an instance that
// has applied change N has then missed none below it.
constexpr char kLockLibraryChanges[] = "SELECT pg_advisory_xact_lock(7305726112)";
constexpr char kDeleteLessons[] = "DELETE FROM library_lessons WHERE incident_id = $1";
constexpr char kDeleteEntry[] = "DELETE FROM library_entries WHERE incident_id = $1";
constexpr char kInsertEntry[] =
    "INSERT INTO library_entries (incident_id, key, version, severity, services, tags, "
    "factor_categories, started_at, published_at, title, anonymised_title) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr char kInsertText[] =
    "INSERT INTO library_texts (incident_id, anonymised, title, summary, accounts, timeline, "
    "decisions, factors, lessons, actions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr char kInsertLesson[] =
    "INSERT INTO library_lessons (incident_id, anonymised, position, title, body, authors) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr char kInsertChange[] = "INSERT INTO library_changes (incident_id, at) VALUES ($1, $2)";
constexpr char kLastChange[] = "SELECT coalesce(max(id), 0) FROM library_changes";
constexpr char kChangesAfter[] =
    "SELECT id, incident_id FROM library_changes WHERE id > $1 ORDER BY id";
// Every entry, a page at a time by incident id (the replica's first build).
constexpr char kEntryIdsAfter[] =
    "SELECT incident_id FROM library_entries WHERE incident_id > $1 ORDER BY incident_id "
    "LIMIT $2";
constexpr int64_t kEntriesPerRead = 500;
constexpr char kEntries[] =
    "SELECT incident_id, key, version, severity, services, tags, factor_categories, started_at, "
    "published_at FROM library_entries WHERE incident_id = ANY($1::bigint[]) "
    "ORDER BY incident_id";
constexpr char kTexts[] =
    "SELECT incident_id, anonymised, title, summary, accounts, timeline, decisions, factors, "
    "lessons, actions FROM library_texts WHERE incident_id = ANY($1::bigint[])";
constexpr char kLessons[] =
    "SELECT incident_id, anonymised, title, body, authors FROM library_lessons "
    "WHERE incident_id = ANY($1::bigint[]) ORDER BY incident_id, anonymised, position";
// Versions are numbered 1, 2, ... per incident, so the library is complete exactly when its
// entries' versions add up to the number of published versions.
constexpr char kLibraryComplete[] =
    "SELECT ((SELECT count(*) FROM published_versions) = "
    "(SELECT coalesce(sum(version), 0) FROM library_entries))::int";
constexpr char kBacklog[] =
    "SELECT p.incident_id FROM published_versions p "
    "LEFT JOIN library_entries e ON e.incident_id = p.incident_id "
    "GROUP BY p.incident_id HAVING max(p.number) > coalesce(max(e.version), 0) "
    "ORDER BY p.incident_id";

// `ids` as a PostgreSQL array literal, bound as one value.
std::string ArrayOf(const std::vector<int64_t>& ids) {
  std::string text = "{";
  for (int64_t id : ids) {
    if (text.size() > 1) text += ',';
    text += std::to_string(id);
  }
  return text + "}";
}

}  // namespace

Result<void> PostgresStore::IndexForLibrary(const LibraryEntry& entry) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, entry.incident_id));
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute(kLockLibraryChanges));
  // Lessons and texts go with their entry (ON DELETE CASCADE).
  DEBRIEF_ASSIGN_OR_RETURN(Statement * remove, connection_->Prepare(kDeleteEntry));
  remove->Bind(1, entry.incident_id);
  DEBRIEF_RETURN_IF_ERROR(remove->Run());
  DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(kInsertEntry));
  insert->Bind(1, entry.incident_id);
  insert->Bind(2, std::string_view(entry.key));
  insert->Bind(3, entry.version);
  insert->Bind(4, std::string_view(entry.severity));
  BindColumn(*insert, 5, entry.services);
  BindColumn(*insert, 6, entry.tags);
  BindColumn(*insert, 7, entry.factor_categories);
  BindColumn(*insert, 8, entry.started_at);
  BindColumn(*insert, 9, entry.published_at);
  insert->Bind(10, std::string_view(entry.named.title));
  insert->Bind(11, std::string_view(entry.anonymised.title));
  DEBRIEF_RETURN_IF_ERROR(insert->Run());
  for (bool anonymised : {false, true}) {
    const LibraryText& text = anonymised ? entry.anonymised : entry.named;
    DEBRIEF_ASSIGN_OR_RETURN(Statement * add, connection_->Prepare(kInsertText));
    add->Bind(1, entry.incident_id);
    add->Bind(2, int64_t{anonymised});
    int index = 3;
    for (const std::string* section :
         {&text.title, &text.summary, &text.accounts, &text.timeline, &text.decisions,
          &text.factors, &text.lessons, &text.actions}) {
      add->Bind(index++, std::string_view(*section));
    }
    DEBRIEF_RETURN_IF_ERROR(add->Run());
    const std::vector<LibraryLesson>& lessons =
        anonymised ? entry.anonymised_lessons : entry.named_lessons;
    for (size_t position = 0; position < lessons.size(); ++position) {
      DEBRIEF_ASSIGN_OR_RETURN(Statement * lesson, connection_->Prepare(kInsertLesson));
      lesson->Bind(1, entry.incident_id);
      lesson->Bind(2, int64_t{anonymised});
      lesson->Bind(3, static_cast<int64_t>(position));
      lesson->Bind(4, std::string_view(lessons[position].title));
      lesson->Bind(5, std::string_view(lessons[position].body));
      BindColumn(*lesson, 6, lessons[position].authors);
      DEBRIEF_RETURN_IF_ERROR(lesson->Run());
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * change, connection_->Prepare(kInsertChange));
  change->Bind(1, entry.incident_id);
  change->Bind(2, core::ToEpochMillis(clock_.Now()));
  DEBRIEF_RETURN_IF_ERROR(change->Run());
  return scope.Commit();
}

Result<std::vector<int64_t>> PostgresStore::LibraryBacklog() {
  std::vector<int64_t> ids;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * complete, connection_->Prepare(kLibraryComplete));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, complete->Step());
  bool is_complete = has_row && complete->Int64(0) == 1;
  complete->Reset();
  if (is_complete) return ids;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kBacklog));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, statement->Step());
    if (!more) break;
    ids.push_back(statement->Int64(0));
  }
  return ids;
}

Result<int64_t> PostgresStore::LibraryGeneration() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * last, connection_->Prepare(kLastChange));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, last->Step());
  int64_t generation = has_row ? last->Int64(0) : 0;
  last->Reset();
  return generation;
}

Result<std::vector<LibraryEntry>> PostgresStore::ReadLibraryEntries(
    const std::vector<int64_t>& ids) {
  std::vector<LibraryEntry> entries;
  if (ids.empty()) return entries;
  // Entries, texts and lessons as of one moment, so an entry another instance rewrites meanwhile
  // is read whole, not half of each version.
  bool own_snapshot = !connection_->InTransaction();
  if (own_snapshot) {
    DEBRIEF_RETURN_IF_ERROR(
        connection_->Execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
  }
  Result<void> read = ReadLibraryRows(ids, entries);
  if (own_snapshot) {
    Result<void> ended = connection_->Execute(read ? "COMMIT" : "ROLLBACK");
    if (read) read = ended;
  }
  DEBRIEF_RETURN_IF_ERROR(read);
  return entries;
}

Result<void> PostgresStore::ReadLibraryRows(const std::vector<int64_t>& ids,
                                            std::vector<LibraryEntry>& entries) {
  std::string array = ArrayOf(ids);
  DEBRIEF_ASSIGN_OR_RETURN(Statement * rows, connection_->Prepare(kEntries));
  rows->Bind(1, std::string_view(array));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, rows->Step());
    if (!more) break;
    LibraryEntry& entry = entries.emplace_back();
    bool readable = ReadColumn(*rows, 0, entry.incident_id) && ReadColumn(*rows, 1, entry.key) &&
                    ReadColumn(*rows, 2, entry.version) && ReadColumn(*rows, 3, entry.severity) &&
                    ReadColumn(*rows, 4, entry.services) && ReadColumn(*rows, 5, entry.tags) &&
                    ReadColumn(*rows, 6, entry.factor_categories) &&
                    ReadColumn(*rows, 7, entry.started_at) &&
                    ReadColumn(*rows, 8, entry.published_at);
    if (!readable) {
      rows->Reset();
      return core::Error::Internal("library entry " + std::to_string(entry.incident_id) +
                                   " cannot be read");
    }
  }
  // Entries are in incident id order: texts and lessons find theirs by a binary search.
  auto entry_of = [&](int64_t incident_id) -> LibraryEntry* {
    auto found = std::lower_bound(
        entries.begin(), entries.end(), incident_id,
        [](const LibraryEntry& entry, int64_t id) { return entry.incident_id < id; });
    return found != entries.end() && found->incident_id == incident_id ? &*found : nullptr;
  };
  DEBRIEF_ASSIGN_OR_RETURN(Statement * texts, connection_->Prepare(kTexts));
  texts->Bind(1, std::string_view(array));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, texts->Step());
    if (!more) break;
    LibraryEntry* entry = entry_of(texts->Int64(0));
    if (entry == nullptr) continue;
    LibraryText& text = texts->Int64(1) != 0 ? entry->anonymised : entry->named;
    int column = 2;
    for (std::string* section : {&text.title, &text.summary, &text.accounts, &text.timeline,
                                 &text.decisions, &text.factors, &text.lessons, &text.actions}) {
      section->assign(texts->Text(column++));
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * lessons, connection_->Prepare(kLessons));
  lessons->Bind(1, std::string_view(array));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, lessons->Step());
    if (!more) break;
    LibraryEntry* entry = entry_of(lessons->Int64(0));
    if (entry == nullptr) continue;
    LibraryLesson& lesson =
        (lessons->Int64(1) != 0 ? entry->anonymised_lessons : entry->named_lessons).emplace_back();
    lesson.title = lessons->Text(2);
    lesson.body = lessons->Text(3);
    if (!ReadColumn(*lessons, 4, lesson.authors)) {
      lessons->Reset();
      return core::Error::Internal("a lesson of library entry " +
                                   std::to_string(entry->incident_id) + " cannot be read");
    }
  }
  return core::Ok();
}

Result<void> PostgresStore::SyncLibrary() {
  if (library_->replica == nullptr) {
    // The first read: the whole library, from the change it is as of. Changes that land while
    // it is read are applied again on the next read, which is harmless (each puts an entry).
    DEBRIEF_ASSIGN_OR_RETURN(int64_t as_of, LibraryGeneration());
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::LibraryReplica> replica,
                             sqlite::LibraryReplica::Create());
    int64_t after = 0;
    while (true) {
      std::vector<int64_t> ids;
      DEBRIEF_ASSIGN_OR_RETURN(Statement * page, connection_->Prepare(kEntryIdsAfter));
      page->Bind(1, after);
      page->Bind(2, kEntriesPerRead);
      while (true) {
        DEBRIEF_ASSIGN_OR_RETURN(bool more, page->Step());
        if (!more) break;
        ids.push_back(page->Int64(0));
      }
      if (ids.empty()) break;
      after = ids.back();
      DEBRIEF_ASSIGN_OR_RETURN(std::vector<LibraryEntry> entries, ReadLibraryEntries(ids));
      DEBRIEF_RETURN_IF_ERROR(replica->Load(entries));
    }
    library_->replica = std::move(replica);
    library_->applied = as_of;
    ++library_->rebuilds;
    return core::Ok();
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * changes, connection_->Prepare(kChangesAfter));
  changes->Bind(1, library_->applied);
  std::vector<int64_t> ids;
  int64_t last = library_->applied;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, changes->Step());
    if (!more) break;
    last = changes->Int64(0);
    ids.push_back(changes->Int64(1));
  }
  if (ids.empty()) return core::Ok();
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<LibraryEntry> entries, ReadLibraryEntries(ids));
  DEBRIEF_RETURN_IF_ERROR(library_->replica->Apply(entries));
  library_->applied = last;
  return core::Ok();
}

template <typename Read>
auto PostgresStore::ReadLibrary(Read read)
    -> decltype(read(std::declval<sqlite::LibraryIndex&>())) {
  std::lock_guard lock(library_->mutex);
  DEBRIEF_RETURN_IF_ERROR(SyncLibrary());
  return read(library_->replica->index());
}

Result<size_t> PostgresStore::WarmLibrary() {
  return ReadLibrary([](sqlite::LibraryIndex& index) { return index.Warm(); });
}

Result<LibraryPage> PostgresStore::SearchLibrary(const LibraryQuery& query) {
  return ReadLibrary([&](sqlite::LibraryIndex& index) { return index.Search(query); });
}

Result<void> PostgresStore::PrepareLibrarySearch(const LibraryQuery& query) {
  return ReadLibrary([&](sqlite::LibraryIndex& index) {
    return index.Prepare(query.anonymised, !query.terms.empty());
  });
}

Result<std::unique_ptr<LibrarySearcher>> PostgresStore::OpenLibrarySearcher() {
  std::lock_guard lock(library_->mutex);
  DEBRIEF_RETURN_IF_ERROR(SyncLibrary());
  return library_->replica->OpenSearcher();
}

Result<std::vector<LibraryHit>> PostgresStore::RelatedInLibrary(const RelatedQuery& query) {
  return ReadLibrary([&](sqlite::LibraryIndex& index) { return index.Related(query); });
}

Result<LessonPage> PostgresStore::SearchLessons(const LessonQuery& query) {
  return ReadLibrary([&](sqlite::LibraryIndex& index) { return index.Lessons(query); });
}

Result<std::vector<LibraryHit>> PostgresStore::LibraryAnniversaries(core::Date today,
                                                                    int window_days,
                                                                    bool anonymised, int limit) {
  return ReadLibrary([&](sqlite::LibraryIndex& index) {
    return index.Anniversaries(today, window_days, anonymised, limit);
  });
}

}  // namespace debrief::store::postgres
