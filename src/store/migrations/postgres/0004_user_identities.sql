-- People who sign in through an OpenID provider: the provider's issuer and the subject it gives
-- them, one user each. A user may have none (password sign-in) or several (providers changed).
CREATE TABLE user_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_by_user ON user_identities (user_id);
