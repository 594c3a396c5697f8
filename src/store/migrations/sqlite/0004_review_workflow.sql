-- The review workflow: named reviewers with their decisions, comments anchored to parts of the
-- review, and per-severity review rules.
CREATE TABLE reviewers (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  decision TEXT NOT NULL,
  decided_at INTEGER,
  note TEXT NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (incident_id, user_id)
);

CREATE TABLE review_comments (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  anchor TEXT NOT NULL,
  body TEXT NOT NULL,
  resolved INTEGER NOT NULL,
  reply_to INTEGER REFERENCES review_comments(id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX review_comments_by_incident ON review_comments(incident_id);

CREATE TABLE review_rules (
  severity TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  review_required INTEGER NOT NULL,
  approvals_required INTEGER NOT NULL,
  due_business_days INTEGER
);
-- The most severe incidents are reviewed before they are published, and soon.
INSERT INTO review_rules VALUES ('SEV1', 1, 1, 1, 5), ('SEV2', 1, 1, 1, 10);
