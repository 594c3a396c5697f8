-- An incident's generation is now read from its audit entries (one past the highest generation
-- they carry, taken inside the write's transaction), so the counter table of 0016 goes: keeping
-- it current wrote one more page for every audited write. So does the index by (incident_id,
-- id), which served the incident's latest entry as its generation before 0016 and which nothing
-- reads any more (the audit list walks the log by id); the one by (incident_id, generation)
-- answers both the generation and what changed after one.
DROP TABLE incident_generations;
DROP INDEX audit_log_by_incident;
