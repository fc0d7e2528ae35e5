/**
 * Bootstrapping: `latchkey api-keys create --offline --owner <email>` makes the first API key
 * straight in the database (no running server, no key needed), for the owner or a manager named
 * by email. With the embedded database the server must be stopped (PGlite is single-process);
 * with DATABASE_URL it can run. The key is printed once and audited as made from the CLI.
 */
import { loadConfig } from '../../config.ts';
import { generateApiKey } from '../../server/auth/api-key-token.ts';
import { insertApiKey } from '../../store/api-keys.ts';
import { systemActor, withAudit } from '../../store/audit.ts';
import { lockDataDir } from '../../store/data-lock.ts';
import { openDatabase } from '../../store/database.ts';
import { migrate } from '../../store/migrate.ts';
import type { ApiKeyScope } from '../../store/schema.ts';
import { findUserByEmail } from '../../store/users.ts';
import { UsageError } from './command.ts';

export interface OfflineKeyRequest {
  readonly ownerEmail: string;
  readonly name: string;
  readonly scope: ApiKeyScope;
}

export interface OfflineKey {
  readonly apiKey: { id: string; name: string; scope: ApiKeyScope; createdAt: string };
  readonly key: string;
}

/** Creates the key in the configured database; throws a UsageError for an unknown or weak user. */
export async function createApiKeyOffline(
  env: Record<string, string | undefined>,
  request: OfflineKeyRequest,
): Promise<OfflineKey> {
  const config = loadConfig(env);
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 1,
  });
  try {
    await migrate(database);
    const user = await findUserByEmail(database.db, request.ownerEmail);
    if (!user || user.disabledAt) {
      throw new UsageError(`No active user with the email ${request.ownerEmail}`);
    }
    if (user.role !== 'owner' && user.role !== 'manager') {
      throw new UsageError(
        `${request.ownerEmail} is a ${user.role}: API keys need a manager or owner`,
      );
    }
    const generated = generateApiKey();
    const created = await withAudit(database.db, async (tx) => {
      const apiKey = await insertApiKey(tx, {
        id: generated.id,
        agencyId: user.agencyId,
        createdBy: user.id,
        name: request.name,
        scope: request.scope,
        secretHash: generated.secretHash,
      });
      return {
        result: apiKey,
        audit: {
          agencyId: user.agencyId,
          actor: systemActor,
          action: 'api_key.created',
          target: { kind: 'api_key', id: apiKey.id },
          data: { scope: apiKey.scope, via: 'cli_offline', for_user: user.id },
        },
      };
    });
    return {
      apiKey: {
        id: created.id,
        name: created.name,
        scope: created.scope,
        createdAt: created.createdAt.toISOString(),
      },
      key: generated.token,
    };
  } finally {
    await database.close();
    release();
  }
}
