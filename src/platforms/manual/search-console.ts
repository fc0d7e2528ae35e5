/**
 * Verifies a guided Search Console step with the agency's own token: `sites.get(siteUrl)` through
 * Google's client @googleapis/searchconsole (google-api.md §5). The API cannot add users.
 */
import type * as SearchConsole from '@googleapis/searchconsole';
import { loadGoogleClient } from '../google/load.ts';
import { PlatformError } from '../errors.ts';
import { clientOptions } from '../google/clients.ts';
import { fromGoogleClient } from '../google/errors.ts';
import type { FetchLike } from '../http.ts';
import type { AccessReading } from '../types.ts';

const LEVELS: Readonly<Record<string, string>> = {
  SITE_OWNER: 'owner',
  SITE_FULL_USER: 'full',
  SITE_RESTRICTED_USER: 'restricted',
};

/** Reads the agency's permission on a site: holds owner/full/restricted, or lost. */
export async function verifySearchConsoleAccess(input: {
  rootUrl: string;
  agencyToken: string;
  siteUrl: string;
  timeoutMs?: number;
  fetch?: FetchLike;
}): Promise<AccessReading> {
  const { searchconsole } = loadGoogleClient<typeof SearchConsole>('@googleapis/searchconsole');
  const client = searchconsole({
    version: 'v1',
    ...clientOptions({
      token: input.agencyToken,
      rootUrl: input.rootUrl,
      timeoutMs: input.timeoutMs ?? 15_000,
      fetch: input.fetch,
    }),
  });
  try {
    const site = (await client.sites.get({ siteUrl: input.siteUrl })).data;
    const level = LEVELS[site.permissionLevel ?? ''];
    return level === undefined ? { kind: 'lost' } : { kind: 'holds', level };
  } catch (error) {
    const mapped = fromGoogleClient(error, 5000);
    if (
      mapped instanceof PlatformError &&
      (mapped.kind === 'permission' || mapped.kind === 'not_found')
    )
      return { kind: 'lost' };
    throw mapped;
  }
}
