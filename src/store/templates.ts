/**
 * Reusable request templates: a name and a list of {platform, assetType, permissionLevel} items.
 * `findTemplate` is what "create a request from a template" reads.
 */
import type { Executor } from './audit.ts';
import { fetchPage, type ListOrder, type Page, type PageRequest } from './keyset.ts';
import type { TemplateItem } from './schema.ts';

export interface RequestTemplate {
  readonly id: string;
  readonly name: string;
  readonly items: readonly TemplateItem[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const columns = ['id', 'name', 'items', 'created_at', 'updated_at'] as const;

function toTemplate(row: {
  id: string;
  name: string;
  items: TemplateItem[];
  created_at: Date;
  updated_at: Date;
}): RequestTemplate {
  return {
    id: row.id,
    name: row.name,
    items: row.items,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** How the templates list is ordered: by name. */
export const templatesOrder: ListOrder = { key: 'name', id: 'id', kind: 'text', direction: 'asc' };

/** One page of the agency's templates, by name. */
export async function listTemplates(
  db: Executor,
  agencyId: string,
  page: PageRequest,
): Promise<Page<RequestTemplate>> {
  const query = db
    .selectFrom('request_templates')
    .select(columns)
    .where('agency_id', '=', agencyId);
  const found = await fetchPage(query, templatesOrder, page);
  return { rows: found.rows.map(toTemplate), next: found.next };
}

/** One template of the agency, or undefined (another agency's template is never found). */
export async function findTemplate(
  db: Executor,
  agencyId: string,
  id: string,
): Promise<RequestTemplate | undefined> {
  const row = await db
    .selectFrom('request_templates')
    .select(columns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toTemplate(row) : undefined;
}

/** Inserts a template (items already validated against the manifests). */
export async function insertTemplate(
  db: Executor,
  agencyId: string,
  template: { name: string; items: readonly TemplateItem[] },
): Promise<RequestTemplate> {
  const row = await db
    .insertInto('request_templates')
    .values({ agency_id: agencyId, name: template.name, items: JSON.stringify(template.items) })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toTemplate(row);
}

/** Changes a template; undefined when the agency has no such template. */
export async function updateTemplate(
  db: Executor,
  agencyId: string,
  id: string,
  changes: { name?: string; items?: readonly TemplateItem[] },
  now: Date,
): Promise<RequestTemplate | undefined> {
  const row = await db
    .updateTable('request_templates')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.items === undefined ? {} : { items: JSON.stringify(changes.items) }),
      updated_at: now,
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row ? toTemplate(row) : undefined;
}

/** Deletes a template; false when not found. */
export async function deleteTemplate(db: Executor, agencyId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('request_templates')
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
