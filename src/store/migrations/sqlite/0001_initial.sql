-- The first schema: users and their credentials, incidents and everything a review records,
-- and the audit log. Times are milliseconds since the Unix epoch (UTC); lists are JSON arrays.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'member', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);

CREATE TABLE incident_key_counters (
  year INTEGER PRIMARY KEY,
  last_number INTEGER NOT NULL
);

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  key TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  review_status TEXT NOT NULL,
  services TEXT NOT NULL,
  tags TEXT NOT NULL,
  started_at INTEGER,
  detected_at INTEGER,
  mitigated_at INTEGER,
  resolved_at INTEGER,
  impact TEXT NOT NULL,
  facilitator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_by INTEGER NOT NULL
);
CREATE INDEX incidents_by_status ON incidents(status, id);
CREATE INDEX incidents_by_severity ON incidents(severity, id);

CREATE TABLE participants (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL
);
CREATE INDEX participants_by_incident ON participants(incident_id);
CREATE UNIQUE INDEX participants_one_per_user ON participants(incident_id, user_id)
  WHERE user_id IS NOT NULL;

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES users(id),
  narrative TEXT NOT NULL,
  visibility TEXT NOT NULL
);
CREATE INDEX accounts_by_incident ON accounts(incident_id);
CREATE UNIQUE INDEX accounts_one_per_participant ON accounts(participant_id);

CREATE TABLE account_entries (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  uncertainty_minutes INTEGER,
  did TEXT NOT NULL,
  saw TEXT NOT NULL,
  expected TEXT NOT NULL,
  assumed TEXT NOT NULL,
  looking_at TEXT NOT NULL,
  same_as TEXT NOT NULL,
  seen_event_ids TEXT NOT NULL
);
CREATE INDEX account_entries_by_incident ON account_entries(incident_id);
CREATE INDEX account_entries_by_account ON account_entries(account_id);

CREATE TABLE timeline_events (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  actor TEXT NOT NULL,
  source TEXT NOT NULL,
  evidence_links TEXT NOT NULL,
  visible_to TEXT NOT NULL
);
CREATE INDEX timeline_events_by_incident ON timeline_events(incident_id, at);
-- An imported event is stored once, however often its source delivers it.
CREATE UNIQUE INDEX timeline_events_one_per_source ON timeline_events(incident_id, source)
  WHERE source <> 'manual';

CREATE TABLE decision_points (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  who TEXT NOT NULL,
  situation TEXT NOT NULL,
  seen_event_ids TEXT NOT NULL,
  options TEXT NOT NULL,
  choice TEXT NOT NULL,
  rationale TEXT NOT NULL,
  pressures TEXT NOT NULL
);
CREATE INDEX decision_points_by_incident ON decision_points(incident_id);

CREATE TABLE contributing_factors (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  text TEXT NOT NULL,
  evidence_links TEXT NOT NULL
);
CREATE INDEX contributing_factors_by_incident ON contributing_factors(incident_id);

CREATE TABLE work_as_done (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  procedure TEXT NOT NULL,
  prescribed TEXT NOT NULL,
  done TEXT NOT NULL,
  why TEXT NOT NULL
);
CREATE INDEX work_as_done_by_incident ON work_as_done(incident_id);

CREATE TABLE action_items (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  due_on TEXT,
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  wont_do_reason TEXT NOT NULL,
  kind TEXT NOT NULL,
  factor_ids TEXT NOT NULL,
  tracker_url TEXT NOT NULL
);
CREATE INDEX action_items_by_incident ON action_items(incident_id);
CREATE INDEX action_items_by_owner ON action_items(owner_id, status);

CREATE TABLE lessons (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  author_ids TEXT NOT NULL
);
CREATE INDEX lessons_by_incident ON lessons(incident_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  incident_id INTEGER,
  diff TEXT NOT NULL
);
CREATE INDEX audit_log_by_incident ON audit_log(incident_id, id);
