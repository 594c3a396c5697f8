-- What people told the language checker. A dismissal ("not blame here" on one finding) names the
-- rule and a hash of the sentence's folded words, never the sentence: hints in an account stay as
-- private as the account. `phrase` is the rule's own phrase that matched ("just"), kept only when
-- it is one of the rule pack's phrases, so an admin can see which phrases draw dismissals.
CREATE TABLE language_dismissals (
  id INTEGER PRIMARY KEY,
  rule_id TEXT NOT NULL,
  sentence_hash TEXT NOT NULL,
  phrase TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (rule_id, sentence_hash, user_id)
);

-- The organisation's allow-entries: a finding of `rule_id` ('' for any rule) inside `phrase` is
-- not reported.
CREATE TABLE language_allow_entries (
  id INTEGER PRIMARY KEY,
  rule_id TEXT NOT NULL DEFAULT '',
  phrase TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (rule_id, phrase)
);

-- Moves on every write to either table, in the same transaction: a server caches what it read
-- until another instance (or itself) writes.
CREATE TABLE language_feedback_version (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  version INTEGER NOT NULL
);
INSERT INTO language_feedback_version (only_row, version) VALUES (1, 1);
