-- Ledgerline schema v5 (issue 13): every registry change is a version with who and when, and
-- each submission records the registry version it was judged with.

-- One row per PUT /api/registry: the whole document, who stored it, when. Version 0 is the
-- embedded default and is never stored.
CREATE TABLE registry_versions (
  version INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  created_by_name TEXT
);

-- The registry already stored becomes its own first listed version.
INSERT INTO registry_versions (version, body, created_at, created_by, created_by_name)
  SELECT r.version, r.body, r.updated_at, r.updated_by, u.name
  FROM registry r LEFT JOIN users u ON u.id = r.updated_by;

-- The registry version a submission was judged with (at submission, or at its last re-judge);
-- null for submissions stored before versions were recorded.
ALTER TABLE submissions ADD COLUMN registry_version INTEGER;

UPDATE meta SET value = '5' WHERE key = 'schema_version';
