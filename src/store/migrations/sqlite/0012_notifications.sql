-- Notifications: what each person is told (in the app's inbox), how they are told it (each
-- e-mail or chat message a delivery, retried like a webhook's), and what each person chose.
-- A notification holds a sentence and a link, never the words of an account or a comment.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
  incident_key TEXT NOT NULL,
  title TEXT NOT NULL,
  path TEXT NOT NULL,
  dedup_key TEXT NOT NULL,
  actor_id INTEGER,
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  UNIQUE (user_id, dedup_key)
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE notification_deliveries (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'chat')),
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at)
  WHERE status = 'pending';

CREATE TABLE notification_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  email_kinds TEXT NOT NULL,  -- JSON arrays of kinds.
  chat_kinds TEXT NOT NULL,
  email_digest_hour INTEGER CHECK (email_digest_hour BETWEEN 0 AND 23),
  chat_webhook_url TEXT NOT NULL DEFAULT '',
  chat_format TEXT NOT NULL DEFAULT 'slack'
);
