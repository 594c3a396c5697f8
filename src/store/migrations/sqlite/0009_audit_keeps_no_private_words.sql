-- The audit log kept the words of accounts, their entries and comments as they changed, so an
-- admin could read a private draft, even what its author deleted before releasing it. Entries of
-- those records now say which fields changed and nothing more (core/audit_privacy.h); this
-- rewrites the entries written before, keeping only the values that are state, not words. The
-- store runs migrations with secure_delete on, so the old words are overwritten in the file too.
UPDATE audit_log
SET diff = CASE
  WHEN json_valid(diff) AND json_type(diff) = 'object' THEN (
    SELECT COALESCE(json_group_object(field.key, CASE
      WHEN (audit_log.entity = 'accounts' AND field.key = 'visibility')
        OR (audit_log.entity = 'review_comments' AND field.key IN ('resolved', 'anchor', 'reply_to'))
        THEN CASE WHEN field.type IN ('object', 'array') THEN json(field.value) ELSE field.value END
      ELSE json('{"changed":true}')
    END), '{}')
    FROM json_each(audit_log.diff) AS field)
  ELSE '{}'
END
WHERE entity IN ('accounts', 'account_entries', 'review_comments');
