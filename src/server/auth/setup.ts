/**
 * The one-time setup link. While no agency exists, each start issues a fresh link (any earlier
 * unused one stops working) that lives one hour and works once. The token travels in the URL
 * fragment, which browsers never send to servers or in Referer headers.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { slugifyName } from '../../domain/branding.ts';
import { generateToken, hashToken } from '../../lib/tokens.ts';
import { hasAnyAgency, insertAgency, isSlugFree, type Agency } from '../../store/agencies.ts';
import { withAudit, type Executor } from '../../store/audit.ts';
import type { Schema } from '../../store/schema.ts';
import { consumeSetupToken, replaceSetupToken } from '../../store/setup-tokens.ts';
import { findUserCredentials, insertUser, type User } from '../../store/users.ts';
import { AppError } from '../errors.ts';
import { hashPassword } from './password.ts';

export const SETUP_LINK_TTL_MS = 60 * 60 * 1000;

/** Issues the setup link when no agency exists yet; undefined otherwise. */
export async function prepareSetupLink(
  db: Kysely<Schema>,
  publicUrl: string,
  now: Date = new Date(),
): Promise<string | undefined> {
  if (await hasAnyAgency(db)) return undefined;
  const token = generateToken(32);
  await replaceSetupToken(db, hashToken(token), now, new Date(now.getTime() + SETUP_LINK_TTL_MS));
  return `${publicUrl}/app/setup#token=${token}`;
}

export interface SetupInput {
  readonly token: string;
  readonly agencyName: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

/** Creates the agency and its owner when the setup token is valid, unused and unexpired. */
export async function setUpAgency(
  db: Kysely<Schema>,
  input: SetupInput,
  now: Date,
): Promise<{ agency: Agency; owner: User }> {
  const passwordHash = await hashPassword(input.password);
  return withAudit(db, async (tx) => {
    if (!(await consumeSetupToken(tx, hashToken(input.token), now))) {
      throw new AppError('not_found', 'This setup link is invalid, used or expired');
    }
    if (await findUserCredentials(tx, input.email)) {
      throw new AppError('conflict', 'This email already has a Latchkey account');
    }
    const agency = await insertAgency(tx, {
      name: input.agencyName,
      slug: await freeSlug(tx, input.agencyName),
    });
    const owner = await insertUser(tx, {
      agencyId: agency.id,
      email: input.email,
      name: input.name,
      role: 'owner',
      passwordHash,
    });
    const actor = { kind: 'user' as const, id: owner.id };
    return {
      result: { agency, owner },
      audit: [
        {
          agencyId: agency.id,
          actor,
          action: 'agency.created',
          target: { kind: 'agency', id: agency.id },
        },
        {
          agencyId: agency.id,
          actor,
          action: 'user.created',
          target: { kind: 'user', id: owner.id },
          data: { role: 'owner', via: 'setup' },
        },
      ],
    };
  });
}

/** A slug from the agency's name, with a random suffix when the plain one is taken. */
export async function freeSlug(db: Executor, name: string): Promise<string> {
  const base = slugifyName(name);
  if (await isSlugFree(db, base)) return base;
  return `${base.slice(0, 32)}-${randomBytes(3).toString('hex')}`;
}
