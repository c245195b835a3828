-- Ledgerline schema v4 (issue 12): a short receipt number a clerk can read over the phone. One
-- Worker serves one township, so a sequence over its submissions is the township's sequence; the
-- UUID stays the submission's id behind it.
ALTER TABLE submissions ADD COLUMN receipt_no INTEGER;

-- Submissions stored before this migration are numbered in the order they were made.
UPDATE submissions SET receipt_no = (
  SELECT COUNT(*) FROM submissions p
  WHERE p.created_at < submissions.created_at
     OR (p.created_at = submissions.created_at AND p.id <= submissions.id)
);

CREATE UNIQUE INDEX submissions_receipt_no ON submissions (receipt_no);

UPDATE meta SET value = '4' WHERE key = 'schema_version';
