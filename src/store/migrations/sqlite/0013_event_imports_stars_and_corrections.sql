-- The timeline can be edited like a document:
-- - each import is one unit, listed with who brought in what and how much, and can be undone
--   until the review is published (its events carry the import's id);
-- - key events are starred, and the short export keeps only those;
-- - an imported event's text can be corrected, keeping the text its source wrote.
CREATE TABLE event_imports (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  format TEXT NOT NULL,      -- "slack", "alertmanager", "jsonl", "paste", ...
  name TEXT NOT NULL,        -- What was imported: a file name, a channel, a hook.
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  added INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  undone_at INTEGER,
  undone_by INTEGER,
  removed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_imports_by_incident ON event_imports (incident_id, id);

ALTER TABLE timeline_events ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE timeline_events ADD COLUMN original_text TEXT NOT NULL DEFAULT '';
ALTER TABLE timeline_events ADD COLUMN import_id INTEGER;
CREATE INDEX timeline_events_by_import ON timeline_events (import_id) WHERE import_id IS NOT NULL;
