// The Snapchat sandbox model: OAuth codes and tokens, organizations, ad accounts, members
// (INVITED → MEMBER) and roles, with the permission rules of docs/platforms/snapchat-api.md §4–5.
import { createHash, randomBytes } from 'node:crypto';
import {
  createTransactionalModel,
  type ModelCore,
  type TransactionalModel,
} from '../../sandbox-kit/model.ts';
import {
  AD_ACCOUNT_ROLE_TYPES,
  ORG_ROLE_TYPES,
  type SnapMember,
  type SnapPerson,
  type SnapRole,
  type SnapWorld,
} from './world.ts';

/** A registered OAuth app (Business Manager → Business Details). */
export interface SnapSandboxApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface SnapState extends SnapWorld {
  /** Entity id → [created_at, updated_at]. */
  stamps: Record<string, [string, string]>;
  codes: {
    code: string;
    clientId: string;
    personId: string;
    redirectUri: string;
    expiresAt: string;
    used: boolean;
  }[];
  tokens: { hash: string; clientId: string; personId: string; expiresAt: string }[];
  refreshTokens: { hash: string; clientId: string; personId: string }[];
  seq: number;
}

export type SnapModel = TransactionalModel<SnapState>;
type Ctx = ModelCore<SnapState>;

/** An API error: HTTP status, Snap-style `error_code` (sandbox names, contract item 5), message. */
export class SnapError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const ErrorCode = {
  badRequest: 'E1001',
  unauthorized: 'E1002',
  forbidden: 'E1003',
  throttled: 'E1008',
  conflict: 'E2002',
  notFound: 'E3003',
  internal: 'E5000',
} as const;

export const bad = (m: string) => new SnapError(400, ErrorCode.badRequest, m);
const forbidden = (m: string) => new SnapError(403, ErrorCode.forbidden, m);
const notFound = (m: string) => new SnapError(404, ErrorCode.notFound, m);
const conflict = (m: string) => new SnapError(409, ErrorCode.conflict, m);

/** Access tokens live an hour (contract item 8: 3600 s, secondary). */
export const ACCESS_TOKEN_TTL_S = 3600;
const CODE_TTL_MS = 10 * 60 * 1000;

const sha = (v: string) => createHash('sha256').update(v).digest('hex');

export function stateFromWorld(world: SnapWorld, now: Date): SnapState {
  const at = now.toISOString();
  const stamps: SnapState['stamps'] = {};
  for (const e of [...world.organizations, ...world.adAccounts, ...world.members, ...world.roles])
    stamps[e.id] = [at, at];
  return { ...structuredClone(world), stamps, codes: [], tokens: [], refreshTokens: [], seq: 1 };
}

export function createSnapModel(options: {
  state: SnapState;
  now: () => Date;
  random: () => number;
  onChange?: (s: SnapState) => void;
}): SnapModel {
  return createTransactionalModel(options);
}

function newId(ctx: Ctx): string {
  const n = ctx.state.seq++;
  const hex = randomBytes(4).toString('hex');
  return `${hex}-5a00-4000-9000-${String(n).padStart(12, '0')}`;
}

function stamp(ctx: Ctx, id: string, created = true): void {
  const at = ctx.now().toISOString();
  ctx.state.stamps[id] = created ? [at, at] : [ctx.state.stamps[id]?.[0] ?? at, at];
}

// OAuth ---------------------------------------------------------------------------------------

export function findApp(apps: SnapSandboxApp[], clientId: string, redirectUri: string) {
  const app = apps.find((a) => a.clientId === clientId);
  return app && app.redirectUris.includes(redirectUri) ? app : undefined;
}

export function issueCode(
  ctx: Ctx,
  clientId: string,
  personId: string,
  redirectUri: string,
): string {
  const code = randomBytes(18).toString('base64url');
  ctx.state.codes.push({
    code,
    clientId,
    personId,
    redirectUri,
    expiresAt: new Date(ctx.now().getTime() + CODE_TTL_MS).toISOString(),
    used: false,
  });
  return code;
}

export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** OAuth error (RFC 6749 §5.2 shape) from the accounts host. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

function issueTokens(ctx: Ctx, clientId: string, personId: string, refresh?: string): TokenAnswer {
  const access = randomBytes(24).toString('base64url');
  ctx.state.tokens.push({
    hash: sha(access),
    clientId,
    personId,
    expiresAt: new Date(ctx.now().getTime() + ACCESS_TOKEN_TTL_S * 1000).toISOString(),
  });
  const refreshToken = refresh ?? randomBytes(24).toString('base64url');
  if (refresh === undefined)
    ctx.state.refreshTokens.push({ hash: sha(refreshToken), clientId, personId });
  return {
    access_token: access,
    refresh_token: refreshToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_S,
    scope: 'snapchat-marketing-api',
  };
}

export function exchangeToken(
  ctx: Ctx,
  apps: SnapSandboxApp[],
  form: Record<string, string | undefined>,
  options: { rotateRefreshTokens?: boolean } = {},
): TokenAnswer {
  const app = apps.find((a) => a.clientId === form.client_id);
  if (!app || app.clientSecret !== form.client_secret)
    throw new OAuthError('invalid_client', 'client authentication failed');
  if (form.grant_type === 'authorization_code') {
    const code = ctx.state.codes.find((c) => c.code === form.code && c.clientId === app.clientId);
    if (
      !code ||
      code.used ||
      new Date(code.expiresAt) <= ctx.now() ||
      code.redirectUri !== form.redirect_uri
    )
      throw new OAuthError(
        'invalid_grant',
        'code is invalid, expired, used or for another redirect_uri',
      );
    code.used = true;
    return issueTokens(ctx, app.clientId, code.personId);
  }
  if (form.grant_type === 'refresh_token') {
    const rt = ctx.state.refreshTokens.find(
      (t) => t.hash === sha(form.refresh_token ?? '') && t.clientId === app.clientId,
    );
    if (!rt) throw new OAuthError('invalid_grant', 'refresh_token is invalid');
    if (!options.rotateRefreshTokens)
      return issueTokens(ctx, app.clientId, rt.personId, form.refresh_token);
    // Rotation (RFC 9700 §4.14.2): the used refresh token is spent; a reuse is invalid_grant.
    ctx.state.refreshTokens = ctx.state.refreshTokens.filter((t) => t !== rt);
    return issueTokens(ctx, app.clientId, rt.personId);
  }
  throw new OAuthError(
    'unsupported_grant_type',
    'grant_type must be authorization_code or refresh_token',
  );
}

/** The person a bearer token stands for; 401 when missing, unknown or expired. */
export function personOfToken(ctx: Ctx, header: string | undefined): SnapPerson {
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const record = token === '' ? undefined : ctx.state.tokens.find((t) => t.hash === sha(token));
  if (!record || new Date(record.expiresAt) <= ctx.now())
    throw new SnapError(401, ErrorCode.unauthorized, 'access token is missing, invalid or expired');
  const person = ctx.state.people.find((p) => p.id === record.personId);
  if (!person)
    throw new SnapError(401, ErrorCode.unauthorized, 'access token user no longer exists');
  return person;
}

/** Expires every access token of a person (control API: test the refresh path). */
export function expireTokens(ctx: Ctx, email: string): number {
  const person = ctx.state.people.find((p) => p.email === email);
  let n = 0;
  for (const t of ctx.state.tokens)
    if (t.personId === person?.id) {
      t.expiresAt = new Date(0).toISOString();
      n++;
    }
  return n;
}

// Reading ---------------------------------------------------------------------------------------

const lower = (s: string) => s.toLowerCase();

export function membershipOf(ctx: Ctx, person: SnapPerson, orgId: string): SnapMember | undefined {
  return ctx.state.members.find(
    (m) =>
      m.organizationId === orgId && lower(m.email) === lower(person.email) && m.status === 'MEMBER',
  );
}

function orgRoleTypes(ctx: Ctx, memberId: string): string[] {
  return ctx.state.roles
    .filter((r) => r.memberId === memberId && r.organizationId !== null)
    .map((r) => r.type);
}

function requireOrg(ctx: Ctx, orgId: string) {
  const org = ctx.state.organizations.find((o) => o.id === orgId);
  if (!org) throw notFound(`organization ${orgId} not found`);
  return org;
}

/** The caller's membership of an organization; 403 when not a member, 404 when no such org. */
function requireMember(ctx: Ctx, person: SnapPerson, orgId: string): SnapMember {
  requireOrg(ctx, orgId);
  const m = membershipOf(ctx, person, orgId);
  if (!m) throw forbidden(`not a member of organization ${orgId}`);
  return m;
}

function requireAdmin(ctx: Ctx, person: SnapPerson, orgId: string): SnapMember {
  const m = requireMember(ctx, person, orgId);
  if (!orgRoleTypes(ctx, m.id).includes('admin'))
    throw forbidden('the organization admin role is needed to manage members and roles');
  return m;
}

export function myOrganizations(ctx: Ctx, person: SnapPerson) {
  return ctx.state.organizations.filter((o) => membershipOf(ctx, person, o.id) !== undefined);
}

export function getOrganization(ctx: Ctx, person: SnapPerson, orgId: string) {
  requireMember(ctx, person, orgId);
  return requireOrg(ctx, orgId);
}

/** Ad accounts the caller sees in an org: all for org admins/business/data admins, else by role. */
export function adAccountsOf(ctx: Ctx, person: SnapPerson, orgId: string) {
  const m = requireMember(ctx, person, orgId);
  const all = ctx.state.adAccounts.filter((a) => a.organizationId === orgId);
  if (orgRoleTypes(ctx, m.id).some((t) => t !== 'member')) return all;
  const mine = new Set(
    ctx.state.roles.filter((r) => r.memberId === m.id).map((r) => r.adAccountId),
  );
  return all.filter((a) => mine.has(a.id));
}

export function getAdAccount(ctx: Ctx, person: SnapPerson, adAccountId: string) {
  const ad = ctx.state.adAccounts.find((a) => a.id === adAccountId);
  if (!ad) throw notFound(`ad account ${adAccountId} not found`);
  if (!adAccountsOf(ctx, person, ad.organizationId).some((a) => a.id === ad.id))
    throw forbidden(`no access to ad account ${adAccountId}`);
  return ad;
}

export function membersOf(ctx: Ctx, person: SnapPerson, orgId: string): SnapMember[] {
  requireMember(ctx, person, orgId);
  return ctx.state.members.filter((m) => m.organizationId === orgId);
}

export function orgRoles(ctx: Ctx, person: SnapPerson, orgId: string): SnapRole[] {
  requireMember(ctx, person, orgId);
  const ids = new Set(
    ctx.state.adAccounts.filter((a) => a.organizationId === orgId).map((a) => a.id),
  );
  return ctx.state.roles.filter(
    (r) => r.organizationId === orgId || (r.adAccountId !== null && ids.has(r.adAccountId)),
  );
}

export function adAccountRoles(ctx: Ctx, person: SnapPerson, adAccountId: string): SnapRole[] {
  const ad = getAdAccount(ctx, person, adAccountId);
  requireMember(ctx, person, ad.organizationId);
  return ctx.state.roles.filter((r) => r.adAccountId === adAccountId);
}

// Writing ---------------------------------------------------------------------------------------

/** Invites an email to an organization (org admin only); 409 when it is already invited or a member. */
export function inviteMember(
  ctx: Ctx,
  person: SnapPerson,
  orgId: string,
  input: { email: string; organization_id: string; display_name: string },
): SnapMember {
  requireAdmin(ctx, person, orgId);
  if (input.organization_id !== orgId) throw bad('organization_id does not match the path');
  const existing = ctx.state.members.find(
    (m) => m.organizationId === orgId && lower(m.email) === lower(input.email),
  );
  if (existing)
    throw conflict(
      `${input.email} is already ${existing.status === 'MEMBER' ? 'a member' : 'invited'} (member ${existing.id})`,
    );
  const member: SnapMember = {
    id: newId(ctx),
    organizationId: orgId,
    email: input.email,
    displayName: input.display_name,
    status: 'INVITED',
  };
  ctx.state.members.push(member);
  stamp(ctx, member.id);
  return member;
}

/** Removes a member (or withdraws an invitation) with all its roles; org admin only. */
export function deleteMember(ctx: Ctx, person: SnapPerson, memberId: string): SnapMember {
  const member = ctx.state.members.find((m) => m.id === memberId);
  if (!member) throw notFound(`member ${memberId} not found`);
  const me = requireAdmin(ctx, person, member.organizationId);
  if (me.id === member.id) throw bad('a member cannot remove itself');
  ctx.state.members = ctx.state.members.filter((m) => m.id !== memberId);
  ctx.state.roles = ctx.state.roles.filter((r) => r.memberId !== memberId);
  return member;
}

/** The invited person accepts (Snapchat's acceptance page or the control API). */
export function acceptInvitation(ctx: Ctx, email: string, memberId: string): SnapMember {
  const member = ctx.state.members.find((m) => m.id === memberId);
  if (!member || lower(member.email) !== lower(email))
    throw notFound('no such invitation for this person');
  if (member.status === 'MEMBER') return member;
  member.status = 'MEMBER';
  stamp(ctx, member.id, false);
  return member;
}

export interface RoleInput {
  member_id: string;
  organization_id?: string | undefined;
  ad_account_id?: string | undefined;
  type: string;
}

/** Creates roles in an org (org admin only). Each is checked; one failure fails the request. */
export function createRoles(
  ctx: Ctx,
  person: SnapPerson,
  orgId: string,
  inputs: RoleInput[],
): SnapRole[] {
  requireAdmin(ctx, person, orgId);
  return inputs.map((input) => {
    const member = ctx.state.members.find(
      (m) => m.id === input.member_id && m.organizationId === orgId,
    );
    if (!member) throw bad(`member ${input.member_id} is not in organization ${orgId}`);
    if ((input.organization_id === undefined) === (input.ad_account_id === undefined))
      throw bad('a role names exactly one of organization_id and ad_account_id');
    if (input.organization_id !== undefined) {
      if (input.organization_id !== orgId) throw bad('organization_id does not match the path');
      if (!(ORG_ROLE_TYPES as readonly string[]).includes(input.type))
        throw bad(`type must be one of ${ORG_ROLE_TYPES.join(', ')}`);
    } else {
      const ad = ctx.state.adAccounts.find((a) => a.id === input.ad_account_id);
      if (!ad || ad.organizationId !== orgId)
        throw bad(`ad account ${input.ad_account_id} is not in organization ${orgId}`);
      if (!(AD_ACCOUNT_ROLE_TYPES as readonly string[]).includes(input.type))
        throw bad(`type must be one of ${AD_ACCOUNT_ROLE_TYPES.join(', ')}`);
      if (member.status !== 'MEMBER')
        throw bad(`member ${member.id} has not accepted the invitation yet`);
      if (!orgRoleTypes(ctx, member.id).some((t) => t === 'member' || t === 'admin'))
        throw bad(`member ${member.id} needs the organization role member first`);
    }
    const duplicate = ctx.state.roles.find(
      (r) =>
        r.memberId === member.id &&
        r.type === input.type &&
        r.organizationId === (input.organization_id ?? null) &&
        r.adAccountId === (input.ad_account_id ?? null),
    );
    if (duplicate) throw conflict(`role ${duplicate.id} already exists`);
    const role: SnapRole = {
      id: newId(ctx),
      memberId: member.id,
      organizationId: input.organization_id ?? null,
      adAccountId: input.ad_account_id ?? null,
      type: input.type,
    };
    ctx.state.roles.push(role);
    stamp(ctx, role.id);
    return role;
  });
}

export function deleteRole(ctx: Ctx, person: SnapPerson, roleId: string): SnapRole {
  const role = ctx.state.roles.find((r) => r.id === roleId);
  if (!role) throw notFound(`role ${roleId} not found`);
  const orgId =
    role.organizationId ??
    ctx.state.adAccounts.find((a) => a.id === role.adAccountId)?.organizationId ??
    '';
  requireAdmin(ctx, person, orgId);
  ctx.state.roles = ctx.state.roles.filter((r) => r.id !== roleId);
  return role;
}
