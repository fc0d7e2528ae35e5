/**
 * Sending email: nodemailer over SMTP when SMTP_URL is set; otherwise each message is written as
 * an `.eml` file in `<dataDir>/mail/` and its path is logged, so a self-hosted install without a
 * mail server still shows what would have gone out. Bodies carry links: they are never logged and
 * the files are readable by the owner only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type { Logger } from './logger.ts';

export interface OutgoingEmail {
  /** The outbox row id: names the file and appears in the log line. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string | undefined;
}

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  /** Sends (or writes) one message; throws when the server refuses it or cannot be reached. */
  send(email: OutgoingEmail): Promise<{ path?: string }>;
  close(): void;
}

export interface MailerOptions {
  readonly smtpUrl: string | undefined;
  readonly from: string;
  readonly dataDir: string;
  readonly logger: Logger;
}

/** Creates the SMTP mailer or, without SMTP_URL, the `.eml` file writer. */
export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? createSmtpMailer(options, options.smtpUrl) : createFileMailer(options);
}

function createSmtpMailer(options: MailerOptions, url: string): Mailer {
  const transport = createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    send: async (email) => {
      await transport.sendMail({ from: options.from, ...message(email) });
      options.logger.info({ emailId: email.id }, 'email sent over SMTP');
      return {};
    },
    close: () => transport.close(),
  };
}

function createFileMailer(options: MailerOptions): Mailer {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const folder = path.join(options.dataDir, 'mail');
  return {
    kind: 'file',
    send: async (email) => {
      const info = await transport.sendMail({ from: options.from, ...message(email) });
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(folder, `${stamp}-${email.id}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      options.logger.info({ emailId: email.id, path: file }, 'email written to file (no SMTP_URL)');
      return { path: file };
    },
    close: () => transport.close(),
  };
}

function message(email: OutgoingEmail) {
  return {
    to: email.to,
    subject: email.subject,
    text: email.text,
    ...(email.html ? { html: email.html } : {}),
  };
}
