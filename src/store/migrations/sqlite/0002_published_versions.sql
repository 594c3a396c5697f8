-- Published versions of reviews: immutable snapshots, numbered per incident.
CREATE TABLE published_versions (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  published_by INTEGER NOT NULL REFERENCES users(id),
  snapshot TEXT NOT NULL,
  UNIQUE (incident_id, number)
);
