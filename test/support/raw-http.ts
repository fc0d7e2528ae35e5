/**
 * Sends bytes to a listening server over a plain TCP socket and reads the answer, for requests no
 * HTTP client would send (a URL or header past Node's limit, a malformed request line).
 */
import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
  /** The whole answer as received. */
  readonly text: string;
}

/** Writes `request` to host:port and resolves with what comes back before the socket closes. */
export function rawRequest(
  url: string,
  request: string | Buffer,
  timeoutMs = 5_000,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error('raw request timed out')), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      const answer = parse(text);
      if (answer && Buffer.byteLength(answer.body) >= answer.length) socket.end();
    });
    socket.on('error', (error) => {
      if (chunks.length === 0) {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const answer = parse(text);
      if (!answer) reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      else resolve({ status: answer.status, headers: answer.headers, body: answer.body, text });
    });
    socket.write(request);
  });
}

function parse(text: string) {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const headers = text.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(headers)?.[1]);
  const length = Number(
    /\r\ncontent-length: *(\d+)/i.exec(headers)?.[1] ?? Number.POSITIVE_INFINITY,
  );
  return { status, headers, body: text.slice(end + 4), length };
}
