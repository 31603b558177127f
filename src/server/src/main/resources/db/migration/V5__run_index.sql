-- The runs table of the web pages, served in time that grows with the page, not with the project.
--
-- Each run carries a summary of its config history: how many versions (versions are gapless, so
-- this is also the latest version's number), when the latest was pushed (NULL: never) and the
-- template that version was validated against (all four NULL: none). The lab keeps it current in
-- the transaction of every push that creates a version.
ALTER TABLE runs ADD COLUMN versions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN last_push BIGINT;
ALTER TABLE runs ADD COLUMN template_owner VARCHAR(64);
ALTER TABLE runs ADD COLUMN template_project VARCHAR(64);
ALTER TABLE runs ADD COLUMN template_name VARCHAR(64);
ALTER TABLE runs ADD COLUMN template_version INTEGER;

UPDATE runs SET
  versions = COALESCE((SELECT MAX(c.version) FROM configs c
      WHERE c.owner = runs.owner AND c.project = runs.project AND c.slug = runs.slug), 0),
  last_push = (SELECT MAX(c.created_at) FROM configs c
      WHERE c.owner = runs.owner AND c.project = runs.project AND c.slug = runs.slug);

UPDATE runs SET
  template_owner = (SELECT c.template_owner FROM configs c WHERE c.owner = runs.owner
      AND c.project = runs.project AND c.slug = runs.slug AND c.version = runs.versions),
  template_project = (SELECT c.template_project FROM configs c WHERE c.owner = runs.owner
      AND c.project = runs.project AND c.slug = runs.slug AND c.version = runs.versions),
  template_name = (SELECT c.template_name FROM configs c WHERE c.owner = runs.owner
      AND c.project = runs.project AND c.slug = runs.slug AND c.version = runs.versions),
  template_version = (SELECT c.template_version FROM configs c WHERE c.owner = runs.owner
      AND c.project = runs.project AND c.slug = runs.slug AND c.version = runs.versions)
WHERE versions > 0;

-- A run's latest config (src 'c') and its metadata (src 'm') flattened: one row per node below the
-- root (an object, an array or a scalar), at most 10,000 per source and run. value_path is the
-- node's keys (array indices as digits) as a JSON array of strings, so a key holding a dot stays
-- one key; root_key is its first element (for metadata: the entry's key). kind_rank orders the
-- kinds and names them: 0 number, 1 string, 2 boolean, 3 null, 4 array, 5 object. num: a number's
-- value as a double (a boolean's 0 or 1), the order of numbers; str: a string's value, or a
-- number's exact value written canonically (1.0 and 1 both 1), or true/false; prefix: a string's
-- first 200 code points (what the indexes hold, as a long string does not fit in an index entry,
-- and so what strings sort by; a filter compares whole strings);
-- json_text: a scalar's JSON text, numbers exactly as pushed (NULL for an object or an array);
-- created_at and p_id: the run's, so that an index orders equal values newest first.
CREATE TABLE run_values (
  owner       VARCHAR(64)   NOT NULL,
  project     VARCHAR(64)   NOT NULL,
  slug        VARCHAR(128)  NOT NULL,
  src         CHAR(1)       NOT NULL,
  value_path  VARCHAR(1024) NOT NULL,
  root_key    VARCHAR(1024) NOT NULL,
  kind_rank   SMALLINT      NOT NULL,
  num         DOUBLE PRECISION,
  str         TEXT,
  prefix      VARCHAR(800),
  json_text   TEXT,
  created_at  BIGINT        NOT NULL,
  p_id        INTEGER       NOT NULL,
  PRIMARY KEY (owner, project, slug, src, value_path),
  FOREIGN KEY (owner, project, slug) REFERENCES runs (owner, project, slug)
);

-- Each sort walks one index in its exact order, ties newest first whatever the direction: an
-- ascending sort walks the index holding (key, created_at DESC, p_id DESC) forwards, a descending
-- one the index holding (key, created_at, p_id) backwards. Where ties are rare (names, last
-- pushes) one index serves both. An equality filter walks the same indexes newest first.
CREATE INDEX run_values_up ON run_values
  (owner, project, src, value_path, kind_rank, num, prefix, created_at DESC, p_id DESC);
CREATE INDEX run_values_down ON run_values
  (owner, project, src, value_path, kind_rank, num, prefix, created_at, p_id);
CREATE INDEX runs_by_created ON runs (owner, project, created_at, p_id);
CREATE INDEX runs_by_name ON runs (owner, project, name, created_at DESC, p_id DESC);
CREATE INDEX runs_by_versions_up ON runs (owner, project, versions, created_at DESC, p_id DESC);
CREATE INDEX runs_by_versions_down ON runs (owner, project, versions, created_at, p_id);
CREATE INDEX runs_by_last_push ON runs (owner, project, last_push, created_at DESC, p_id DESC);
CREATE INDEX runs_by_template_up ON runs (owner, project, template_owner, template_project,
  template_name, template_version, created_at DESC, p_id DESC);
CREATE INDEX runs_by_template_down ON runs (owner, project, template_owner, template_project,
  template_name, template_version, created_at, p_id);
