/** `latchkey api-keys create`: a new API key, made with an existing write key over the REST API. */
import { printResult } from '../output.ts';
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
      usage: 'latchkey api-keys create --name <name> [--scope read|write] [--json]',
      options: { name: { type: 'string' }, scope: { type: 'string' } },
      run: async (client, values, io, json) => {
        const scope = stringOption(values, 'scope') ?? 'read';
        if (scope !== 'read' && scope !== 'write') {
          throw new UsageError('--scope must be read or write');
        }
        const result = await client.post<Created>('/api/v1/api-keys', {
          name: stringOption(values, 'name', true),
          scope,
        });
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
