/* global WebAssembly */
// The embedded database's own thread (see pglite-thread.ts, which starts it). PGlite's WebAssembly
// set-up and every statement run here, beside the main thread's JavaScript rather than between it.
// Plain JavaScript importing only PGlite and Node's own modules, so the same file runs under tsx
// and vitest (from src/) and from dist/ (the build copies it there).
//
// Each message is a call { id, op, txId?, args }, answered by { id, value } or { id, error }.
// Calls start as they arrive and are not queued here: PGlite's own locks order them, exactly as
// on the main thread (a statement from outside a transaction waits until it ends).
import { Buffer, Blob } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { URL, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const INT8_OID = 20;

/** Fields of PGlite's DatabaseError (and the statement it carries) that travel back with it. */
const ERROR_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
  'query',
];

const port = parentPort;
/** @type {{ prewarm?: true, dataPath: string, startParams: string[], int8AsNumber: boolean, loadDataDir?: ArrayBuffer }} */
const options = workerData;

/** Open transactions by the main thread's id: the PGlite transaction and how to end it. */
const transactions = new Map();
/** LISTEN subscriptions by the main thread's id: their unsubscribe functions. */
const listeners = new Map();

class RollbackSignal extends Error {}

function serializeError(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  // `params` is left behind on purpose: statement values (emails, sealed tokens) must not reach
  // a log through an error's fields.
  const base = { name: error.name, message: error.message, stack: error.stack };
  // PostgreSQL's errors (PGlite's DatabaseError) always carry a severity.
  if (error.severity === undefined) return base;
  const fields = {};
  for (const key of ERROR_FIELDS) if (error[key] !== undefined) fields[key] = error[key];
  return { ...base, fields };
}

function target(txId) {
  if (txId === undefined) return pglite;
  const open = transactions.get(txId);
  if (!open) throw new Error('Transaction is closed');
  return open.tx;
}

/** Starts a transaction that stays open until the main thread ends it (op 'end'). */
function begin(txId) {
  return new Promise((resolve, reject) => {
    let began = false;
    const done = pglite
      .transaction(async (tx) => {
        const outcome = await new Promise((finish) => {
          transactions.set(txId, { tx, finish, done });
          began = true;
          resolve(undefined);
        });
        if (outcome === 'rollback' && !tx.closed) throw new RollbackSignal();
      })
      .catch((error) => {
        if (!(error instanceof RollbackSignal)) throw error;
      })
      .finally(() => transactions.delete(txId));
    // A BEGIN that fails never reaches the callback: that is the answer to this call. Once begun,
    // the outcome belongs to the 'end' call, which awaits `done`.
    done.catch((error) => {
      if (!began) reject(error);
    });
  });
}

async function end(txId, outcome) {
  const open = transactions.get(txId);
  if (!open) return;
  open.finish(outcome);
  await open.done;
}

async function run(op, txId, args) {
  switch (op) {
    case 'query':
      return await target(txId).query(args[0], args[1], args[2]);
    case 'exec':
      return await target(txId).exec(args[0], args[1]);
    case 'begin':
      return await begin(txId);
    case 'rollback':
      return await target(txId).rollback();
    case 'end':
      return await end(txId, args[0]);
    case 'dumpDataDir': {
      const dump = await pglite.dumpDataDir(args[0]);
      return await dump.arrayBuffer();
    }
    case 'listen': {
      const [listenId, channel] = args;
      const unsubscribe = await pglite.listen(channel, (payload) =>
        port.postMessage({ notification: listenId, payload }),
      );
      listeners.set(listenId, unsubscribe);
      return undefined;
    }
    case 'unlisten': {
      const unsubscribe = listeners.get(args[0]);
      listeners.delete(args[0]);
      return await unsubscribe?.();
    }
    case 'close':
      if (!pglite.closed) await pglite.close();
      return undefined;
    default:
      throw new Error(`Unknown PGlite worker call: ${op}`);
  }
}

// PGlite's WebAssembly and its file-system bundle, read and compiled as soon as this thread runs
// (the compiling is V8's, in the background) and handed to PGlite.create.
async function loadAssets() {
  const dist = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const [wasm, data] = await Promise.all([
    readFile(new URL('pglite.wasm', dist)),
    readFile(new URL('pglite.data', dist)),
  ]);
  return { pgliteWasmModule: await WebAssembly.compile(wasm), fsBundle: new Blob([data]) };
}

async function open(settings) {
  const assets = await loading;
  return await PGlite.create(settings.dataPath, {
    ...assets,
    ...(settings.int8AsNumber ? { parsers: { [INT8_OID]: (value) => Number(value) } } : {}),
    startParams: [...PGlite.defaultStartParams, ...settings.startParams],
    ...(settings.loadDataDir ? { loadDataDir: new Blob([Buffer.from(settings.loadDataDir)]) } : {}),
  });
}

// Listening from the start keeps this thread's event loop busy while PGlite opens. With nothing
// to wait on, Node blocks until V8 has finished optimising PGlite's WebAssembly in the background
// (nodejs/node#36616), which held the first statement back by 0.3-0.6 s after PGlite was ready.
let pglite;
const loading = loadAssets();
// A thread started ahead of time (`{ prewarm: true }`, bin/latchkey.js) loads PGlite and compiles
// its WebAssembly while the server's code loads, then opens the folder it is sent ({ open }).
let opened = options.prewarm ? undefined : open(options);

port.on('message', ({ id, op, txId, args, open: settings }) => {
  if (settings !== undefined) {
    if (opened) return;
    opened = open(settings);
    announce(opened);
    return;
  }
  run(op, txId, args).then(
    (value) => port.postMessage({ id, value }, value instanceof ArrayBuffer ? [value] : undefined),
    (error) => port.postMessage({ id, error: serializeError(error) }),
  );
});

function announce(opening) {
  opening.then(
    (instance) => {
      pglite = instance;
      port.postMessage({ id: 0, value: undefined });
    },
    (error) => {
      port.postMessage({ id: 0, error: serializeError(error) });
      port.close();
    },
  );
}

if (opened) announce(opened);
// An unused prewarmed thread must not fail the process over its assets; opening reports it.
loading.catch(() => {});
