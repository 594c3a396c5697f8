-- The review pulse: who answered (so no one answers twice) and the answers' counts, kept apart
-- so no answer sits beside the person who gave it. WITHOUT ROWID: rows are in key order, not in
-- the order they were written, so the two tables cannot be matched up by when rows arrived.
CREATE TABLE pulse_respondents (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (incident_id, user_id)
) WITHOUT ROWID;

CREATE TABLE pulse_counts (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  question TEXT NOT NULL CHECK (question IN ('learned', 'again')),
  answer TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (incident_id, question, answer)
) WITHOUT ROWID;
