-- Ledgerline schema v1: registry, users and tokens, submissions with versions, records, audit.

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('schema_version', '1');

-- The township's registry: one JSON row, versioned. Absent = the embedded default (老牛湾镇).
CREATE TABLE registry (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'office', 'branch')),
  branch TEXT,
  created_at TEXT NOT NULL,
  CHECK ((role = 'branch') = (branch IS NOT NULL))
);

-- Tokens are stored only as the SHA-256 hex of the token string.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX tokens_user ON tokens (user_id);

-- One row per submitted version of (scope, kind, period); scope = a branch's canonical name or 'office'.
CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  scope TEXT NOT NULL,
  period TEXT NOT NULL,
  version INTEGER NOT NULL,
  current INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'returned')),
  return_comment TEXT,
  returned_by TEXT,
  returned_at TEXT,
  submitted_by TEXT NOT NULL REFERENCES users (id),
  on_behalf INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
  created_at TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  sheet_name TEXT NOT NULL,
  findings TEXT NOT NULL DEFAULT '[]',
  summary TEXT NOT NULL DEFAULT '{}',
  rows INTEGER NOT NULL,
  warnings INTEGER NOT NULL DEFAULT 0,
  UNIQUE (scope, kind, period, version),
  UNIQUE (submitted_by, idempotency_key)
);
CREATE UNIQUE INDEX submissions_one_current ON submissions (scope, kind, period) WHERE current = 1;
CREATE INDEX submissions_period ON submissions (period, kind);

-- The raw sheet (ID numbers masked) as JSON, split into parts well under D1's 2 MB per value.
CREATE TABLE submission_sheets (
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  part INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (submission_id, part)
);

-- Normalised rows; ID numbers masked in `data`, their HMAC in `id_hmac` for cross-submission uniqueness.
CREATE TABLE records (
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  row_no INTEGER NOT NULL,
  data TEXT NOT NULL,
  id_hmac TEXT,
  PRIMARY KEY (submission_id, row_no)
);
CREATE INDEX records_id_hmac ON records (id_hmac) WHERE id_hmac IS NOT NULL;

CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ts TEXT NOT NULL,
  user_id TEXT,
  user_name TEXT,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT
);
CREATE INDEX audit_ts ON audit (ts);
