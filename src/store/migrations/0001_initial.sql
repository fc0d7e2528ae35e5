-- Latchkey's first schema: agencies and their people, clients, access requests (the link),
-- onboardings (one client answering one link), grants, platform connections with encrypted
-- tokens, and the append-only audit log.

CREATE TABLE agencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  brand_color text,
  logo_url text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  password_hash text,
  role text NOT NULL CHECK (role IN ('owner', 'manager', 'member', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE INDEX users_agency_idx ON users (agency_id);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  name text NOT NULL,
  email text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clients_agency_idx ON clients (agency_id);

CREATE TABLE access_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  client_id uuid REFERENCES clients(id) ON DELETE SET NULL,
  title text NOT NULL,
  message text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'partial', 'revoked', 'expired')),
  link_id text NOT NULL UNIQUE,
  link_secret_hash text NOT NULL,
  link_expires_at timestamptz NOT NULL,
  link_revoked_at timestamptz,
  access_ends_at timestamptz,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_requests_agency_idx ON access_requests (agency_id, created_at DESC);

CREATE TABLE access_request_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES access_requests(id) ON DELETE CASCADE,
  platform text NOT NULL,
  asset_type text NOT NULL,
  permission_level text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (request_id, platform, asset_type)
);

CREATE TABLE onboardings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES access_requests(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'started' CHECK (status IN ('started', 'approved', 'completed', 'partial', 'abandoned')),
  started_at timestamptz NOT NULL DEFAULT now(),
  approved_at timestamptz,
  completed_at timestamptz
);
CREATE INDEX onboardings_request_idx ON onboardings (request_id);

CREATE TABLE grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  onboarding_id uuid NOT NULL REFERENCES onboardings(id) ON DELETE CASCADE,
  platform text NOT NULL,
  asset_type text NOT NULL,
  asset_id text NOT NULL,
  asset_name text NOT NULL,
  owner_id text,
  permission_level text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'granted', 'pending_acceptance', 'needs_manual_step', 'failed', 'revoked')),
  idempotency_key text NOT NULL UNIQUE,
  steps jsonb NOT NULL DEFAULT '[]'::jsonb,
  manual_step jsonb,
  failure_reason text,
  attempts integer NOT NULL DEFAULT 0,
  verified_at timestamptz,
  verification text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grants_onboarding_idx ON grants (onboarding_id);
CREATE INDEX grants_agency_idx ON grants (agency_id, status);

CREATE TABLE platform_connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  owner_kind text NOT NULL CHECK (owner_kind IN ('agency', 'onboarding')),
  onboarding_id uuid REFERENCES onboardings(id) ON DELETE CASCADE,
  platform text NOT NULL,
  external_id text NOT NULL,
  display_name text,
  access_token_ciphertext text NOT NULL,
  refresh_token_ciphertext text,
  scopes text[] NOT NULL DEFAULT '{}',
  granted_ids text[] NOT NULL DEFAULT '{}',
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX platform_connections_agency_uq ON platform_connections (agency_id, platform) WHERE owner_kind = 'agency';
CREATE UNIQUE INDEX platform_connections_onboarding_uq ON platform_connections (onboarding_id, platform) WHERE owner_kind = 'onboarding';

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  agency_id uuid, -- no foreign key: history outlives the rows it describes
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'client', 'api_key', 'system')),
  actor_id text,
  action text NOT NULL,
  target_kind text NOT NULL,
  target_id text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_agency_idx ON audit_events (agency_id, id DESC);

-- The audit log is append-only: no route, job or query may rewrite history.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
