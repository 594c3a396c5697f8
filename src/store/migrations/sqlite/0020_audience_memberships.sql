-- Who was in which audience of an incident (a chat channel, an alert receiver) and when: what
-- reached the audience then reached them (core/knowledge.h). `since` and `until` are epoch
-- milliseconds, NULL for "before anything was recorded" and "still a member". `source` names what
-- recorded the span ("import:slack:C0123", "manual"); importing the same source again replaces
-- its spans.
CREATE TABLE audience_memberships (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  audience TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  since INTEGER,
  until INTEGER,
  source TEXT NOT NULL
);
CREATE INDEX audience_memberships_by_incident ON audience_memberships (incident_id, source);
