/**
 * An agency's custom platform definitions (0014_custom_platforms.sql): every query is scoped by
 * agency; the body is read back through zod (a row that fails it is left out, never trusted).
 * Definitions are archived, never deleted: requests and grants name them by slug.
 */
import {
  DefinitionBodySchema,
  type CustomPlatformDefinition,
  type DefinitionBody,
} from '../platforms/custom/definition.ts';
import type { Executor } from './audit.ts';

const columns = [
  'id',
  'slug',
  'definition',
  'ready_made',
  'archived_at',
  'created_at',
  'updated_at',
] as const;

function toDefinition(row: {
  id: string;
  slug: string;
  definition: unknown;
  ready_made: string | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}): CustomPlatformDefinition | undefined {
  const parsed = DefinitionBodySchema.safeParse(row.definition);
  if (!parsed.success) return undefined;
  return {
    ...parsed.data,
    id: row.id,
    slug: row.slug,
    readyMade: row.ready_made,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const defined = (d: CustomPlatformDefinition | undefined): d is CustomPlatformDefinition =>
  d !== undefined;

/** Every definition of the agency (archived ones too), by name. */
export async function listCustomPlatforms(
  db: Executor,
  agencyId: string,
): Promise<CustomPlatformDefinition[]> {
  const rows = await db
    .selectFrom('custom_platforms')
    .select(columns)
    .where('agency_id', '=', agencyId)
    .orderBy('slug')
    .execute();
  return rows.map(toDefinition).filter(defined);
}

/** One definition of the agency, or undefined (another agency's is never found). */
export async function findCustomPlatform(
  db: Executor,
  agencyId: string,
  id: string,
): Promise<CustomPlatformDefinition | undefined> {
  const row = await db
    .selectFrom('custom_platforms')
    .select(columns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toDefinition(row) : undefined;
}

/** Inserts a checked definition; undefined when the agency already has one with this slug. */
export async function insertCustomPlatform(
  db: Executor,
  agencyId: string,
  input: { slug: string; body: DefinitionBody; readyMade: string | null },
): Promise<CustomPlatformDefinition | undefined> {
  const row = await db
    .insertInto('custom_platforms')
    .values({
      agency_id: agencyId,
      slug: input.slug,
      definition: JSON.stringify(DefinitionBodySchema.parse(input.body)),
      ready_made: input.readyMade,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'slug']).doNothing())
    .returning(columns)
    .executeTakeFirst();
  return row ? toDefinition(row) : undefined;
}

/** Replaces a definition's body and archived state; undefined when the agency has no such row. */
export async function updateCustomPlatform(
  db: Executor,
  agencyId: string,
  id: string,
  change: { body: DefinitionBody; archivedAt: Date | null },
  now: Date,
): Promise<CustomPlatformDefinition | undefined> {
  const row = await db
    .updateTable('custom_platforms')
    .set({
      definition: JSON.stringify(DefinitionBodySchema.parse(change.body)),
      archived_at: change.archivedAt,
      updated_at: now,
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row ? toDefinition(row) : undefined;
}
