-- Ledgerline schema v3 (issue 8): ID numbers that cannot be rebuilt, attempts, accounts.
--
-- What SQL cannot do is left to the Worker's one-off re-mask (worker/lib/remask.ts), which runs on
-- the first authenticated request after this migration (meta 'remask' = 'pending') and before any
-- stored text is served: masks of revision 1 (first 6 + last 4) cut to the first 6, ID numbers
-- typed in forms the old scanner missed (spaces, full-width digits, invisible characters) masked,
-- and body hashes keyed with ID_HMAC_KEY (a plain SHA-256 of a sheet can be brute-forced back to
-- the ID numbers its masked copy hides). NFKC and HMAC have no SQL form.

-- Accounts: a disabled user's tokens stop at once; a token may carry an expiry (UTC instant).
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE tokens ADD COLUMN expires_at TEXT;

-- The fingerprint of the key an ID number's HMAC was made with, so a change of key is seen and
-- carried over (docs/privacy.md, "Changing the key") instead of silently losing the duplicate check.
ALTER TABLE records ADD COLUMN id_key TEXT;

-- Findings per code, counted before the stored list was cut to its first 1,000.
ALTER TABLE submissions ADD COLUMN finding_counts TEXT NOT NULL DEFAULT '{}';

-- An idempotency key names one attempt; its answer (a new version, or "unchanged" naming the
-- current one) is what a retry of that attempt gets back.
CREATE TABLE attempts (
  user_id TEXT NOT NULL REFERENCES users (id),
  idempotency_key TEXT NOT NULL,
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  outcome TEXT NOT NULL CHECK (outcome IN ('created', 'unchanged')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);
INSERT INTO attempts (user_id, idempotency_key, submission_id, outcome, created_at)
  SELECT submitted_by, idempotency_key, id, 'created', created_at FROM submissions;

-- Rolls (党员花名册) a branch had checked against the other branches' rolls, per Shanghai day,
-- and how many of them were refused for a clash: the cross-branch check is rate-limited.
CREATE TABLE roll_checks (
  scope TEXT NOT NULL,
  day TEXT NOT NULL,
  checked INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, day)
);

INSERT OR REPLACE INTO meta (key, value) VALUES ('remask', 'pending');
UPDATE meta SET value = '3' WHERE key = 'schema_version';
