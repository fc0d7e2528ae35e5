/** `latchkey access explain|advise`: who reaches an asset and why; the least privilege for tasks. */
import { formatTable, printResult } from '../output.ts';
import { stringOption, UsageError, type CommandGroup } from './command.ts';

interface Explained {
  holding: { relation: string; levels: string[]; sourceName: string | null } | null;
  paths: { why: string }[];
  limits: string[];
}
interface Advice {
  proposals: {
    platform: string;
    assetType: string;
    level: string;
    reasons: { reason: string }[];
  }[];
  warnings: { message: string }[];
}

export const accessCommand: CommandGroup = {
  name: 'access',
  actions: {
    explain: {
      summary: "Who reaches a client asset through the agency's business, and why (read live)",
      usage:
        'latchkey access explain (--grant <id> | --asset <id> --platform <id> --type <type>) [--json]',
      options: {
        grant: { type: 'string' },
        asset: { type: 'string' },
        platform: { type: 'string' },
        type: { type: 'string' },
      },
      run: async (client, values, io, json) => {
        const grant = stringOption(values, 'grant');
        const asset = stringOption(values, 'asset');
        if ((grant === undefined) === (asset === undefined)) {
          throw new UsageError('give exactly one of --grant or --asset');
        }
        const result = await client.get<Explained>(
          `/api/v1/assets/${encodeURIComponent(grant ?? asset ?? '')}/access`,
          grant
            ? {}
            : {
                platform: stringOption(values, 'platform', true),
                type: stringOption(values, 'type', true),
              },
        );
        printResult(io, json, result, () =>
          [
            result.holding
              ? `The agency's business holds it through ${result.holding.relation}${result.holding.sourceName ? ` from ${result.holding.sourceName}` : ''} (${result.holding.levels.join(', ') || 'no level'}).`
              : "The agency's business does not hold it.",
            ...result.paths.map((p) => `- ${p.why}`),
            ...result.limits.map((l) => `Note: ${l}`),
          ].join('\n'),
        );
      },
    },
    advise: {
      summary: 'The lowest level per asset for what the agency will do',
      usage:
        'latchkey access advise --task report|optimise|billing|spark_ads|conversions ... [--platform <id>] [--json]',
      options: { task: { type: 'string', multiple: true }, platform: { type: 'string' } },
      run: async (client, values, io, json) => {
        const tasks = Array.isArray(values.task) ? values.task : [];
        if (tasks.length === 0) throw new UsageError('give at least one --task');
        const platform = stringOption(values, 'platform');
        const result = await client.post<Advice>('/api/v1/advisor', {
          tasks,
          ...(platform ? { platforms: [platform] } : {}),
        });
        printResult(io, json, result, () =>
          formatTable(result.proposals, [
            { header: 'platform', value: (p) => p.platform },
            { header: 'asset', value: (p) => p.assetType },
            { header: 'level', value: (p) => p.level },
            { header: 'why', value: (p) => p.reasons.map((r) => r.reason).join(' ') },
          ]),
        );
      },
    },
  },
};
