/**
 * `Cache-Control: no-store` for answers that carry a secret or a link that grants something (an
 * API key, a webhook secret, a client's link, an invitation, an OAuth authorization URL with its
 * state): no browser, proxy or CDN may keep a copy.
 */
import type { FastifyReply } from 'fastify';

/** Marks the answer as not to be stored by any cache. */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}
