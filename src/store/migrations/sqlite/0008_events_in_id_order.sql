-- An incident's events are listed in id order (the order they were recorded in). With only the
-- (incident_id, at) and (incident_id, source) indexes, listing a hundred thousand imported
-- events sorted them each time; this index hands them out in order.
CREATE INDEX timeline_events_in_id_order ON timeline_events(incident_id, id);
