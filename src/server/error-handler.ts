/** Turns every failure into the one error body, with no internals in 5xx responses. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorBody } from './errors.ts';

const validationCodes = {
  body: 'invalid_body',
  querystring: 'invalid_query',
  params: 'invalid_params',
  headers: 'invalid_headers',
} as const;

/** Installs the not-found and error handlers on the root instance. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });

  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      void reply.headers(error.headers).status(error.status);
      return reply.send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'body';
      const code = validationCodes[context] ?? 'invalid_body';
      const details = error.validation.map((issue) => ({
        path: issue.instancePath.replace(/^\//, '').split('/').filter(Boolean),
        message: issue.message ?? 'invalid',
      }));
      return reply.status(400).send(errorBody(code, `Invalid ${context}`, details));
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = clientErrorCode(status, error as FastifyError);
      return reply.status(status).send(errorBody(code, error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('internal_error', 'Something went wrong on our side', undefined, request.id));
  });
}

function clientErrorCode(status: number, error: FastifyError): string {
  if (status === 415) return 'unsupported_media_type';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || status === 400) return 'bad_request';
  return 'bad_request';
}
