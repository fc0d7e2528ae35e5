/**
 * Factories for authenticated tests: `buildAgency(database, {...})` makes an agency with its owner,
 * a session cookie and API keys; `buildTestApp(database)` builds the server with every plugin the
 * runtime registers (appPlugins), so `app.inject` tests see the real routes and hooks.
 */
import { randomBytes } from 'node:crypto';
import { appPlugins } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import type { TemplateItemCheck } from '../../src/domain/template-items.ts';
import type { Logger } from '../../src/lib/logger.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { generateApiKey } from '../../src/server/auth/api-key-token.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { SESSION_COOKIE, type SessionTimeouts } from '../../src/server/auth/session-manager.ts';
import { checkTemplateItem } from '../../src/server/template-check.ts';
import { createWorkspace, type SignInLimit, type Workspace } from '../../src/server/workspace.ts';
import { insertAgency, type Agency } from '../../src/store/agencies.ts';
import { insertApiKey } from '../../src/store/api-keys.ts';
import type { Database } from '../../src/store/database.ts';
import type { ApiKeyScope, UserRole } from '../../src/store/schema.ts';
import { generateKeyEntry, parseKeyring } from '../../src/store/secrets.ts';
import { insertUser, type User } from '../../src/store/users.ts';
import { captureLogger } from './logger.ts';

export const TEST_PUBLIC_URL = 'http://127.0.0.1:3000';
export const TEST_PASSWORD = 'correct horse battery staple';

/** A throwaway keyring for the test process. */
export const testKeyring = parseKeyring(generateKeyEntry('test'));

/** One password hash shared by every factory user (scrypt is deliberately slow). */
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export interface TestMember {
  readonly user: User;
  readonly password: string;
  /** `__Host-latchkey_session=<id>`, for the `cookie` header. */
  readonly sessionCookie: string;
  /** `{ cookie }`: headers for `app.inject` as this user in a browser. */
  readonly headers: Record<string, string>;
}

export interface TestAgency {
  readonly agency: Agency;
  readonly owner: TestMember;
  /** Shortcut for `owner.sessionCookie`. */
  readonly sessionCookie: string;
  /** A new API key created by the owner: `{ token, id, headers: { authorization } }`. */
  apiKey(scope?: ApiKeyScope, createdBy?: User): Promise<TestApiKey>;
  /** Adds a signed-in member with the given role. */
  addMember(role: UserRole, name?: string): Promise<TestMember>;
}

export interface TestApiKey {
  readonly id: string;
  readonly token: string;
  readonly headers: Record<string, string>;
}

export interface TestWorkspaceOptions {
  readonly now?: () => Date;
  readonly timeouts?: SessionTimeouts;
  readonly signInLimit?: SignInLimit;
  readonly checkTemplateItem?: TemplateItemCheck;
}

/** The workspace services tests use (a fixed public URL, a generous sign-in limit by default). */
export function buildTestWorkspace(
  database: Pick<Database, 'db'>,
  options: TestWorkspaceOptions = {},
): Workspace {
  return createWorkspace({
    db: database.db,
    keyring: testKeyring,
    publicUrl: TEST_PUBLIC_URL,
    checkTemplateItem: options.checkTemplateItem ?? checkTemplateItem,
    signInLimit: options.signInLimit ?? { max: 1_000, windowMs: 60_000 },
    ...(options.now ? { now: options.now } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
}

/** Builds the app with every runtime plugin over the test database. */
export async function buildTestApp(
  database: Database,
  options: TestWorkspaceOptions & { logger?: Logger; workspace?: Workspace } = {},
): Promise<App> {
  const logger = options.logger ?? captureLogger('warn').logger;
  const config = loadConfig({ PUBLIC_URL: TEST_PUBLIC_URL, NODE_ENV: 'test' });
  const workspace = options.workspace ?? buildTestWorkspace(database, options);
  const plugins = appPlugins({ database, config, logger, workspace });
  const app = await buildApp({ logger, database, plugins });
  await app.ready();
  return app;
}

/** Creates an agency with an owner (signed in), plus helpers for more members and API keys. */
export async function buildAgency(
  database: Pick<Database, 'db'>,
  options: { name?: string; ownerEmail?: string; workspace?: Workspace } = {},
): Promise<TestAgency> {
  const workspace = options.workspace ?? buildTestWorkspace(database);
  const suffix = randomBytes(4).toString('hex');
  const name = options.name ?? `Agency ${suffix}`;
  const agency = await insertAgency(database.db, { name, slug: `agency-${suffix}` });
  const addMember = async (role: UserRole, memberName?: string, email?: string) => {
    const user = await insertUser(database.db, {
      agencyId: agency.id,
      email: email ?? `${role}-${randomBytes(4).toString('hex')}@${suffix}.example`,
      name: memberName ?? `${role} of ${name}`,
      role,
      passwordHash: await testPasswordHash(),
    });
    const token = await workspace.sessions.start(user);
    const sessionCookie = `${SESSION_COOKIE}=${token}`;
    return { user, password: TEST_PASSWORD, sessionCookie, headers: { cookie: sessionCookie } };
  };
  const owner = await addMember('owner', `Owner of ${name}`, options.ownerEmail);
  return {
    agency,
    owner,
    sessionCookie: owner.sessionCookie,
    addMember: (role, memberName) => addMember(role, memberName),
    apiKey: async (scope = 'write', createdBy = owner.user) => {
      const key = generateApiKey();
      await insertApiKey(database.db, {
        id: key.id,
        agencyId: agency.id,
        createdBy: createdBy.id,
        name: `${scope} key`,
        scope,
        secretHash: key.secretHash,
      });
      return { id: key.id, token: key.token, headers: { authorization: `Bearer ${key.token}` } };
    },
  };
}
