/**
 * One error shape for the whole API, `{ error: { code, message } }`, and a JSON body parser whose errors say
 * where the JSON broke. Every rejected request is counted; none stops the server.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from './api-error.ts';
import { countError, countResponse, type Metrics } from './metrics.ts';

/** Fastify's own error codes → the API's. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-content-length',
  FST_ERR_VALIDATION: 'invalid-request',
};

export function installErrorHandling(app: FastifyInstance, metrics: Metrics): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(new ApiError(400, 'invalid-json', 'body: expected a JSON document, found an empty body'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(new ApiError(400, 'invalid-json', `body: malformed JSON (${(e as Error).message})`), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    let status: number, code: string, message: string;
    if (error instanceof ApiError) {
      ({ status, code, message } = error);
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      code = FASTIFY_CODES[error.code] ?? 'bad-request';
      message = status === 413 ? `body: larger than the limit of ${app.initialConfig.bodyLimit} bytes` : error.message;
    } else {
      status = 500;
      code = 'internal';
      message = 'internal server error';
      request.log.error({ err: error }, 'request failed');
    }
    countError(metrics, code, status);
    void reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message } });
  });

  app.setNotFoundHandler((request, reply) => {
    countError(metrics, 'not-found', 404);
    void reply.code(404).send({ error: { code: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });

  app.addHook('onResponse', async (_request, reply) => {
    countResponse(metrics, reply.statusCode);
  });
}
