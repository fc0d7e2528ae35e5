-- What the plan's read found for each asset, so the run need not read the agency's business again
-- before removing (issue #16: an offboarding reuses the plan's read). Null when the plan could not
-- read it (the run then reads). `planned_at` is when that read was made; a stale one is read again.
ALTER TABLE offboardings ADD COLUMN planned_at timestamptz;
ALTER TABLE offboarding_steps ADD COLUMN planned_holding text
  CHECK (planned_holding IN ('held', 'pending', 'absent'));
