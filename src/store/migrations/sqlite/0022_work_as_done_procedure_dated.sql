-- When the procedure a work-as-done record quotes was written or last changed: one dated after
-- the incident began is a rule the people did not have.
ALTER TABLE work_as_done ADD COLUMN procedure_dated INTEGER;
