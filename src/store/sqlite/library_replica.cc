#include "store/sqlite/library_replica.h"

#include <stdlib.h>

#include <filesystem>

#include "store/sqlite/library_searcher.h"

namespace debrief::store::sqlite {
namespace {

// The library's tables as a SQLite store has them (migrations 0003 and 0010), without the
// foreign key to incidents, which are not here.
constexpr char kSchema[] = R"(
CREATE TABLE library_entries (
  incident_id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  version INTEGER NOT NULL,
  severity TEXT NOT NULL,
  services TEXT NOT NULL,
  tags TEXT NOT NULL,
  factor_categories TEXT NOT NULL,
  started_at INTEGER,
  published_at INTEGER NOT NULL,
  title TEXT NOT NULL,
  anonymised_title TEXT NOT NULL
);
CREATE TABLE library_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
INSERT INTO library_state (id, generation) VALUES (1, 0);
CREATE VIRTUAL TABLE library_text USING fts5(
  title, summary, accounts, timeline, decisions, factors, lessons, actions,
  tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE library_anonymised_text USING fts5(
  title, summary, accounts, timeline, decisions, factors, lessons, actions,
  tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE library_lessons (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES library_entries(incident_id) ON DELETE CASCADE,
  anonymised INTEGER NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  authors TEXT NOT NULL
);
CREATE INDEX library_lessons_by_incident ON library_lessons (incident_id);
CREATE VIRTUAL TABLE library_lessons_text USING fts5(
  title, body, authors, content = 'library_lessons', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER library_lessons_added AFTER INSERT ON library_lessons BEGIN
  INSERT INTO library_lessons_text (rowid, title, body, authors)
  VALUES (new.id, new.title, new.body, new.authors);
END;
CREATE TRIGGER library_lessons_removed AFTER DELETE ON library_lessons BEGIN
  INSERT INTO library_lessons_text (library_lessons_text, rowid, title, body, authors)
  VALUES ('delete', old.id, old.title, old.body, old.authors);
END;
)";

}  // namespace

Result<std::unique_ptr<LibraryReplica>> LibraryReplica::Create() {
  // A folder of its own that only this user may enter (mkdtemp makes it 0700, under a name
  // nobody can have prepared): the replica holds every published review's text.
  std::string folder = (std::filesystem::temp_directory_path() / "debrief-library-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    return core::Error::Unavailable("cannot make a folder for the library's search index in " +
                                    std::filesystem::temp_directory_path().string());
  }
  auto replica =
      std::unique_ptr<LibraryReplica>(new LibraryReplica(folder, folder + "/library.db"));
  DEBRIEF_ASSIGN_OR_RETURN(replica->connection_, Connection::Open(replica->path_, {}));
  // A cache made anew at every start: nothing in it needs to survive a crash.
  DEBRIEF_RETURN_IF_ERROR(replica->connection_->Execute("PRAGMA synchronous = OFF"));
  DEBRIEF_RETURN_IF_ERROR(replica->connection_->Execute(kSchema));
  replica->index_ = std::make_unique<LibraryIndex>(*replica->connection_);
  return replica;
}

LibraryReplica::~LibraryReplica() {
  index_.reset();
  connection_.reset();
  Remove();
}

void LibraryReplica::Remove() {
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

Result<void> LibraryReplica::Apply(const std::vector<LibraryEntry>& entries) {
  for (const LibraryEntry& entry : entries) DEBRIEF_RETURN_IF_ERROR(index_->Put(entry));
  return core::Ok();
}

Result<void> LibraryReplica::Load(const std::vector<LibraryEntry>& entries) {
  if (entries.empty()) return core::Ok();
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("BEGIN"));
  for (const LibraryEntry& entry : entries) {
    if (auto put = index_->Put(entry); !put) {
      (void)connection_->Execute("ROLLBACK");
      return put.error();
    }
  }
  return connection_->Execute("COMMIT");
}

Result<std::unique_ptr<LibrarySearcher>> LibraryReplica::OpenSearcher() const {
  return OpenLibrarySearcherOn(*index_, path_);
}

}  // namespace debrief::store::sqlite
