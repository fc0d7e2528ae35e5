/**
 * Benchmark: how long `latchkey start` takes to answer /healthz, as an operator runs it (the
 * compiled dist/, through bin/latchkey.js). Each figure is the best of three runs, printed in ms
 * and as a ratio to two baselines measured in the same run: `node -e 0` (starting Node at all)
 * and an empty Fastify server answering one request. Prints `fresh PGlite start: N ms` (a new
 * data folder) and `existing PGlite start: N ms` (the same folder again), and the phases of the
 * best run as the server logged them (startupMs). Bar: fresh ≤ 3000 ms, existing ≤ 1500 ms on a
 * quiet machine; the ratios are what to compare on a busy one. `BENCH_RUNS` changes the count;
 * `DATABASE_URL` adds a PostgreSQL start.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin/latchkey.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);

interface Timed {
  readonly ms: number;
  readonly phases?: Record<string, number>;
}

/** Spawns node with args; resolves when `ready(output)` yields a URL that answers 200, or on exit. */
function timeStart(args: string[], env: Record<string, string>, waitFor?: RegExp): Promise<Timed> {
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<Timed>((resolve, reject) => {
    let done = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = waitFor?.exec(output);
      if (!match || done) return;
      done = true;
      void fetch(`${match[1]}/healthz`).then(async (res) => {
        const ms = performance.now() - began;
        if (res.status !== 200) reject(new Error(`healthz answered ${res.status}`));
        // The URL is printed before the workers start; their phase is logged with the ready
        // line a moment later (waited for outside the timed part).
        const startupLog = /"startupMs":(\{[^}]*\})/;
        for (let i = 0; i < 100 && child.exitCode === null && !startupLog.test(output); i += 1)
          await new Promise((r) => setTimeout(r, 50));
        const logged = startupLog.exec(output);
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
        resolve({ ms, ...(logged ? { phases: JSON.parse(logged[1]!) } : {}) });
      }, reject);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (waitFor && !done) reject(new Error(`exited with ${code} before ready:\n${output}`));
      if (!waitFor) resolve({ ms: performance.now() - began });
    });
  });
}

async function bestOf(label: string, once: () => Promise<Timed>): Promise<Timed> {
  let best: Timed | undefined;
  const all: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const timed = await once();
    all.push(Math.round(timed.ms));
    if (!best || timed.ms < best.ms) best = timed;
  }
  console.log(`  ${label}: runs ${all.join(', ')} ms`);
  return best!;
}

const emptyFastify = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
console.log('listening http://127.0.0.1:' + app.server.address().port);
`;

function assertBuilt(): void {
  const main = path.join(root, 'dist/cli/main.js');
  if (!existsSync(main) || !existsSync(path.join(root, 'dist/pglite-template/PG_VERSION'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  if (statSync(main).mtimeMs < statSync(path.join(root, 'src/cli/main.ts')).mtimeMs) {
    console.warn('warning: dist/ is older than src/: run `npm run build` for current figures');
  }
}

assertBuilt();
console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}, ${runs} runs each`,
);
const ready = /Open (http:\/\/\S+)/;
const nodeOnly = await bestOf('node -e 0', () => timeStart(['-e', '0'], {}));
const fastify = await bestOf('empty Fastify', () =>
  timeStart(['--input-type=module', '-e', emptyFastify], {}, /listening (http:\/\/\S+)/),
);
const dirs: string[] = [];
const newDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-bench-start-'));
  dirs.push(dir);
  return dir;
};
const startIn = (dir: string) =>
  timeStart([bin, 'start'], { LATCHKEY_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'info' }, ready);
try {
  const fresh = await bestOf('fresh PGlite', async () => startIn(await newDir()));
  const existingDir = dirs[0]!;
  const existing = await bestOf('existing PGlite', () => startIn(existingDir));
  const postgres = process.env.DATABASE_URL
    ? await bestOf('PostgreSQL', async () =>
        timeStart(
          [bin, 'start'],
          { DATABASE_URL: process.env.DATABASE_URL!, LATCHKEY_DATA_DIR: await newDir(), PORT: '0' },
          ready,
        ),
      )
    : undefined;
  const line = (label: string, timed: Timed) => {
    const ms = Math.round(timed.ms);
    const ratios = `${(timed.ms / nodeOnly.ms).toFixed(1)}× node -e 0, ${(timed.ms / fastify.ms).toFixed(1)}× empty Fastify`;
    console.log(`${label}: ${ms} ms (${ratios})`);
    if (timed.phases) console.log(`  phases: ${JSON.stringify(timed.phases)}`);
  };
  console.log(`node -e 0: ${Math.round(nodeOnly.ms)} ms`);
  console.log(`empty Fastify start: ${Math.round(fastify.ms)} ms`);
  line('fresh PGlite start', fresh);
  line('existing PGlite start', existing);
  if (postgres) line('PostgreSQL start', postgres);
  const met = fresh.ms <= 3000 && existing.ms <= 1500;
  console.log(`bar (fresh ≤ 3000 ms, existing ≤ 1500 ms): ${met ? 'met' : 'not met'}`);
} finally {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}
