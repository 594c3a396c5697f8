-- Sign-ins begun at an identity provider and not yet back: the state's hash (the browser holds
-- the state), the nonce the ID token must carry and the PKCE verifier, which never leaves the
-- server. Each is taken once; rows older than the sign-in window are dropped as new ones come.
CREATE TABLE pending_sign_ins (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX pending_sign_ins_by_age ON pending_sign_ins (created_at);
