/**
 * Builds the Fastify application: zod validation (routes use the zod type provider), one error handler
 * producing `{error:{code,message,details?}}`, security headers, the health check, the sandboxes
 * in sandbox mode, and the built web front end. Routes live in their own plugins.
 */
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
} from 'fastify';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../lib/logger.ts';
import type { Database } from '../store/database.ts';
import { MAX_BODY_BYTES, registerBoundedJsonParser } from './body-bounds.ts';
import { answerExpectations, clientErrorHandler } from './client-errors.ts';
import { frameworkErrors, registerErrorHandling } from './error-handler.ts';
import { validatorCompiler } from './validation.ts';
import { healthRoutes } from './routes/health.ts';
import { webRoutes } from './routes/web.ts';

export interface AppDeps {
  readonly logger: Logger;
  readonly database: Pick<Database, 'kind' | 'ping'>;
  /** The folder holding the built web front end (web/dist). */
  readonly webDir?: string;
  /** Extra plugins (API routes, sandboxes), each with its URL prefix. */
  readonly plugins?: readonly { plugin: FastifyPluginAsync; prefix?: string }[];
  /** Trust X-Forwarded-* only when explicitly configured (S26). */
  readonly trustProxy?: boolean;
  /**
   * Send Strict-Transport-Security: on when the public URL is https (people reach Latchkey over
   * TLS, so browsers should never try plain http); off on http, where it would do nothing but
   * confuse a local setup.
   */
  readonly hsts?: boolean;
}

export type App = FastifyInstance;

/** Creates the application without listening; tests use `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics; tsc needs the cast.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.trustProxy ?? false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: MAX_BODY_BYTES,
    frameworkErrors,
    clientErrorHandler,
    // While closing, our own onRequest hook answers in the documented shape (error-handler.ts).
    return503OnClosing: false,
    // Node answers a request without Host with an empty 400; Fastify answers it in our shape.
    http: { requireHostHeader: false },
  });
  answerExpectations(app.server);
  registerBoundedJsonParser(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        formAction: null,
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: deps.hsts ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
  // brotli or gzip for every compressible answer of 1 KB or more, as the client accepts; the web
  // front end's files are already compressed at build time and sent as they are.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(healthRoutes, { database: deps.database });
  for (const { plugin, prefix } of deps.plugins ?? []) {
    await app.register(plugin, prefix ? { prefix } : {});
  }
  if (deps.webDir) await app.register(webRoutes, { webDir: deps.webDir });
  return app;
}
