-- The lab's tables. One set of migrations for SQLite and PostgreSQL: portable SQL only, natural
-- keys (no auto-increment), times as epoch milliseconds, JSON as text.

CREATE TABLE users (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  is_admin    BOOLEAN      NOT NULL,
  created_at  BIGINT       NOT NULL
);

CREATE TABLE api_keys (
  key_hash    CHAR(64)     NOT NULL PRIMARY KEY,
  user_name   VARCHAR(64)  NOT NULL REFERENCES users (name),
  created_at  BIGINT       NOT NULL,
  revoked_at  BIGINT
);

CREATE TABLE projects (
  owner       VARCHAR(64)  NOT NULL,
  name        VARCHAR(64)  NOT NULL,
  created_at  BIGINT       NOT NULL,
  PRIMARY KEY (owner, name)
);

CREATE TABLE members (
  owner       VARCHAR(64)  NOT NULL,
  project     VARCHAR(64)  NOT NULL,
  user_name   VARCHAR(64)  NOT NULL REFERENCES users (name),
  PRIMARY KEY (owner, project, user_name),
  FOREIGN KEY (owner, project) REFERENCES projects (owner, name)
);

CREATE TABLE runs (
  owner       VARCHAR(64)  NOT NULL,
  project     VARCHAR(64)  NOT NULL,
  slug        VARCHAR(128) NOT NULL,
  name        VARCHAR(512) NOT NULL,
  p_id        INTEGER      NOT NULL,
  created_at  BIGINT       NOT NULL,
  PRIMARY KEY (owner, project, slug),
  UNIQUE (owner, project, p_id),
  FOREIGN KEY (owner, project) REFERENCES projects (owner, name)
);

CREATE TABLE configs (
  owner            VARCHAR(64)  NOT NULL,
  project          VARCHAR(64)  NOT NULL,
  slug             VARCHAR(128) NOT NULL,
  version          INTEGER      NOT NULL,
  body             TEXT         NOT NULL,
  idempotency_key  VARCHAR(128),
  created_at       BIGINT       NOT NULL,
  PRIMARY KEY (owner, project, slug, version),
  UNIQUE (owner, project, slug, idempotency_key),
  FOREIGN KEY (owner, project, slug) REFERENCES runs (owner, project, slug)
);

CREATE TABLE meta (
  owner       VARCHAR(64)  NOT NULL,
  project     VARCHAR(64)  NOT NULL,
  slug        VARCHAR(128) NOT NULL,
  meta_key    VARCHAR(256) NOT NULL,
  value       TEXT         NOT NULL,
  updated_at  BIGINT       NOT NULL,
  PRIMARY KEY (owner, project, slug, meta_key),
  FOREIGN KEY (owner, project, slug) REFERENCES runs (owner, project, slug)
);
