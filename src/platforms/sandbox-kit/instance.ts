// What every sandbox instance is built from: a model persisted to an optional JSON file, the
// runtime fields the kit's faults, request log and sessions work on, the handle tests and the CLI
// hold, and a listener of its own. Each platform adds its routes, its apps and its extras.
import type { FastifyPluginAsync } from 'fastify';
import { listenStandalone } from './listen.ts';
import { createTransactionalModel, type TransactionalModel } from './model.ts';
import { readJsonFile, writeJsonFileAtomic } from './state-file.ts';

/** Where a sandbox's state starts and where it persists. */
export interface PersistedModelOptions<S, W> {
  /** JSON file holding the state; loaded when it exists, rewritten after each change. */
  readonly dataFile?: string | undefined;
  readonly world: W;
  readonly stateFromWorld: (world: W, now: Date) => S;
  readonly now: () => Date;
  readonly random: () => number;
}

/** The model, from the saved file when there is one, else from the world; saved on each change. */
function persistedModel<S, W>(options: PersistedModelOptions<S, W>): TransactionalModel<S> {
  const file = options.dataFile;
  const saved = file === undefined ? undefined : (readJsonFile(file) as S | undefined);
  const model = createTransactionalModel<S>({
    state: saved ?? options.stateFromWorld(options.world, options.now()),
    now: options.now,
    random: options.random,
    ...(file === undefined ? {} : { onChange: (state: S) => writeJsonFileAtomic(file, state) }),
  });
  if (file !== undefined) writeJsonFileAtomic(file, model.state);
  return model;
}

/** The runtime fields every sandbox shares. */
export interface RuntimeBase<S, W, F, L> {
  model: TransactionalModel<S>;
  faults: F;
  /** Timestamps (ms) of recent API calls, for the rate limit. */
  recentCalls: number[];
  log: L[];
  /** Session id (cookie) → signed-in person. */
  sessions: Map<string, string>;
  /** Back to the given world, or to the one the sandbox was created with. */
  reset(world?: W): void;
  loadWorld(world: W): void;
}

/** What every sandbox's options share: where the state starts and persists, clock, dice, faults. */
export interface InstanceOptions<W, F> {
  /** JSON file holding the state; loaded when it exists, rewritten after each change. */
  dataFile?: string;
  /** Starting world (default: the platform's worlds/<platform>-default.json). */
  world?: W;
  now?: () => Date;
  random?: () => number;
  faults?: F;
}

/** How a platform's state comes from a world. */
export interface WorldSource<S, W> {
  readonly readDefaultWorld: () => W;
  readonly stateFromWorld: (world: W, now: Date) => S;
}

/**
 * The runtime: the persisted model, the shared fields and the platform's own (`extra`), one
 * object, so `reset` clears the same fields the routes read.
 */
export function sandboxRuntime<S, W, F, L, X extends object>(
  options: InstanceOptions<W, F>,
  source: WorldSource<S, W>,
  extra: X,
): RuntimeBase<S, W, F, L> & X {
  const world = options.world ?? source.readDefaultWorld();
  const model = persistedModel({
    world,
    stateFromWorld: source.stateFromWorld,
    dataFile: options.dataFile,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
  });
  const rt: RuntimeBase<S, W, F, L> = {
    model,
    faults: options.faults ?? ({} as F),
    recentCalls: [],
    log: [],
    sessions: new Map(),
    reset(next) {
      model.replaceState(source.stateFromWorld(next ?? world, model.now()));
      rt.sessions.clear();
      rt.recentCalls = [];
      rt.log.length = 0;
    },
    loadWorld(next) {
      rt.reset(next);
    },
  };
  return Object.assign(rt, extra);
}

/** The handle a sandbox instance gives tests, the CLI and the server. */
export interface SandboxHandle<M, W, F, L> {
  plugin: FastifyPluginAsync;
  model: M;
  /** The request log (token values are never recorded). */
  log: L[];
  setFaults(faults: F): void;
  reset(world?: W): void;
  loadWorld(world: W): void;
  close(): Promise<void>;
}

/** The handle over a runtime: faults reset the rate window; close saves the state once more. */
export function sandboxHandle<S, W, F, L>(
  rt: RuntimeBase<S, W, F, L>,
  plugin: FastifyPluginAsync,
  dataFile: string | undefined,
): SandboxHandle<TransactionalModel<S>, W, F, L> {
  return {
    plugin,
    model: rt.model,
    log: rt.log,
    setFaults: (faults) => {
      rt.faults = faults;
      rt.recentCalls = [];
    },
    reset: (next) => rt.reset(next),
    loadWorld: (next) => rt.loadWorld(next),
    close: async () => {
      if (dataFile !== undefined) writeJsonFileAtomic(dataFile, rt.model.state);
    },
  };
}

/** Where a standalone sandbox listens. */
export interface ListenOptions {
  host?: string;
  port?: number;
  /** URL prefix of the sandbox on its listener (default: the root). */
  prefix?: string;
}

/** Runs a sandbox on its own listener (dev, tests, `latchkey sandbox <platform>`). */
export async function startStandalone<
  H extends { plugin: FastifyPluginAsync; close(): Promise<void> },
>(
  sandbox: H,
  options: ListenOptions,
): Promise<{ sandbox: H; url: string; close(): Promise<void> }> {
  const { app, url } = await listenStandalone(sandbox.plugin, {
    host: options.host ?? '127.0.0.1',
    port: options.port,
    prefix: options.prefix ?? '',
  });
  return {
    sandbox,
    url,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}
