// Runs a parsed GAQL query over the three resources the sandbox models: customer,
// customer_client_link, customer_manager_link ([ADS-GAS], [ADS-CCL], [ADS-CML]).
import { customerOf } from './ads-access.ts';
import { clientLinkName, managerLinkName } from './ads-links.ts';
import { failAds } from './errors.ts';
import type { GaqlCondition, GaqlQuery, GaqlValue } from './gaql.ts';
import type { ModelContext } from './types.ts';

type Getter = (entity: never) => GaqlValue;
interface ResourceDef {
  rowKey: string;
  fields: Record<string, Getter>;
  rows: (ctx: ModelContext, customerId: string) => unknown[];
}

const STATUSES = ['ACTIVE', 'INACTIVE', 'PENDING', 'REFUSED', 'CANCELED', 'UNKNOWN', 'UNSPECIFIED'];

const RESOURCES: Record<string, ResourceDef> = {
  customer: {
    rowKey: 'customer',
    rows: (ctx, id) => [customerOf(ctx, id)],
    fields: {
      resource_name: (c: { customerId: string }) => `customers/${c.customerId}`,
      id: (c: { customerId: string }) => c.customerId,
      descriptive_name: (c: { descriptiveName: string }) => c.descriptiveName,
      manager: (c: { manager: boolean }) => c.manager,
      currency_code: (c: { currencyCode: string }) => c.currencyCode,
      time_zone: (c: { timeZone: string }) => c.timeZone,
      test_account: (c: { testAccount: boolean }) => c.testAccount,
    },
  },
  customer_client_link: {
    rowKey: 'customerClientLink',
    rows: (ctx, id) => ctx.state.ads.links.filter((l) => l.managerId === id),
    fields: {
      resource_name: clientLinkName,
      client_customer: (l: { clientId: string }) => `customers/${l.clientId}`,
      manager_link_id: (l: { linkId: string }) => l.linkId,
      status: (l: { status: string }) => l.status,
      hidden: (l: { hidden: boolean }) => l.hidden,
    },
  },
  customer_user_access: {
    rowKey: 'customerUserAccess',
    rows: (ctx, id) =>
      ctx.state.ads.access
        .filter((a) => a.customerId === id)
        .map((a) => ({
          ...a,
          userId: String(ctx.state.users.findIndex((u) => u.email === a.email) + 1),
        })),
    fields: {
      resource_name: (a: { customerId: string; userId: string }) =>
        `customers/${a.customerId}/customerUserAccesses/${a.userId}`,
      user_id: (a: { userId: string }) => a.userId,
      email_address: (a: { email: string }) => a.email,
      access_role: (a: { role: string }) => a.role,
    },
  },
  customer_manager_link: {
    rowKey: 'customerManagerLink',
    rows: (ctx, id) => ctx.state.ads.links.filter((l) => l.clientId === id),
    fields: {
      resource_name: managerLinkName,
      manager_customer: (l: { managerId: string }) => `customers/${l.managerId}`,
      manager_link_id: (l: { linkId: string }) => l.linkId,
      status: (l: { status: string }) => l.status,
    },
  },
};

const camel = (snake: string): string =>
  snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function checkField(
  def: ResourceDef,
  resource: string,
  path: string,
  clause: 'SELECT' | 'WHERE',
): string {
  const [prefix, ...rest] = path.split('.');
  const name = rest.join('.');
  if (prefix !== resource) {
    if (rest.length > 0 && prefix !== undefined && RESOURCES[prefix])
      failAds(
        'INVALID_ARGUMENT',
        'queryError',
        `PROHIBITED_RESOURCE_TYPE_IN_${clause}_CLAUSE`,
        `A field that comes from an incompatible resource was included in the ${clause} clause.`,
      );
    failAds(
      'INVALID_ARGUMENT',
      'queryError',
      'UNRECOGNIZED_FIELD',
      `Query contains one or more unrecognized fields: ${path}`,
    );
  }
  if (!(name in def.fields))
    failAds(
      'INVALID_ARGUMENT',
      'queryError',
      'UNRECOGNIZED_FIELD',
      `Query contains one or more unrecognized fields: ${path}`,
    );
  return name;
}

function matches(entity: unknown, def: ResourceDef, field: string, cond: GaqlCondition): boolean {
  const actual = (def.fields[field] as (e: unknown) => GaqlValue)(entity);
  const hit = cond.values.some((v) => String(v) === String(actual));
  return cond.op === '=' || cond.op === 'IN' ? hit : !hit;
}

/** Runs a query for `customerId`; returns GoogleAdsRow JSON objects and the field mask. */
export function runQuery(
  ctx: ModelContext,
  customerId: string,
  query: GaqlQuery,
): { results: Record<string, Record<string, GaqlValue>>[]; fieldMask: string } {
  const def = RESOURCES[query.resource];
  if (!def)
    failAds(
      'INVALID_ARGUMENT',
      'queryError',
      'PROHIBITED_RESOURCE_TYPE_IN_FROM_CLAUSE',
      `Resource type ${query.resource} specified in the FROM clause is not supported by this sandbox.`,
    );
  const selected = query.fields.map((f) => checkField(def, query.resource, f, 'SELECT'));
  const conditions = query.where.map((c) => ({
    name: checkField(def, query.resource, c.field, 'WHERE'),
    cond: c,
  }));
  for (const { name, cond } of conditions) {
    if (name === 'status' && cond.values.some((v) => !STATUSES.includes(String(v))))
      failAds(
        'INVALID_ARGUMENT',
        'queryError',
        'BAD_ENUM_CONSTANT',
        'A condition used in the query references an invalid enum constant.',
      );
  }
  const rows = def
    .rows(ctx, customerId)
    .filter((e) => conditions.every(({ name, cond }) => matches(e, def, name, cond)));
  const limited = query.limit === null ? rows : rows.slice(0, query.limit);
  const results = limited.map((entity) => {
    const out: Record<string, GaqlValue> = {
      resourceName: (def.fields.resource_name as (e: unknown) => GaqlValue)(entity),
    };
    for (const name of selected)
      out[camel(name)] = (def.fields[name] as (e: unknown) => GaqlValue)(entity);
    return { [def.rowKey]: out };
  });
  return {
    results,
    fieldMask: query.fields.map((f) => f.split('.').map(camel).join('.')).join(','),
  };
}
