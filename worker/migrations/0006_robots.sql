-- Ledgerline schema v6 (issue 15): group robots for scheduled 催报, and one row per reminder sent.

-- A group robot the admin configured. The webhook address and the signing secret are AES-GCM
-- ciphertexts under ROBOTS_KEY (worker/lib/crypto.ts); `webhook_hint` is the masked form the API shows.
CREATE TABLE robots (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('wecom', 'dingtalk', 'feishu')),
  -- Whose reminders go to this group: 'all', 'office', or a branch's canonical name.
  audience TEXT NOT NULL,
  webhook TEXT NOT NULL,
  secret TEXT,
  webhook_hint TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One reminder: robot × audience (a branch or 'office') × due date × step. The row is claimed
-- ('sending') before the first attempt, so a reminder is never sent twice; a failed one waits
-- for `next_at` and is retried by the next scheduled runs until `expires_at`.
CREATE TABLE reminder_sends (
  robot_id TEXT NOT NULL,
  audience TEXT NOT NULL,
  due TEXT NOT NULL,
  step TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'cancelled', 'expired')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_at TEXT,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (robot_id, audience, due, step)
);
CREATE INDEX reminder_sends_retry ON reminder_sends (state, next_at);

UPDATE meta SET value = '6' WHERE key = 'schema_version';
