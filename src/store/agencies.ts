/** Agencies and their public branding (what the client page shows). */
import type { Executor } from './audit.ts';

export interface Agency {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly brandColor: string | null;
  readonly logoUrl: string | null;
  readonly createdAt: Date;
}

export interface AgencyBranding {
  readonly agencyId: string;
  readonly displayName: string;
  readonly slug: string;
  readonly brandColor: string | null;
  /** An https URL or a data:image URL. */
  readonly logoUrl: string | null;
}

const columns = ['id', 'name', 'slug', 'brand_color', 'logo_url', 'created_at'] as const;

type AgencyRecord = {
  id: string;
  name: string;
  slug: string;
  brand_color: string | null;
  logo_url: string | null;
  created_at: Date;
};

function toAgency(row: AgencyRecord): Agency {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    brandColor: row.brand_color,
    logoUrl: row.logo_url,
    createdAt: row.created_at,
  };
}

/** True when at least one agency exists (then no setup link is offered). */
export async function hasAnyAgency(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** True when the slug is free (optionally ignoring one agency, for renames). */
export async function isSlugFree(db: Executor, slug: string, exceptAgencyId?: string) {
  let query = db.selectFrom('agencies').select('id').where('slug', '=', slug);
  if (exceptAgencyId) query = query.where('id', '!=', exceptAgencyId);
  return (await query.executeTakeFirst()) === undefined;
}

/** Inserts an agency. */
export async function insertAgency(
  db: Executor,
  agency: { name: string; slug: string },
): Promise<Agency> {
  const row = await db
    .insertInto('agencies')
    .values({ name: agency.name, slug: agency.slug })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toAgency(row);
}

/** One agency by id. */
export async function findAgency(db: Executor, agencyId: string): Promise<Agency | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select(columns)
    .where('id', '=', agencyId)
    .executeTakeFirst();
  return row ? toAgency(row) : undefined;
}

/**
 * The branding the client page shows for an agency (display name, logo, colour, slug). Public
 * data: it is safe to render to anyone holding that agency's link.
 */
export async function findAgencyBranding(
  db: Executor,
  agencyId: string,
): Promise<AgencyBranding | undefined> {
  const agency = await findAgency(db, agencyId);
  return agency ? toBranding(agency) : undefined;
}

/** The branding for a custom link slug, or undefined. */
export async function findAgencyBrandingBySlug(
  db: Executor,
  slug: string,
): Promise<AgencyBranding | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select(columns)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? toBranding(toAgency(row)) : undefined;
}

/** Changes branding fields; absent fields stay, `null` clears. */
export async function updateAgencyBranding(
  db: Executor,
  agencyId: string,
  changes: {
    displayName?: string;
    slug?: string;
    brandColor?: string | null;
    logoUrl?: string | null;
  },
  now: Date,
): Promise<AgencyBranding> {
  const row = await db
    .updateTable('agencies')
    .set({
      ...(changes.displayName === undefined ? {} : { name: changes.displayName }),
      ...(changes.slug === undefined ? {} : { slug: changes.slug }),
      ...(changes.brandColor === undefined ? {} : { brand_color: changes.brandColor }),
      ...(changes.logoUrl === undefined ? {} : { logo_url: changes.logoUrl }),
      updated_at: now,
    })
    .where('id', '=', agencyId)
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toBranding(toAgency(row));
}

function toBranding(agency: Agency): AgencyBranding {
  return {
    agencyId: agency.id,
    displayName: agency.name,
    slug: agency.slug,
    brandColor: agency.brandColor,
    logoUrl: agency.logoUrl,
  };
}
