/**
 * A minimal loopback SMTP server (RFC 5321's happy path: EHLO, MAIL, RCPT, DATA, QUIT) that keeps
 * each message, or refuses every message with a 5xx when told to.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SmtpListener {
  readonly url: string;
  readonly messages: { from: string; to: string[]; data: string }[];
  refuse: boolean;
  close(): Promise<void>;
}

/** Starts the listener on 127.0.0.1 with a random port. */
export async function startSmtpListener(): Promise<SmtpListener> {
  const messages: SmtpListener['messages'] = [];
  const state = { refuse: false };
  const server: Server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 test.local ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (state.refuse) {
            reply('554 5.7.1 Message refused');
          } else {
            messages.push({ from, to, data });
            reply('250 2.0.0 Ok: queued');
          }
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 test.local');
        else if (verb === 'MAIL') {
          from = line;
          to = [];
          reply('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          to.push(line);
          reply('250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 Ok');
        else reply('502 5.5.2 Command not recognized');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const listener: SmtpListener = {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return listener;
}
