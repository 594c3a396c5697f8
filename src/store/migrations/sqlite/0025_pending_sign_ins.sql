-- Sign-ins begun at an identity provider and not yet back: the state's hash (the browser holds
-- the state), the nonce the ID token must carry and the PKCE verifier, which never leaves the
-- server. Each is taken once; rows older than the sign-in window are dropped as new ones come.
CREATE TABLE pending_sign_ins (
  state_hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX pending_sign_ins_by_age ON pending_sign_ins (created_at);
