/**
 * The email outbox. `enqueueEmail` writes the message in the caller's transaction, so an email
 * exists exactly when the change that causes it committed; the `email.send` job delivers due rows
 * (src/store/email-deliveries.ts). Bodies carry links (capability URLs), so they are sealed with
 * the keyring, bound to the row, and cleared once the message is sent.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from './audit.ts';
import { Secret, type Keyring, type SecretContext } from './secrets.ts';

export interface EmailMessage {
  /** null for messages outside any agency (e.g. operator mail). */
  readonly agencyId: string | null;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** What the message is, e.g. `invitation`, `request_link`, `request_reminder`. */
  readonly kind: string;
  /** The row it is about (request id, invitation id), for support and tests. */
  readonly relatedId?: string;
}

const BodySchema = z.object({ text: z.string(), html: z.string().optional() });
export type EmailBody = z.infer<typeof BodySchema>;

const addressSchema = z.email();

/** Where an outbox body's ciphertext lives (a null agency binds as ''). */
export function emailBodyContext(id: string, agencyId: string | null): SecretContext {
  return { table: 'email_outbox', column: 'body_ciphertext', rowId: id, agencyId: agencyId ?? '' };
}

/**
 * Queues one email in the given executor (pass the transaction that makes the change); the keyring
 * seals the body. Returns the outbox row id.
 */
export async function enqueueEmail(
  db: Executor,
  keyring: Keyring,
  message: EmailMessage,
): Promise<string> {
  const to = addressSchema.parse(message.to);
  const id = randomUUID();
  const body: EmailBody = { text: message.text, ...(message.html ? { html: message.html } : {}) };
  const sealed = keyring.seal(
    new Secret(JSON.stringify(body)),
    emailBodyContext(id, message.agencyId),
  );
  await db
    .insertInto('email_outbox')
    .values({
      id,
      agency_id: message.agencyId,
      to_address: to,
      subject: message.subject,
      body_ciphertext: sealed,
      kind: message.kind,
      related_id: message.relatedId ?? null,
      next_attempt_at: sql<Date>`now()`,
    })
    .execute();
  return id;
}

/** Opens a sealed outbox body. */
export function openEmailBody(
  keyring: Keyring,
  row: { id: string; agency_id: string | null; body_ciphertext: string },
): EmailBody {
  const plain = keyring.open(row.body_ciphertext, emailBodyContext(row.id, row.agency_id));
  return BodySchema.parse(JSON.parse(plain.reveal()));
}
