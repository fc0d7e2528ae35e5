/**
 * The embedded database's admin socket: a Unix socket (a named pipe on Windows) that a running
 * Latchkey on PGlite listens on, so another process (`latchkey backup`) can ask it for a copy of
 * the database it holds open. It is not on the network: reaching it takes the same file access as
 * reading the data folder itself, and the socket file is made owner-only.
 */
import { createHash } from 'node:crypto';
import { chmod, rm } from 'node:fs/promises';
import { request, createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Unix socket paths are limited to about 104 bytes; a longer one goes to the temp folder. */
const SOCKET_PATH_LIMIT = 100;

/** Where the admin socket of the process holding `dataDir` listens. */
export function adminSocketPath(dataDir: string): string {
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\latchkey-${id}`;
  const inFolder = path.join(dataDir, 'latchkey.sock');
  return inFolder.length < SOCKET_PATH_LIMIT
    ? inFolder
    : path.join(tmpdir(), `latchkey-${id}.sock`);
}

/** What the socket answers: `POST /<name>` runs the handler and sends its bytes. */
export type AdminHandlers = Readonly<Record<string, () => Promise<Buffer>>>;

/**
 * Listens on the data folder's admin socket; returns the function that closes it. The caller
 * holds the data folder's lock, so a socket file left by a process that died is removed first.
 */
export async function serveAdminSocket(
  dataDir: string,
  handlers: AdminHandlers,
): Promise<() => Promise<void>> {
  const socket = adminSocketPath(dataDir);
  if (process.platform !== 'win32') await rm(socket, { force: true });
  const server: Server = createServer((req, res) => {
    const handler = req.method === 'POST' ? handlers[(req.url ?? '').slice(1)] : undefined;
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    handler().then(
      (body) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body),
      (error: unknown) => res.writeHead(500).end((error as Error).message),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  if (process.platform !== 'win32') await chmod(socket, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

export class AdminSocketUnreachable extends Error {
  override readonly name = 'AdminSocketUnreachable';
}

/**
 * Asks the process holding `dataDir` to run `name`; resolves with its bytes. Rejects with
 * AdminSocketUnreachable when no process listens there.
 */
export function callAdminSocket(dataDir: string, name: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: adminSocketPath(dataDir), path: `/${name}`, method: 'POST' });
    req.once('error', (error: NodeJS.ErrnoException) => {
      const absent = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      reject(absent ? new AdminSocketUnreachable(error.message) : error);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`the running server could not ${name}: ${body.toString('utf8')}`));
      });
    });
    req.end();
  });
}
