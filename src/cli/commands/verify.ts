/** `latchkey verify run|status|alerts|rerequest`: verification sweeps and drift over the REST API. */
import { formatTable, printResult } from '../output.ts';
import { stringOption, type CommandGroup } from './command.ts';

interface Run {
  id: string;
  trigger: string;
  status: string;
  summary: Record<string, number>;
}
interface AssetCheck {
  clientName: string | null;
  assetType: string;
  assetId: string;
  assetName: string;
  level: string;
  outcome: string | null;
  levelFound: string | null;
  verifiedAt: string | null;
}
interface Alert {
  id: string;
  createdAt: string;
  items: { assetName: string; outcome: string; expectedLevel: string; levelFound: string | null }[];
}

const summary = (s: Record<string, number>) =>
  ['holds', 'downgraded', 'lost', 'unknown'].map((k) => `${k} ${s[k] ?? 0}`).join(', ');

export const verifyCommand: CommandGroup = {
  name: 'verify',
  actions: {
    run: {
      summary: 'Verify every granted asset now (queued, or --wait to run it and print the result)',
      usage: 'latchkey verify run [--wait] [--json]',
      options: { wait: { type: 'boolean' } },
      run: async (client, values, io, json) => {
        const result = await client.post<{ run: Run }>('/api/v1/verifications', {
          source: 'cli',
          ...(values.wait === true ? { wait: true } : {}),
        });
        printResult(io, json, result, () =>
          result.run.status === 'completed'
            ? `Verification ${result.run.id}: ${summary(result.run.summary)}`
            : `Verification ${result.run.id} queued`,
        );
      },
    },
    status: {
      summary: 'The latest check of every granted asset',
      usage: 'latchkey verify status [--json]',
      options: {},
      run: async (client, _values, io, json) => {
        const result = await client.get<{ assets: AssetCheck[] }>('/api/v1/grant-checks');
        printResult(io, json, result, () =>
          formatTable(result.assets, [
            { header: 'client', value: (r) => r.clientName },
            { header: 'asset', value: (r) => `${r.assetName} (${r.assetType} ${r.assetId})` },
            { header: 'level', value: (r) => r.level },
            { header: 'outcome', value: (r) => r.outcome },
            { header: 'found', value: (r) => r.levelFound },
            { header: 'verified', value: (r) => r.verifiedAt },
          ]),
        );
      },
    },
    alerts: {
      summary: 'Open drift alerts',
      usage: 'latchkey verify alerts [--json]',
      options: {},
      run: async (client, _values, io, json) => {
        const result = await client.get<{ alerts: Alert[] }>('/api/v1/drift-alerts');
        printResult(io, json, result, () =>
          formatTable(
            result.alerts.flatMap((a) => a.items.map((item) => ({ alert: a, item }))),
            [
              { header: 'alert', value: (r) => r.alert.id },
              { header: 'asset', value: (r) => r.item.assetName },
              { header: 'outcome', value: (r) => r.item.outcome },
              { header: 'was', value: (r) => r.item.expectedLevel },
              { header: 'found', value: (r) => r.item.levelFound },
            ],
          ),
        );
      },
    },
    rerequest: {
      summary: 'Make a new link for exactly the assets of a drift alert, at their old levels',
      usage: 'latchkey verify rerequest --alert <id> [--json]',
      options: { alert: { type: 'string' } },
      run: async (client, values, io, json) => {
        const id = stringOption(values, 'alert', true);
        const result = await client.post<{ request: { id: string }; link: { url: string } }>(
          `/api/v1/drift-alerts/${encodeURIComponent(id)}/rerequest`,
          {},
        );
        printResult(
          io,
          json,
          result,
          () => `Request ${result.request.id}\nLink (shown once): ${result.link.url}`,
        );
      },
    },
  },
};
