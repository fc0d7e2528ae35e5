-- The access lifecycle: verification sweeps and each granted asset's last reading, drift alerts
-- with their one-click re-request, offboardings with one step per asset (each revoke recorded
-- before the next), and the reminders sent before a request's access end date.

CREATE TABLE verification_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'dashboard', 'api', 'cli', 'retry')),
  requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed')),
  -- Counts per outcome once completed: {"holds": n, "downgraded": n, "lost": n, "unknown": n}.
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX verification_runs_agency_idx ON verification_runs (agency_id, created_at DESC);

-- The latest reading of one granted asset. A failed read is 'unknown' (retrying), never 'lost'.
CREATE TABLE grant_checks (
  grant_id uuid PRIMARY KEY REFERENCES grants(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  run_id uuid REFERENCES verification_runs(id) ON DELETE SET NULL,
  outcome text NOT NULL CHECK (outcome IN ('holds', 'downgraded', 'lost', 'unknown')),
  expected_level text NOT NULL,
  level_found text,
  -- When the asset last read as held, downgraded or lost (a real answer from the platform).
  verified_at timestamptz,
  checked_at timestamptz NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  last_error text,
  drift_since timestamptz,
  alert_id uuid
);
CREATE INDEX grant_checks_agency_idx ON grant_checks (agency_id, outcome);

CREATE TABLE drift_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  run_id uuid REFERENCES verification_runs(id) ON DELETE SET NULL,
  -- [{grantId, platform, assetType, assetId, assetName, expectedLevel, outcome, levelFound, requestId}]
  items jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  dismissed_at timestamptz,
  rerequest_id uuid REFERENCES access_requests(id) ON DELETE SET NULL
);
CREATE INDEX drift_alerts_agency_idx ON drift_alerts (agency_id, created_at DESC);

-- The exact assets a re-request asks for again (the request items name types and levels only).
CREATE TABLE rerequest_assets (
  request_id uuid NOT NULL REFERENCES access_requests(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  grant_id uuid NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
  platform text NOT NULL,
  asset_type text NOT NULL,
  asset_id text NOT NULL,
  permission_level text NOT NULL,
  PRIMARY KEY (request_id, grant_id)
);

CREATE TABLE offboardings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  client_id uuid REFERENCES clients(id) ON DELETE SET NULL,
  request_id uuid REFERENCES access_requests(id) ON DELETE SET NULL,
  -- null: every platform.
  platform text,
  reason text NOT NULL CHECK (reason IN ('manual', 'expiry')),
  status text NOT NULL DEFAULT 'running'
    CHECK (status IN ('running', 'verifying', 'completed', 'needs_attention')),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX offboardings_agency_idx ON offboardings (agency_id, created_at DESC);
-- One expiry offboarding per request, however many sweeps see it due.
CREATE UNIQUE INDEX offboardings_expiry_uq ON offboardings (request_id) WHERE reason = 'expiry';

-- One row per asset of the plan. Each revoke is recorded ('requested') before the call, so a rerun
-- after a crash reads the platform back before doing anything.
CREATE TABLE offboarding_steps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  offboarding_id uuid NOT NULL REFERENCES offboardings(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  grant_id uuid REFERENCES grants(id) ON DELETE SET NULL,
  position integer NOT NULL,
  platform text NOT NULL,
  asset_type text NOT NULL,
  asset_id text NOT NULL,
  asset_name text NOT NULL,
  owner_id text,
  level text NOT NULL,
  action text NOT NULL CHECK (action IN ('revoke', 'manual', 'keep')),
  scope text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN (
    'pending', 'requested', 'revoked', 'not_present', 'manual_pending', 'kept', 'failed')),
  verified text CHECK (verified IN ('gone', 'still_present', 'unknown', 'kept')),
  manual_step jsonb,
  detail text,
  attempts integer NOT NULL DEFAULT 0,
  requested_at timestamptz,
  done_at timestamptz,
  verified_at timestamptz,
  lease_until timestamptz,
  UNIQUE (offboarding_id, position)
);
CREATE INDEX offboarding_steps_open_idx ON offboarding_steps (offboarding_id, status);

CREATE TABLE access_end_reminders (
  request_id uuid PRIMARY KEY REFERENCES access_requests(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  access_ends_at timestamptz NOT NULL,
  sent_at timestamptz NOT NULL
);
CREATE INDEX access_requests_ends_idx ON access_requests (access_ends_at)
  WHERE access_ends_at IS NOT NULL;
