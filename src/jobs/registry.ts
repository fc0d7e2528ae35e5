/** Every background job Latchkey runs, with the dependencies they need. */
import { rewrapSecretsJob, type RewrapDeps } from './rewrap-secrets.ts';

export type JobDeps = RewrapDeps;

export const jobs = [rewrapSecretsJob] as const;
