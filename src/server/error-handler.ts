/**
 * Turns every failure into the one error body `{error:{code,message,details?}}`, at every layer:
 * route errors and validation (the error handler), unknown routes (the not-found handler), URLs
 * the router cannot read (Fastify's frameworkErrors), and what Node's HTTP parser refuses before
 * Fastify sees a request (oversized headers or URL, a malformed request line: the clientError
 * handler, see client-errors.ts). Messages are fixed per error: none echoes the URL, a header or
 * the body back, and 5xx answers carry only the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorBody, type ErrorCode } from './errors.ts';

const validationCodes = {
  body: 'invalid_body',
  querystring: 'invalid_query',
  params: 'invalid_params',
  headers: 'invalid_headers',
} as const;

/** Fastify's own errors, each with a code and a message that says nothing of the request. */
const frameworkCodes: Readonly<Record<string, readonly [ErrorCode, string]>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['bad_request', 'The body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad_request', 'The body is empty but says it is JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The body is larger than 1 MiB'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send the body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: ['bad_request', 'The URL is not valid'],
  FST_ERR_MAX_PARAM_LENGTH: ['uri_too_long', 'A part of the URL is too long'],
  FST_ERR_ASYNC_CONSTRAINT: ['bad_request', 'The request could not be routed'],
};

/** Codes for other 4xx statuses a plugin may raise (their messages are not passed on). */
const statusCodes: Readonly<Record<number, readonly [ErrorCode, string]>> = {
  400: ['bad_request', 'The request could not be read'],
  401: ['unauthorized', 'Sign in or use an API key'],
  403: ['forbidden', 'Not allowed'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  406: ['bad_request', 'Latchkey answers in JSON'],
  408: ['request_timeout', 'The request took too long to arrive'],
  413: ['payload_too_large', 'The body is larger than 1 MiB'],
  414: ['uri_too_long', 'The URL is too long'],
  415: ['unsupported_media_type', 'Send the body as application/json'],
  429: ['rate_limited', 'Too many requests'],
  431: ['headers_too_large', 'The request headers are too large'],
};

/** The code and fixed message for a client error raised by Fastify or a plugin. */
export function describeClientError(error: {
  code?: string;
  statusCode?: number;
}): [ErrorCode, string] {
  const known = error.code !== undefined ? frameworkCodes[error.code] : undefined;
  if (known) return [...known];
  const byStatus = statusCodes[error.statusCode ?? 400];
  return byStatus ? [...byStatus] : ['bad_request', 'The request could not be read'];
}

function sendClientError(reply: FastifyReply, error: { code?: string; statusCode?: number }) {
  const [code, message] = describeClientError(error);
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  return reply.status(status >= 400 && status < 500 ? status : 400).send(errorBody(code, message));
}

/** Fastify's `frameworkErrors` option: a URL the router cannot decode or a parameter too long. */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendClientError(reply, error);
}

/** Installs the not-found and error handlers on the root instance. */
export function registerErrorHandling(app: FastifyInstance): void {
  refuseWhileClosing(app);
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send(errorBody('not_found', 'No route for that method and URL'));
  });

  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      void reply.headers(error.headers).status(error.status);
      return reply.send(errorBody(error.code, error.message, error.details));
    }
    const fastifyError = error as FastifyError;
    if (Array.isArray(fastifyError.validation) && fastifyError.validation.length > 0) {
      const context = fastifyError.validationContext ?? 'body';
      const code = validationCodes[context] ?? 'invalid_body';
      const details = fastifyError.validation.map((issue) => ({
        path: issue.instancePath.replace(/^\//, '').split('/').filter(Boolean),
        message: issue.message ?? 'invalid',
      }));
      return reply.status(400).send(errorBody(code, `Invalid ${context}`, details));
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendClientError(reply, fastifyError);
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('internal_error', 'Something went wrong on our side', undefined, request.id));
  });
}

/**
 * While the server drains, a request arriving on a kept-alive connection is refused in our shape
 * (Fastify's own `return503OnClosing` answer, turned off in buildApp, is `{"error":"Service
 * Unavailable",…}`): 503 with Retry-After, and the connection closed so the client reconnects to
 * a process that is up.
 */
function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    void reply
      .status(503)
      .headers({ connection: 'close', 'retry-after': '5' })
      .send(errorBody('unavailable', 'Latchkey is restarting; try again in a few seconds'));
  });
}
