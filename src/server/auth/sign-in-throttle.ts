/**
 * Sign-in throttles (OWASP Authentication Cheat Sheet), shared by every process through the
 * database: per account, 5 failures lock it for 30 s, then 1, 2, 4 … minutes up to 15 (forgotten
 * an hour after the last failure, cleared by a success); per client IP, `signInLimit.max` failures
 * lock the address the same way. An email and address pair that signed in successfully in the
 * last 90 days is exempt from both locks, so neither an attacker guessing at the account from
 * elsewhere nor one sharing the address locks the real user out; its wrong passwords still count.
 */
import { createHash } from 'node:crypto';
import {
  clearFailures,
  lockedUntil,
  recordFailure,
  recordSuccess,
  succeededWithin,
  type ThrottlePolicy,
} from '../../store/auth-throttles.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';

const MINUTE = 60_000;
export const ACCOUNT_POLICY: ThrottlePolicy = {
  threshold: 5,
  baseLockMs: 30_000,
  maxLockMs: 15 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
};
const KNOWN_PAIR_MS = 90 * 24 * 60 * MINUTE;

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface SignInKeys {
  readonly account: string;
  readonly ip: string;
  readonly known: string;
}

/** The throttle keys of one attempt (hashes: no email or address is stored in clear). */
export function signInKeys(email: string, ip: string): SignInKeys {
  const normalized = email.trim().toLowerCase();
  return {
    account: `account:${hash(normalized)}`,
    ip: `ip:${hash(ip)}`,
    known: `known:${hash(`${normalized}\n${ip}`)}`,
  };
}

function ipPolicy(workspace: Workspace): ThrottlePolicy {
  return {
    threshold: workspace.signInLimit.max,
    baseLockMs: workspace.signInLimit.windowMs,
    maxLockMs: 15 * MINUTE,
    forgetAfterMs: workspace.signInLimit.windowMs,
  };
}

/** Refuses the attempt with 429 and Retry-After when its account or address is locked. */
export async function checkSignInAllowed(workspace: Workspace, keys: SignInKeys): Promise<void> {
  const now = workspace.now();
  if (await succeededWithin(workspace.db, keys.known, now, KNOWN_PAIR_MS)) return;
  const [account, ip] = await Promise.all([
    lockedUntil(workspace.db, keys.account, now),
    lockedUntil(workspace.db, keys.ip, now),
  ]);
  const until = Math.max(account?.getTime() ?? 0, ip?.getTime() ?? 0);
  if (until === 0) return;
  const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  throw new AppError('rate_limited', `Too many failed sign-ins; retry in ${seconds} s`, undefined, {
    'retry-after': String(seconds),
  });
}

/** Counts a failed attempt against the account and the address. */
export async function recordSignInFailure(workspace: Workspace, keys: SignInKeys): Promise<void> {
  const now = workspace.now();
  await recordFailure(workspace.db, keys.account, now, ACCOUNT_POLICY);
  await recordFailure(workspace.db, keys.ip, now, ipPolicy(workspace));
}

/** Clears the account's failures and remembers the email and address pair. */
export async function recordSignInSuccess(workspace: Workspace, keys: SignInKeys): Promise<void> {
  await clearFailures(workspace.db, keys.account);
  await recordSuccess(workspace.db, keys.known, workspace.now());
}
