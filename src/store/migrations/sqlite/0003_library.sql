-- The library: the latest published version of each review, as readers search it. Everything
-- here is a copy of a published version and is rebuilt from published_versions when missing.
CREATE TABLE library_entries (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  version INTEGER NOT NULL,
  severity TEXT NOT NULL,
  services TEXT NOT NULL,           -- JSON arrays of strings.
  tags TEXT NOT NULL,
  factor_categories TEXT NOT NULL,
  started_at INTEGER,
  published_at INTEGER NOT NULL,
  title TEXT NOT NULL,
  anonymised_title TEXT NOT NULL
);

-- Bumped by every change to the library, so a process can tell its in-memory view is stale.
CREATE TABLE library_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO library_state (id, generation) VALUES (1, 0);

-- One row per review (rowid = incident id), as members read it and anonymised. Porter stemming
-- so "timeouts" finds "timeout"; diacritics folded so "Zoë" finds "Zoe".
CREATE VIRTUAL TABLE library_text USING fts5(
  title, summary, accounts, timeline, factors, lessons, actions,
  tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE library_anonymised_text USING fts5(
  title, summary, accounts, timeline, factors, lessons, actions,
  tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TABLE library_lessons (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES library_entries(incident_id) ON DELETE CASCADE,
  anonymised INTEGER NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  authors TEXT NOT NULL             -- JSON array of names (role labels when anonymised).
);
CREATE INDEX library_lessons_by_incident ON library_lessons (incident_id);

-- The lessons' full-text index reads its text from library_lessons (external content), kept in
-- step by these triggers.
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
