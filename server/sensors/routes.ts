/**
 * HTTP and WebSocket routes of the sensor service: the SensorThings API under /v1.1, alarms under
 * /api/alarms, counters under /api/sensors/stats and the live socket /ws/live. Errors are JSON
 * `{ code, message }`; every rejected request is counted by reason.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator, Principal } from '../contracts.ts';
import { checkAlarmAck, checkRead } from './access.ts';
import type { AlarmService } from './alarms.ts';
import type { LiveHub } from './live-hub.ts';
import type { RejectCounter } from './reject-counter.ts';
import { ENTITY_SETS } from './sensorthings/entity-model.ts';
import { QueryError } from './sensorthings/query-error.ts';
import type { SensorThingsApi } from './sensorthings/sensorthings-api.ts';
import type { SensorStore } from './store/sensor-store.ts';

export interface RouteDeps {
  api: SensorThingsApi;
  auth: Authenticator;
  alarms: AlarmService;
  store: SensorStore;
  live: LiveHub;
  rejects: RejectCounter;
  publicRead: boolean;
  /** Largest body for /v1.1/CreateObservations, bytes; other bodies: `bodyLimit`. */
  bulkBodyLimit: number;
  bodyLimit: number;
  stats: () => Record<string, unknown>;
}

const CONFORMANCE = [
  'http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/request-data',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/data-array/data-array',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates',
];

function reasonOf(status: number, code: string | undefined): string {
  if (code === 'MALFORMED_JSON') return 'malformed-json';
  if (status === 413) return 'too-large';
  if (status === 415) return 'unsupported-media-type';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  return status >= 500 ? 'server-error' : 'invalid';
}

export async function registerSensorRoutes(app: FastifyInstance, d: RouteDeps): Promise<void> {
  await app.register(async (scope) => {
    // JSON bodies: an empty body is no body (DELETE from some clients), and a syntax error says where.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
      if (text === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text as string));
      } catch (e) {
        done(Object.assign(new Error(`malformed JSON body: ${(e as Error).message}`), { statusCode: 400, code: 'MALFORMED_JSON' }), undefined);
      }
    });
    scope.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
      const status = err instanceof QueryError ? err.status : err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
      const code = reasonOf(status, err.code);
      d.rejects.count('http', code, `${req.method} ${req.url}: ${err.message}`);
      if (status >= 500) req.log.error(err);
      reply.code(status).send({ code, message: err.message });
    });

    const principal = (req: FastifyRequest): Principal => {
      const p = d.auth.principalFor(req.headers.authorization);
      if (!p) throw new QueryError('unknown token', 401);
      return p;
    };
    const base = (req: FastifyRequest) => `${req.protocol}://${req.host}/v1.1`;
    const pathOf = (req: FastifyRequest) => decodeURIComponent(req.url.split('?')[0].replace(/^\/v1\.1\/?/, ''));
    const queryOf = (req: FastifyRequest) => new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
    const send = (reply: FastifyReply, r: { status: number; body?: unknown; location?: string; text?: string }) => {
      if (r.location) reply.header('location', r.location);
      if (r.text !== undefined) return reply.code(r.status).type('text/plain; charset=utf-8').send(r.text);
      return reply.code(r.status).send(r.body ?? '');
    };

    scope.get('/v1.1', async (req) => {
      checkRead(principal(req), d.publicRead);
      return {
        value: Object.keys(ENTITY_SETS).map((name) => ({ name, url: `${base(req)}/${name}` })),
        serverSettings: { conformance: CONFORMANCE, 'http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation': { endpoints: ['mqtt://'] } },
      };
    });

    scope.post('/v1.1/CreateObservations', { bodyLimit: d.bulkBodyLimit }, async (req, reply) => {
      const r = await d.api.createObservations(req.body, principal(req), base(req));
      for (let i = 0; i < r.rejected; i++) d.rejects.count('http', 'invalid-row');
      return reply.code(r.status).send(r.body);
    });

    scope.get('/v1.1/*', async (req, reply) => {
      checkRead(principal(req), d.publicRead);
      return send(reply, await d.api.read(pathOf(req), queryOf(req), base(req)));
    });
    scope.post('/v1.1/*', { bodyLimit: d.bodyLimit }, async (req, reply) => send(reply, await d.api.create(pathOf(req), req.body, principal(req), base(req))));
    scope.patch('/v1.1/*', { bodyLimit: d.bodyLimit }, async (req, reply) => send(reply, await d.api.update(pathOf(req), req.body, principal(req), base(req))));
    scope.delete('/v1.1/*', async (req, reply) => send(reply, await d.api.remove(pathOf(req), principal(req))));

    scope.get('/api/alarms', async (req) => {
      checkRead(principal(req), d.publicRead);
      const q = queryOf(req);
      const limit = Math.min(Number(q.get('limit') ?? 200) || 200, 10000);
      const ds = q.get('datastream');
      await d.alarms.settle();
      return { active: await d.store.activeAlarms(), history: await d.store.alarmHistory(limit, ds ? Number(ds) : undefined) };
    });
    scope.post<{ Params: { id: string } }>('/api/alarms/:id/ack', async (req) => {
      const who = principal(req);
      checkAlarmAck(who);
      const id = Number(req.params.id);
      if (!Number.isInteger(id)) throw new QueryError(`alarm id: expected an integer, found '${req.params.id}'`);
      return d.alarms.acknowledge(id, who.kind === 'user' ? who.name : 'unknown');
    });
    scope.get('/api/sensors/stats', async (req) => {
      checkRead(principal(req), d.publicRead);
      return d.stats();
    });

    scope.get('/ws/live', { websocket: true }, (socket, req) => {
      const p = d.auth.principalFor(req.headers.authorization ?? (queryOf(req).get('token') ? `Bearer ${queryOf(req).get('token')}` : undefined));
      if (!p || (p.kind === 'anonymous' && !d.publicRead)) {
        d.rejects.count('ws', 'unauthenticated');
        socket.close(4401, 'a token is needed (Authorization header or ?token=)');
        return;
      }
      d.live.attach(socket);
    });
  });
}
