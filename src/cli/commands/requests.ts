/** `latchkey requests list|create`: access requests (the client's link) over the REST API. */
import { formatTable, printResult } from '../output.ts';
import { integerOption, stringOption, UsageError, type CommandGroup } from './command.ts';

interface RequestSummary {
  id: string;
  title: string;
  status: string;
  onboardingStatus?: string | null;
  grantCounts?: Record<string, number>;
  linkExpiresAt: string;
  createdAt: string;
}

interface Created {
  request: RequestSummary;
  link: { url: string; expiresAt: string; emailedTo: string | null };
}

/** Parses `platform:assetType:permissionLevel`. */
export function parseItem(value: string): {
  platform: string;
  assetType: string;
  permissionLevel: string;
} {
  const [platform, assetType, permissionLevel, extra] = value.split(':');
  if (!platform || !assetType || !permissionLevel || extra !== undefined) {
    throw new UsageError(`--item must be platform:assetType:permissionLevel (got "${value}")`);
  }
  return { platform, assetType, permissionLevel };
}

function grantSummary(counts: Record<string, number> | undefined): string {
  if (!counts) return '-';
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return total === 0 ? '-' : `${counts.granted ?? 0}/${total} granted`;
}

export const requestsCommand: CommandGroup = {
  name: 'requests',
  actions: {
    list: {
      summary: 'List access requests, newest first',
      usage:
        'latchkey requests list [--status open|completed|partial|revoked|expired] [--limit N] [--json]',
      options: { status: { type: 'string' }, limit: { type: 'string' } },
      run: async (client, values, io, json) => {
        const result = await client.get<{ requests: RequestSummary[] }>('/api/v1/requests', {
          status: stringOption(values, 'status'),
          limit: integerOption(values, 'limit'),
        });
        printResult(io, json, result, () =>
          formatTable(result.requests, [
            { header: 'id', value: (row) => row.id },
            { header: 'title', value: (row) => row.title },
            { header: 'status', value: (row) => row.status },
            { header: 'client', value: (row) => row.onboardingStatus ?? 'not opened' },
            { header: 'grants', value: (row) => grantSummary(row.grantCounts) },
            { header: 'created', value: (row) => row.createdAt.slice(0, 10) },
          ]),
        );
      },
    },
    create: {
      summary: 'Create a request and print its link (shown once)',
      usage:
        'latchkey requests create (--template <id> | --item platform:assetType:level ...) ' +
        '[--client <id>] [--email <address>] [--title <text>] [--message <text>] ' +
        '[--expires-in-days N] [--json]',
      options: {
        template: { type: 'string' },
        item: { type: 'string', multiple: true },
        client: { type: 'string' },
        email: { type: 'string' },
        title: { type: 'string' },
        message: { type: 'string' },
        'expires-in-days': { type: 'string' },
        'idempotency-key': { type: 'string' },
      },
      run: async (client, values, io, json) => {
        const items = ((values.item as string[] | undefined) ?? []).map(parseItem);
        const templateId = stringOption(values, 'template');
        if (!templateId && items.length === 0) {
          throw new UsageError('Say what you need: --template <id> or at least one --item');
        }
        const body = {
          ...(templateId ? { templateId } : {}),
          ...(items.length ? { items } : {}),
          ...optional('clientId', stringOption(values, 'client')),
          ...optional('clientEmail', stringOption(values, 'email')),
          ...optional('title', stringOption(values, 'title')),
          ...optional('message', stringOption(values, 'message')),
          ...optional('linkExpiresInDays', integerOption(values, 'expires-in-days')),
        };
        const idempotencyKey = stringOption(values, 'idempotency-key');
        const result = await client.post<Created>(
          '/api/v1/requests',
          body,
          idempotencyKey ? { idempotencyKey } : {},
        );
        printResult(io, json, result, () =>
          [
            `Created request ${result.request.id} (${result.request.title})`,
            `Link (shown once, expires ${result.link.expiresAt.slice(0, 10)}):`,
            `  ${result.link.url}`,
            result.link.emailedTo ? `Emailed to ${result.link.emailedTo}` : 'Not emailed',
          ].join('\n'),
        );
      },
    },
  },
};

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
