-- An incident's events are listed in id order (the order they were recorded in), and nothing
-- looks them up by time in SQL. Indexed by (incident_id, at), listing a hundred thousand imported
-- events sorted them every time; indexed by (incident_id, id) they come out in order, and the
-- import keeps the same number of indexes up to date.
DROP INDEX timeline_events_by_incident;
CREATE INDEX timeline_events_in_id_order ON timeline_events(incident_id, id);
