-- API tokens can expire, and their owner or an admin can revoke one, which ends it at once. A
-- revoked token stays listed (with when it was revoked) so people can tell what happened to it.
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;
