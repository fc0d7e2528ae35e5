/** Maps the request actor to the audit log's actor: the user, or the API key that acted. */
import type { Actor } from '../../store/audit.ts';
import type { RequestActor } from '../auth/actor.ts';

/** The audit actor for a request actor. */
export function auditActor(actor: RequestActor): Actor {
  return actor.kind === 'api_key'
    ? { kind: 'api_key', id: actor.apiKeyId }
    : { kind: 'user', id: actor.userId };
}
