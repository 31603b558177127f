-- Browser sessions of the web pages (signed in with an API key through the sign-in form). Only the
-- SHA-256 of a session's token is stored; a session belongs to the key it was opened with, so that
-- revoking the key ends its sessions. Times are epoch milliseconds.

CREATE TABLE sessions (
  token_hash  CHAR(64)     NOT NULL PRIMARY KEY,
  key_hash    CHAR(64)     NOT NULL REFERENCES api_keys (key_hash),
  created_at  BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL
);

CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE INDEX sessions_key ON sessions (key_hash);
