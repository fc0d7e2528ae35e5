/** `latchkey clients list|create`: the agency's clients over the REST API. */
import { formatTable, printResult } from '../output.ts';
import { stringOption, type CommandGroup } from './command.ts';

interface Client {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
}

export const clientsCommand: CommandGroup = {
  name: 'clients',
  actions: {
    list: {
      summary: 'List the agency’s clients',
      usage: 'latchkey clients list [--json]',
      options: {},
      run: async (client, _values, io, json) => {
        const result = await client.get<{ clients: Client[] }>('/api/v1/clients');
        printResult(io, json, result, () =>
          formatTable(result.clients, [
            { header: 'id', value: (row) => row.id },
            { header: 'name', value: (row) => row.name },
            { header: 'email', value: (row) => row.email },
            { header: 'created', value: (row) => row.createdAt.slice(0, 10) },
          ]),
        );
      },
    },
    create: {
      summary: 'Add a client',
      usage: 'latchkey clients create --name <name> [--email <address>] [--json]',
      options: {
        name: { type: 'string' },
        email: { type: 'string' },
        'idempotency-key': { type: 'string' },
      },
      run: async (client, values, io, json) => {
        const email = stringOption(values, 'email');
        const idempotencyKey = stringOption(values, 'idempotency-key');
        const result = await client.post<{ client: Client }>(
          '/api/v1/clients',
          { name: stringOption(values, 'name', true), ...(email ? { email } : {}) },
          idempotencyKey ? { idempotencyKey } : {},
        );
        printResult(
          io,
          json,
          result,
          () => `Created client ${result.client.id} (${result.client.name})`,
        );
      },
    },
  },
};
