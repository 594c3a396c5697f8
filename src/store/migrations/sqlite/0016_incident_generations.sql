-- Each incident's generation: a counter bumped in the transaction of every write to the incident
-- or to anything in it, and written on that write's audit entry. Caches and incremental reads
-- are keyed by it. It replaces "the incident's latest audit id", which held only while ids were
-- handed out in commit order (one writer at a time); a counter taken inside the write's own
-- transaction holds whatever order ids are drawn in.
CREATE TABLE incident_generations (
  incident_id INTEGER PRIMARY KEY,
  generation INTEGER NOT NULL
);
ALTER TABLE audit_log ADD COLUMN generation INTEGER;
-- Entries written before this were ordered by id, so their ids serve as their generations, and
-- each incident's counter goes on from its latest one.
UPDATE audit_log SET generation = id WHERE incident_id IS NOT NULL;
INSERT INTO incident_generations (incident_id, generation)
  SELECT incident_id, max(id) FROM audit_log WHERE incident_id IS NOT NULL GROUP BY incident_id;
CREATE INDEX audit_log_by_incident_generation ON audit_log (incident_id, generation)
  WHERE incident_id IS NOT NULL;
