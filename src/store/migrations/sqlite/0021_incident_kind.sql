-- An incident, or a near miss: harm that did not happen, reviewed like an incident.
ALTER TABLE incidents ADD COLUMN kind TEXT NOT NULL DEFAULT 'incident'
  CHECK (kind IN ('incident', 'near_miss'));
