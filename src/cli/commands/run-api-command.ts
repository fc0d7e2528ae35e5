/**
 * Runs `latchkey <group> <action>` against a running server: common options `--url` (default
 * LATCHKEY_URL or http://127.0.0.1:3000), `--api-key` (default LATCHKEY_API_KEY) and `--json`.
 * Exit codes: 0 done, 1 the server or network refused, 2 a usage mistake.
 */
import { parseArgs } from 'node:util';
import { ApiError, createApiClient } from '../api-client.ts';
import { processIo, type CommandIo } from '../output.ts';
import { accessCommand } from './access.ts';
import { apiKeysCommand } from './api-keys.ts';
import { clientsCommand } from './clients.ts';
import { UsageError, type CommandGroup, type OptionValues } from './command.ts';
import { offboardCommand } from './offboard.ts';
import { requestsCommand } from './requests.ts';
import { verifyCommand } from './verify.ts';

export const apiCommandGroups: readonly CommandGroup[] = [
  clientsCommand,
  requestsCommand,
  apiKeysCommand,
  verifyCommand,
  offboardCommand,
  accessCommand,
];

const common = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Help lines for the main help text. */
export function apiCommandsHelp(): string {
  return apiCommandGroups
    .flatMap((group) => Object.values(group.actions).map((action) => `  ${action.usage}`))
    .join('\n');
}

/** Runs one API command; returns the exit code. */
export async function runApiCommand(
  groupName: string,
  argv: readonly string[],
  io: CommandIo = processIo,
): Promise<number> {
  const group = apiCommandGroups.find((candidate) => candidate.name === groupName);
  const [actionName, ...rest] = argv;
  const action = group && actionName ? group.actions[actionName] : undefined;
  if (!group || !action) {
    const known = group ? Object.keys(group.actions).join('|') : '';
    io.err(`Usage: latchkey ${groupName} ${known} [options]`);
    return 2;
  }
  let values: OptionValues;
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...common, ...action.options },
      allowPositionals: false,
      strict: true,
    });
    values = parsed.values;
  } catch (error) {
    io.err(`${(error as Error).message}\nUsage: ${action.usage}`);
    return 2;
  }
  if (values.help) {
    io.out(`${action.summary}\n\nUsage: ${action.usage}\n  --url <url> --api-key <key> --json`);
    return 0;
  }
  const client = createApiClient({
    url: (values.url as string | undefined) ?? io.env.LATCHKEY_URL ?? 'http://127.0.0.1:3000',
    apiKey: (values['api-key'] as string | undefined) ?? io.env.LATCHKEY_API_KEY,
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  try {
    await action.run(client, values, io, values.json === true);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nUsage: ${action.usage}`);
      return 2;
    }
    if (error instanceof ApiError) {
      io.err(describeApiError(error));
      return 1;
    }
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function describeApiError(error: ApiError): string {
  const status = error.status ? ` (${error.status}${error.code ? ` ${error.code}` : ''})` : '';
  const lines = [`Error${status}: ${error.message}`];
  if (Array.isArray(error.details)) {
    for (const detail of error.details as { path?: unknown; message?: unknown }[]) {
      const where = Array.isArray(detail.path) ? detail.path.join('.') : '';
      if (typeof detail.message === 'string')
        lines.push(`  ${where ? `${where}: ` : ''}${detail.message}`);
    }
  }
  return lines.join('\n');
}
