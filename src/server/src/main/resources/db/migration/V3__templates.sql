-- The template registry: a project's templates (compatibility mode, newest version) and their
-- versions (immutable: the schema text as published, its SHA-256, publisher and time). A version's
-- content hash (the SHA-256 of its JSON written compactly, key order kept) is unique per template:
-- publishing a text equal in content to a version's (other whitespace) returns that version. A config
-- version records the template version it was validated against (NULL: none, as before).

CREATE TABLE templates (
  owner       VARCHAR(64)  NOT NULL,
  project     VARCHAR(64)  NOT NULL,
  name        VARCHAR(64)  NOT NULL,
  mode        VARCHAR(32)  NOT NULL,
  latest      INTEGER      NOT NULL,
  created_at  BIGINT       NOT NULL,
  updated_at  BIGINT       NOT NULL,
  PRIMARY KEY (owner, project, name),
  FOREIGN KEY (owner, project) REFERENCES projects (owner, name)
);

CREATE TABLE template_versions (
  owner         VARCHAR(64)  NOT NULL,
  project       VARCHAR(64)  NOT NULL,
  name          VARCHAR(64)  NOT NULL,
  version       INTEGER      NOT NULL,
  body          TEXT         NOT NULL,
  sha256        CHAR(64)     NOT NULL,
  content_sha256 CHAR(64)    NOT NULL,
  published_by  VARCHAR(64)  NOT NULL REFERENCES users (name),
  published_at  BIGINT       NOT NULL,
  PRIMARY KEY (owner, project, name, version),
  UNIQUE (owner, project, name, content_sha256),
  FOREIGN KEY (owner, project, name) REFERENCES templates (owner, project, name)
);

-- All four are NULL for a config pushed without a template (and for every version stored before
-- this migration). SQLite cannot add a table constraint to an existing table, so no foreign key:
-- template versions are never deleted, and the lab records one only after validating against it.
ALTER TABLE configs ADD COLUMN template_owner VARCHAR(64);
ALTER TABLE configs ADD COLUMN template_project VARCHAR(64);
ALTER TABLE configs ADD COLUMN template_name VARCHAR(64);
ALTER TABLE configs ADD COLUMN template_version INTEGER;
