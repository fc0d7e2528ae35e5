/**
 * Answers for requests Node's HTTP parser refuses before Fastify sees them (headers or URL over
 * the header size limit, a malformed request line, a timeout) and for an `Expect` header Node
 * would answer itself: the same `{error:{code,message}}` body as every other answer, with a fixed
 * message that never repeats the request.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { errorJson, type ErrorCode } from './errors.ts';

const parserErrors: Readonly<Record<string, readonly [number, ErrorCode, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request line and headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request took too long to arrive'],
};

function rawAnswer(status: number, body: string): string {
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n\r\n${body}`
  );
}

/** Fastify's `clientErrorHandler`: writes the error body to the socket, then closes it. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = parserErrors[error.code ?? ''] ?? [
    400,
    'bad_request',
    'The request could not be parsed as HTTP',
  ];
  if (socket.writable) socket.write(rawAnswer(status, errorJson(code, message)));
  socket.destroy();
}

/** Answers an `Expect` header other than 100-continue (Node would send an empty 417). */
export function answerExpectations(server: Server): void {
  server.on('checkExpectation', (_request, response) => {
    const body = errorJson('expectation_failed', 'Only "Expect: 100-continue" is supported');
    response.writeHead(417, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
}
