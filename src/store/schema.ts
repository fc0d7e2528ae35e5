/** Kysely table types: the one place that knows the snake_case row shapes. */
import type { ClientLanguage } from '../domain/client-languages.ts';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

export interface AgencyTable {
  id: Generated<string>;
  name: string;
  slug: string;
  brand_color: string | null;
  logo_url: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type UserRole = 'owner' | 'manager' | 'member' | 'viewer';

export interface UserTable {
  id: Generated<string>;
  agency_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: UserRole;
  created_at: CreatedAt;
  disabled_at: Date | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  agency_id: string;
  created_at: CreatedAt;
  last_seen_at: UpdatedAt;
  expires_at: Date;
}

export interface ClientTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  email: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type AccessRequestStatus = 'open' | 'completed' | 'partial' | 'revoked' | 'expired';

export interface AccessRequestTable {
  id: Generated<string>;
  agency_id: string;
  client_id: string | null;
  title: string;
  message: string | null;
  language: ClientLanguage | null;
  status: ColumnType<AccessRequestStatus, AccessRequestStatus | undefined, AccessRequestStatus>;
  link_id: string;
  link_secret_hash: string;
  link_expires_at: Date;
  link_revoked_at: Date | null;
  link_opened_at: Date | null;
  access_ends_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AccessRequestItemTable {
  id: Generated<string>;
  agency_id: string;
  request_id: string;
  platform: string;
  asset_type: string;
  permission_level: string;
  created_at: CreatedAt;
}

export type OnboardingStatus = 'started' | 'approved' | 'completed' | 'partial' | 'abandoned';

export interface OnboardingTable {
  id: Generated<string>;
  agency_id: string;
  request_id: string;
  status: ColumnType<OnboardingStatus, OnboardingStatus | undefined, OnboardingStatus>;
  started_at: CreatedAt;
  approved_at: Date | null;
  completed_at: Date | null;
  asset_listing: Json<unknown> | null;
  listed_at: Date | null;
}

export type GrantStatus =
  | 'queued'
  | 'running'
  | 'granted'
  | 'pending_acceptance'
  | 'needs_manual_step'
  | 'failed'
  | 'revoked';

export interface GrantStep {
  readonly name: string;
  readonly at: string;
  readonly detail?: string;
}

export interface GrantTable {
  id: Generated<string>;
  agency_id: string;
  onboarding_id: string;
  platform: string;
  asset_type: string;
  asset_id: string;
  asset_name: string;
  owner_id: string | null;
  permission_level: string;
  status: ColumnType<GrantStatus, GrantStatus | undefined, GrantStatus>;
  idempotency_key: string;
  steps: Json<GrantStep[]>;
  manual_step: Json<unknown> | null;
  failure_reason: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  verified_at: Date | null;
  verification: string | null;
  lease_until: Date | null;
  lease_owner: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PlatformConnectionTable {
  id: Generated<string>;
  agency_id: string;
  owner_kind: 'agency' | 'onboarding';
  onboarding_id: string | null;
  platform: string;
  external_id: string;
  display_name: string | null;
  access_token_ciphertext: string;
  refresh_token_ciphertext: string | null;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  granted_ids: ColumnType<string[], string[] | undefined, string[]>;
  expires_at: Date | null;
  business_id: string | null;
  business_name: string | null;
  /** A caller refreshing the access token holds the claim until then (S10). */
  refresh_claimed_until: Date | null;
  /** The platform refused the refresh token: the connection needs re-consent (S10). */
  refresh_refused_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type ActorKind = 'user' | 'client' | 'api_key' | 'system';

export interface AuditEventTable {
  id: Generated<number>;
  agency_id: string | null;
  actor_kind: ActorKind;
  actor_id: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export type OAuthPurpose = 'onboarding' | 'agency';

export interface OAuthStateTable {
  id: Generated<string>;
  agency_id: string;
  state_hash: string;
  browser_hash: string;
  platform: string;
  purpose: OAuthPurpose;
  onboarding_id: string | null;
  user_id: string | null;
  code_verifier_ciphertext: string | null;
  return_path_ciphertext: string | null;
  expires_at: Date;
  consumed_at: Date | null;
  created_at: CreatedAt;
}

export interface RateLimitBucketTable {
  key: string;
  tokens: number;
  refilled_at: Date;
  blocked_until: Date | null;
}

export interface SchemaMigrationTable {
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface SetupTokenTable {
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface InvitationTable {
  id: Generated<string>;
  agency_id: string;
  email: string;
  role: UserRole;
  token_hash: string;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

export type ApiKeyScope = 'read' | 'write';

export interface ApiKeyTable {
  id: string;
  agency_id: string;
  created_by: string;
  name: string;
  scope: ApiKeyScope;
  secret_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface TemplateItem {
  readonly platform: string;
  readonly assetType: string;
  readonly permissionLevel: string;
}

export interface RequestTemplateTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  items: Json<TemplateItem[]>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** An agency's own platform definition (0014_custom_platforms.sql). */
export interface CustomPlatformTable {
  id: Generated<string>;
  agency_id: string;
  slug: string;
  /** JSON text on insert; an object on select (checked with zod in custom-platforms.ts). */
  definition: Json<unknown>;
  ready_made: string | null;
  archived_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  route: string;
  body_hash: string;
  status_code: number | null;
  content_type: string | null;
  response_body: string | null;
  created_at: CreatedAt;
  expires_at: Date;
}

export type WebhookDeliveryStatus = 'pending' | 'sending' | 'succeeded' | 'failed';

export interface WebhookEndpointTable {
  id: Generated<string>;
  agency_id: string;
  url: string;
  description: string | null;
  event_types: string[];
  secret_ciphertext: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface WebhookDeliveryTable {
  id: Generated<string>;
  agency_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: ColumnType<
    WebhookDeliveryStatus,
    WebhookDeliveryStatus | undefined,
    WebhookDeliveryStatus
  >;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  delivered_at: Date | null;
  replay_of: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface WebhookDeliveryAttemptTable {
  id: Generated<number>;
  agency_id: string;
  delivery_id: string;
  attempt: number;
  started_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  succeeded: boolean;
}

export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface EmailOutboxTable {
  id: string;
  agency_id: string | null;
  to_address: string;
  subject: string;
  body_ciphertext: string | null;
  kind: string;
  related_id: string | null;
  status: ColumnType<EmailStatus, EmailStatus | undefined, EmailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LinkReminderTable {
  id: string;
  request_id: string;
  agency_id: string;
  to_address: string;
  agency_name: string;
  link_ciphertext: string;
  reminders_sent: ColumnType<number, number | undefined, number>;
  next_at: Date;
  created_at: CreatedAt;
}

export type VerificationTrigger = 'schedule' | 'dashboard' | 'api' | 'cli' | 'retry';
export type CheckOutcome = 'holds' | 'downgraded' | 'lost' | 'unknown';

export interface VerificationRunTable {
  id: Generated<string>;
  agency_id: string;
  trigger: VerificationTrigger;
  requested_by: string | null;
  status: ColumnType<
    'queued' | 'running' | 'completed',
    'queued' | 'running' | 'completed' | undefined,
    'queued' | 'running' | 'completed'
  >;
  summary: ColumnType<Record<string, number>, string | undefined, string>;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface GrantCheckTable {
  grant_id: string;
  agency_id: string;
  run_id: string | null;
  outcome: CheckOutcome;
  expected_level: string;
  level_found: string | null;
  verified_at: Date | null;
  checked_at: Date;
  failures: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  drift_since: Date | null;
  alert_id: string | null;
}

export interface DriftAlertItem {
  readonly grantId: string;
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly assetName: string;
  readonly expectedLevel: string;
  readonly outcome: 'downgraded' | 'lost';
  readonly levelFound: string | null;
  readonly requestId: string | null;
}

export interface DriftAlertTable {
  id: Generated<string>;
  agency_id: string;
  run_id: string | null;
  items: Json<DriftAlertItem[]>;
  created_at: CreatedAt;
  dismissed_at: Date | null;
  rerequest_id: string | null;
  /** The client whose access changed (null for a request made without a client). */
  client_id: string | null;
  /** The request, when the alert has no client. */
  request_id: string | null;
}

export interface RerequestAssetTable {
  request_id: string;
  agency_id: string;
  grant_id: string;
  platform: string;
  asset_type: string;
  asset_id: string;
  permission_level: string;
}

export type OffboardingStatus = 'running' | 'verifying' | 'completed' | 'needs_attention';
export type OffboardingAction = 'revoke' | 'manual' | 'keep';
export type OffboardingStepStatus =
  'pending' | 'requested' | 'revoked' | 'not_present' | 'manual_pending' | 'kept' | 'failed';
export type OffboardingVerified = 'gone' | 'still_present' | 'unknown' | 'kept' | 'confirmed';

/** What the plan's read found for a step's asset: held (live), pending, or absent. */
export type PlannedHolding = 'held' | 'pending' | 'absent';

export interface OffboardingTable {
  id: Generated<string>;
  agency_id: string;
  client_id: string | null;
  request_id: string | null;
  platform: string | null;
  reason: 'manual' | 'expiry';
  status: ColumnType<OffboardingStatus, OffboardingStatus | undefined, OffboardingStatus>;
  created_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
  planned_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface OffboardingStepTable {
  id: Generated<string>;
  offboarding_id: string;
  agency_id: string;
  grant_id: string | null;
  position: number;
  platform: string;
  asset_type: string;
  asset_id: string;
  asset_name: string;
  owner_id: string | null;
  level: string;
  action: OffboardingAction;
  scope: string;
  status: ColumnType<
    OffboardingStepStatus,
    OffboardingStepStatus | undefined,
    OffboardingStepStatus
  >;
  verified: OffboardingVerified | null;
  manual_step: Json<unknown> | null;
  detail: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  requested_at: Date | null;
  done_at: Date | null;
  verified_at: Date | null;
  lease_until: Date | null;
  planned_holding: ColumnType<
    PlannedHolding | null,
    PlannedHolding | null | undefined,
    PlannedHolding | null
  >;
}

export interface AccessEndReminderTable {
  request_id: string;
  agency_id: string;
  access_ends_at: Date;
  sent_at: Date;
}

export interface GrantInputTable {
  grant_id: string;
  agency_id: string;
  platform: string;
  /** JSON text on insert; an object on select (see src/store/grant-inputs.ts). */
  input: Json<unknown>;
  created_at: CreatedAt;
}

export interface AuthThrottleTable {
  key: string;
  failures: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  last_at: Date;
}

export interface Schema {
  agencies: AgencyTable;
  users: UserTable;
  sessions: SessionTable;
  clients: ClientTable;
  access_requests: AccessRequestTable;
  access_request_items: AccessRequestItemTable;
  onboardings: OnboardingTable;
  grants: GrantTable;
  platform_connections: PlatformConnectionTable;
  audit_events: AuditEventTable;
  schema_migrations: SchemaMigrationTable;
  oauth_states: OAuthStateTable;
  rate_limit_buckets: RateLimitBucketTable;
  auth_throttles: AuthThrottleTable;
  setup_tokens: SetupTokenTable;
  invitations: InvitationTable;
  api_keys: ApiKeyTable;
  request_templates: RequestTemplateTable;
  idempotency_keys: IdempotencyKeyTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptTable;
  email_outbox: EmailOutboxTable;
  link_reminders: LinkReminderTable;
  verification_runs: VerificationRunTable;
  grant_checks: GrantCheckTable;
  drift_alerts: DriftAlertTable;
  rerequest_assets: RerequestAssetTable;
  offboardings: OffboardingTable;
  offboarding_steps: OffboardingStepTable;
  access_end_reminders: AccessEndReminderTable;
  grant_inputs: GrantInputTable;
  custom_platforms: CustomPlatformTable;
}

export type AgencyRow = Selectable<AgencyTable>;
export type UserRow = Selectable<UserTable>;
export type ClientRow = Selectable<ClientTable>;
export type AccessRequestRow = Selectable<AccessRequestTable>;
export type OnboardingRow = Selectable<OnboardingTable>;
export type GrantRow = Selectable<GrantTable>;
export type NewGrant = Insertable<GrantTable>;
export type GrantUpdate = Updateable<GrantTable>;
export type PlatformConnectionRow = Selectable<PlatformConnectionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type OAuthStateRow = Selectable<OAuthStateTable>;
export type InvitationRow = Selectable<InvitationTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type RequestTemplateRow = Selectable<RequestTemplateTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type WebhookDeliveryAttemptRow = Selectable<WebhookDeliveryAttemptTable>;
export type EmailOutboxRow = Selectable<EmailOutboxTable>;
export type LinkReminderRow = Selectable<LinkReminderTable>;
export type VerificationRunRow = Selectable<VerificationRunTable>;
export type GrantCheckRow = Selectable<GrantCheckTable>;
export type DriftAlertRow = Selectable<DriftAlertTable>;
export type OffboardingRow = Selectable<OffboardingTable>;
export type OffboardingStepRow = Selectable<OffboardingStepTable>;
