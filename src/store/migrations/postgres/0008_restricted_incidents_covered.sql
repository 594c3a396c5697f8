-- Every list and search reads the restricted incidents with who opened and facilitates them
-- (app::HiddenIncidents): the index holds both, so the read never visits the incidents' rows.
DROP INDEX incidents_restricted;
CREATE INDEX incidents_restricted ON incidents (id) INCLUDE (created_by, facilitator_id)
  WHERE restricted = 1;
