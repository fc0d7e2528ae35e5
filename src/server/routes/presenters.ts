/**
 * Response shapes of the workspace API, as zod schemas (they also feed the OpenAPI document) and
 * the presenters that map store types to them. No schema has a field that could carry a secret.
 */
import { z } from 'zod';
import type { Agency } from '../../store/agencies.ts';
import type { User } from '../../store/users.ts';

export const RoleSchema = z.enum(['owner', 'manager', 'member', 'viewer']);
export const TimestampSchema = z.iso.datetime();
export const IdParamsSchema = z.object({ id: z.uuid() }).strict();

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: TimestampSchema,
});

export const AgencySummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
});

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});

/** Presents a user (no password hash, no disabled flag). */
export function presentUser(user: User): z.infer<typeof UserSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Presents the agency's identity. */
export function presentAgencySummary(agency: Agency): z.infer<typeof AgencySummarySchema> {
  return { id: agency.id, name: agency.name, slug: agency.slug };
}
