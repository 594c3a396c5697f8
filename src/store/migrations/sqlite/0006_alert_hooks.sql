-- Inbound alert hooks (Alertmanager posts here), and where each alert firing they received went,
-- so a notification delivered again, or repeated while the alert fires, lands where the first did.
CREATE TABLE alert_hooks (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  name TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  routes TEXT NOT NULL,
  open_incidents INTEGER NOT NULL,
  severity TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id)
);

CREATE TABLE alert_hook_firings (
  hook_id INTEGER NOT NULL REFERENCES alert_hooks(id) ON DELETE CASCADE,
  firing_key TEXT NOT NULL,
  group_key TEXT NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (hook_id, firing_key)
) WITHOUT ROWID;
CREATE INDEX alert_hook_firings_by_group ON alert_hook_firings(hook_id, group_key, received_at);
