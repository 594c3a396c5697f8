-- Review templates: the sections a review shows, in order, and the extra questions each asks,
-- for every severity ('default') or for one; and the answers to those questions, records of an
-- incident like any other, each keeping the question it answers.
CREATE TABLE review_templates (
  severity TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  sections TEXT NOT NULL  -- JSON: [{"section": "timeline", "questions": ["..."]}, ...]
);

CREATE TABLE review_answers (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  section TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL
);
CREATE INDEX review_answers_by_incident ON review_answers (incident_id, id);
