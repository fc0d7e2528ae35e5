/** Job: re-encrypt stored secrets under the newest key after a rotation. */
import { z } from 'zod';
import type { Database } from '../store/database.ts';
import { rewrapSecrets } from '../store/rewrap.ts';
import type { Keyring } from '../store/secrets.ts';
import { defineJob } from './queue.ts';

export interface RewrapDeps {
  readonly database: Pick<Database, 'db'>;
  readonly keyring: Keyring;
}

export const rewrapSecretsJob = defineJob({
  name: 'secrets.rewrap',
  payload: z.object({}).strict(),
  queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, policy: 'singleton' },
  handler: async (_payload, deps: RewrapDeps) => {
    await rewrapSecrets(deps.database, deps.keyring);
  },
});
