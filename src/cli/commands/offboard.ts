/** `latchkey offboard plan|start|report`: end an engagement, with a dry run first. */
import { formatTable, printResult } from '../output.ts';
import { stringOption, UsageError, type CommandGroup, type OptionValues } from './command.ts';

interface Step {
  assetName: string;
  assetType: string;
  assetId: string;
  level: string;
  action: string;
  scope: string;
  status?: string;
  verified?: string | null;
  explanation?: string;
}

const targetOptions = {
  client: { type: 'string' },
  request: { type: 'string' },
  platform: { type: 'string' },
} as const;

function target(values: OptionValues) {
  const clientId = stringOption(values, 'client');
  const requestId = stringOption(values, 'request');
  if ((clientId === undefined) === (requestId === undefined)) {
    throw new UsageError('give exactly one of --client or --request');
  }
  const platform = stringOption(values, 'platform');
  return {
    ...(clientId ? { clientId } : {}),
    ...(requestId ? { requestId } : {}),
    ...(platform ? { platform } : {}),
  };
}

const stepTable = (steps: readonly Step[]) =>
  formatTable(steps, [
    { header: 'asset', value: (s) => `${s.assetName} (${s.assetType} ${s.assetId})` },
    { header: 'level', value: (s) => s.level },
    { header: 'action', value: (s) => s.action },
    { header: 'scope', value: (s) => s.scope },
    { header: 'result', value: (s) => s.status ?? '' },
    { header: 'verified', value: (s) => s.verified ?? '' },
  ]);

export const offboardCommand: CommandGroup = {
  name: 'offboard',
  actions: {
    plan: {
      summary: 'Dry run: what offboarding a client or request would remove, and what it keeps',
      usage: 'latchkey offboard plan (--client <id> | --request <id>) [--platform <id>] [--json]',
      options: targetOptions,
      run: async (client, values, io, json) => {
        const result = await client.post<{ plan: { steps: Step[]; notes: string[] } }>(
          '/api/v1/offboardings/plan',
          target(values),
        );
        printResult(io, json, result, () =>
          [stepTable(result.plan.steps), '', ...result.plan.notes].join('\n'),
        );
      },
    },
    start: {
      summary: 'Offboard (queued, or --wait to run it and print the report)',
      usage:
        'latchkey offboard start (--client <id> | --request <id>) [--platform <id>] [--wait] [--json]',
      options: { ...targetOptions, wait: { type: 'boolean' } },
      run: async (client, values, io, json) => {
        const result = await client.post<{
          offboarding: { id: string; status: string; steps: Step[] };
        }>('/api/v1/offboardings', {
          ...target(values),
          ...(values.wait === true ? { wait: true } : {}),
        });
        printResult(io, json, result, () =>
          [
            `Offboarding ${result.offboarding.id}: ${result.offboarding.status}`,
            stepTable(result.offboarding.steps),
          ].join('\n'),
        );
      },
    },
    report: {
      summary: 'The offboarding report: each asset, action, time and verified result',
      usage: 'latchkey offboard report --id <id> [--json]',
      options: { id: { type: 'string' } },
      run: async (client, values, io, json) => {
        const id = stringOption(values, 'id', true);
        const result = await client.get<{
          offboarding: { id: string; status: string; steps: Step[] };
        }>(`/api/v1/offboardings/${encodeURIComponent(id)}`);
        printResult(io, json, result, () =>
          [
            `Offboarding ${result.offboarding.id}: ${result.offboarding.status}`,
            stepTable(result.offboarding.steps),
          ].join('\n'),
        );
      },
    },
  },
};
