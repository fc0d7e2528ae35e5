/**
 * `latchkey api-keys create`: a new API key, made over the REST API with an existing write key of
 * a manager or owner, or, to bootstrap the first key, `--offline` in the database.
 */
import { printResult } from '../output.ts';
import { createApiKeyOffline } from './api-keys-offline.ts';
import { stringOption, UsageError, type CommandGroup } from './command.ts';

interface Created {
  apiKey: { id: string; name: string; scope: string; createdAt: string };
  key: string;
}

export const apiKeysCommand: CommandGroup = {
  name: 'api-keys',
  actions: {
    create: {
      summary: 'Create an API key (printed once)',
      usage:
        'latchkey api-keys create --name <name> [--scope read|write] [--json] ' +
        '[--offline --owner <email>]',
      options: {
        name: { type: 'string' },
        scope: { type: 'string' },
        offline: { type: 'boolean' },
        owner: { type: 'string' },
      },
      run: async (client, values, io, json) => {
        const scope = stringOption(values, 'scope') ?? 'read';
        if (scope !== 'read' && scope !== 'write') {
          throw new UsageError('--scope must be read or write');
        }
        const name = stringOption(values, 'name', true);
        const result = values.offline
          ? await createApiKeyOffline(io.env, {
              ownerEmail: stringOption(values, 'owner', true),
              name,
              scope,
            })
          : await client.post<Created>('/api/v1/api-keys', { name, scope });
        printResult(io, json, result, () =>
          [
            `Created ${result.apiKey.scope} key ${result.apiKey.id} (${result.apiKey.name}).`,
            'Store it now; it is not shown again:',
            `  ${result.key}`,
          ].join('\n'),
        );
      },
    },
  },
};
