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
-- first 200 code points (what the index holds, as a long string does not fit in an index entry);
-- json_text: a scalar's JSON text, numbers exactly as pushed (NULL for an object or an array).
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
  PRIMARY KEY (owner, project, slug, src, value_path),
  FOREIGN KEY (owner, project, slug) REFERENCES runs (owner, project, slug)
);

-- A sort or a filter on a path walks this index in the order of the values.
CREATE INDEX run_values_by_value ON run_values (owner, project, src, value_path, kind_rank, num, prefix);

-- The sorts on the run's own attributes; the default page walks runs_by_created backwards.
CREATE INDEX runs_by_created ON runs (owner, project, created_at, p_id);
CREATE INDEX runs_by_name ON runs (owner, project, name);
CREATE INDEX runs_by_versions ON runs (owner, project, versions);
CREATE INDEX runs_by_last_push ON runs (owner, project, last_push);
CREATE INDEX runs_by_template ON runs (owner, project, template_owner, template_project, template_name, template_version);
