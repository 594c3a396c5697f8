-- Files incidents were imported from (postmortems written in Markdown), kept whole beside the
-- incident; the digest of a file's bytes finds it again, so importing it twice adds nothing.
CREATE TABLE imported_documents (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  digest TEXT NOT NULL UNIQUE,
  content TEXT NOT NULL,
  imported_at INTEGER NOT NULL
);
CREATE INDEX imported_documents_by_incident ON imported_documents(incident_id);
