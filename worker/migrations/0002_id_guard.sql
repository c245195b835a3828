-- Ledgerline schema v2: a guard that makes the cross-branch ID check part of the submission's
-- transaction. The submission batch inserts a row only when another branch's current roll of the
-- same period already holds one of its ID numbers; the CHECK then fails and the whole batch rolls
-- back, so two branches submitting the same member at the same moment cannot both succeed.
CREATE TABLE id_guard (
  conflict INTEGER NOT NULL CHECK (conflict = 0)
);
UPDATE meta SET value = '2' WHERE key = 'schema_version';
