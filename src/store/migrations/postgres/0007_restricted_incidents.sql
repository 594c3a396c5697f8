-- Restricted incidents: seen only by their own people (who opened it, its facilitator, its
-- participants with a login) and the readers named here, users or groups, one of each per row.
ALTER TABLE incidents ADD COLUMN restricted bigint NOT NULL DEFAULT 0;
CREATE TABLE incident_readers (
  incident_id bigint NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  user_id bigint REFERENCES users(id) ON DELETE CASCADE,
  group_id bigint REFERENCES user_groups(id) ON DELETE CASCADE,
  CHECK ((user_id IS NULL) <> (group_id IS NULL))
);
CREATE UNIQUE INDEX incident_readers_users ON incident_readers (incident_id, user_id)
  WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX incident_readers_groups ON incident_readers (incident_id, group_id)
  WHERE group_id IS NOT NULL;
CREATE INDEX incidents_restricted ON incidents (id) WHERE restricted = 1;
