-- Users carry a version like every other record people edit, so that an admin who changes a
-- person's role or name from a page read before someone else's change is told, not obeyed
-- (If-Match on PATCH /users/{id}).
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
