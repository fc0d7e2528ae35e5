/** The `latchkey` command. */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger, logDestination } from '../lib/logger.ts';
import { controlTokenFile } from './sandbox-control-token.ts';
import type { Role } from './runtime.ts';
import { openRuntimeStore } from './runtime-store.ts';

// Each command's modules load when it runs: `latchkey start` loads none of the others' (the
// doctor alone loads every platform's client), so its start does not wait for them.
const commands = new Set(['start', 'migrate', 'doctor', 'backup', 'restore', 'sandbox']);

const help = (
  apiCommandsHelp: string,
) => `latchkey: one link to client access for marketing agencies

Usage:
  latchkey start [--role all|api|worker]   run the server and/or the job workers (default: all)
  latchkey migrate                         apply database migrations and exit
  latchkey doctor                          check configuration, database and platform credentials
  latchkey backup <file>                   copy the embedded database (also while it runs)
  latchkey restore <file> [--force]        restore a backup into an empty data folder
  latchkey sandbox tiktok [--port N]       run the TikTok sandbox on its own
  latchkey --help                          show this help

Talking to a running server (--url, --api-key or LATCHKEY_URL, LATCHKEY_API_KEY; --json):
${apiCommandsHelp}

Configuration comes from the environment; see README.md and docs/cli.md.`;

const SHUTDOWN_LIMIT_MS = 10_000;

/** What the program running `main` (bin/latchkey.js) may learn of a run. */
export interface MainHooks {
  /** Called once `latchkey start` has started everything (bin keeps V8's compiled code then). */
  readonly onStarted?: () => void;
}

/** Runs one CLI invocation; returns the exit code. */
export async function main(argv: string[], hooks: MainHooks = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: 'boolean', short: 'h' }, role: { type: 'string' } },
  });
  const command = positionals[0];
  if (!command || values.help || !commands.has(command)) {
    const api = await import('./commands/run-api-command.ts');
    if (command && api.apiCommandGroups.some((group) => group.name === command)) {
      return api.runApiCommand(command, argv.slice(argv.indexOf(command) + 1));
    }
    if (command && !values.help) {
      console.error(`Unknown command "${command}".\n\n${help(api.apiCommandsHelp())}`);
      return 1;
    }
    console.log(help(api.apiCommandsHelp()));
    return command || values.help ? 0 : 1;
  }
  try {
    switch (command) {
      case 'start':
        return await start(parseRole(values.role), hooks);
      case 'migrate':
        return await runMigrate();
      case 'doctor':
        return await (await import('./doctor.ts')).runDoctor(process.env);
      case 'backup':
        return await (
          await import('./commands/backup.ts')
        ).runBackup(argv.slice(argv.indexOf(command) + 1), process.env);
      case 'restore':
        return await (
          await import('./commands/backup.ts')
        ).runRestore(argv.slice(argv.indexOf(command) + 1), process.env);
      default:
        return await (await import('./sandbox-command.ts')).runSandboxCommand(argv.slice(1));
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function parseRole(value: string | boolean | undefined): Role {
  if (value === undefined) return 'all';
  if (value === 'all' || value === 'api' || value === 'worker') return value;
  throw new ConfigError(`--role must be all, api or worker (got "${String(value)}")`);
}

async function start(role: Role, hooks: MainHooks): Promise<number> {
  const config = loadConfig();
  const destination = await logDestination();
  const logger = createLogger({
    level: config.logLevel,
    ...(destination ? { destination } : {}),
  });
  // A stop signal may come as soon as the URL is printed, while the workers still start: it is
  // listened for from here on and acted on once the start is complete.
  const stopSignal = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const databaseName = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  // The URL is printed as soon as the server answers; the workers start right after.
  // PGlite's set-up begins now and overlaps loading the server's modules (about half a second
  // saved of a start's three); its errors are answered where startRuntime awaits it.
  const store = openRuntimeStore(config);
  store.catch(() => {});
  const { startRuntime } = await import('./runtime.ts');
  const runtime = await startRuntime(config, role, logger, {
    store,
    onListening: (url) =>
      console.log(`\n  Latchkey is running on ${databaseName}.\n  Open ${url}\n`),
  });
  if (runtime.url) {
    logger.info(
      { role, database: runtime.database.kind, startupMs: runtime.startup },
      `Latchkey is ready at ${runtime.url}`,
    );
    const sandboxes = Object.entries(runtime.sandboxes);
    if (sandboxes.length > 0) {
      logger.info({ sandboxes: runtime.sandboxes }, 'sandboxes are ready');
      console.log(`  Sandboxes (each its own site):`);
      const width = Math.max(...sandboxes.map(([id]) => id.length));
      for (const [id, url] of sandboxes) console.log(`    ${id.padEnd(width)} ${url}`);
      if (runtime.sandboxControlToken !== undefined) {
        const where = config.sandboxControl.token
          ? 'LATCHKEY_SANDBOX_CONTROL_TOKEN'
          : controlTokenFile(config.dataDir);
        console.log(`  Sandbox control API is open; its token (Bearer) is in ${where}`);
      }
      console.log('');
    }
  } else {
    logger.info(
      { role, database: runtime.database.kind, startupMs: runtime.startup },
      'Latchkey worker is running',
    );
  }
  hooks.onStarted?.();
  const signal = await stopSignal;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown took longer than 10 s; exiting');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  force.unref();
  try {
    await runtime.stop();
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
  return 0;
}

async function runMigrate(): Promise<number> {
  const { openDatabase } = await import('../store/database.ts');
  const { migrate } = await import('../store/migrate.ts');
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    return 0;
  } finally {
    await database.close();
  }
}
