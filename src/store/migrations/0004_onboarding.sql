-- Onboarding: OAuth transactions (state stored hashed, bound to a browser cookie and to one
-- onboarding or agency user and one platform), link-open tracking, the client's cached asset
-- listing, the agency's chosen business, grant leases, and the shared per-platform rate limiter.

CREATE TABLE oauth_states (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  -- SHA-256 of the state value and of the browser-binding cookie; the raw values are never stored.
  state_hash text NOT NULL UNIQUE,
  browser_hash text NOT NULL,
  platform text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('onboarding', 'agency')),
  onboarding_id uuid REFERENCES onboardings(id) ON DELETE CASCADE,
  user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  -- Sealed PKCE verifier (platforms with PKCE) and sealed return path (it carries the link).
  code_verifier_ciphertext text,
  return_path_ciphertext text,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((purpose = 'onboarding') = (onboarding_id IS NOT NULL))
);
CREATE INDEX oauth_states_expires_idx ON oauth_states (expires_at);

ALTER TABLE access_requests ADD COLUMN link_opened_at timestamptz;

-- One onboarding per request: two tabs of the same link share it.
CREATE UNIQUE INDEX onboardings_request_uq ON onboardings (request_id);
-- What the client was shown to tick; approval is checked against it.
ALTER TABLE onboardings ADD COLUMN asset_listing jsonb;
ALTER TABLE onboardings ADD COLUMN listed_at timestamptz;

-- The agency's chosen business (TikTok Business Center) for its own connection.
ALTER TABLE platform_connections ADD COLUMN business_id text;
ALTER TABLE platform_connections ADD COLUMN business_name text;

-- A worker holds a grant while it works on it; a crashed worker's lease simply expires.
ALTER TABLE grants ADD COLUMN lease_until timestamptz;
ALTER TABLE grants ADD COLUMN lease_owner text;
CREATE INDEX grants_open_idx ON grants (status, updated_at)
  WHERE status IN ('queued', 'running', 'pending_acceptance', 'needs_manual_step');

-- Token buckets shared by every process: one row per (platform, app), updated under its row lock.
CREATE TABLE rate_limit_buckets (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL,
  blocked_until timestamptz
);
