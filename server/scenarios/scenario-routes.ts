/**
 * GET  /api/scenarios              ScenarioSummary[] (newest first)
 * POST /api/scenarios              ScenarioRequest → ScenarioSummary, 202 (flood-command, admin)
 * GET  /api/scenarios/:id          ScenarioSummary (results when done)
 * POST /api/scenarios/:id/cancel   ScenarioSummary (flood-command, admin)
 * WS   /ws/scenarios               ScenarioProgress messages for every scenario (first: the unfinished ones)
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Authenticator, ScenarioProgress } from '../contracts.ts';
import { principalOf, requireReader, requireRole } from '../auth/authenticator.ts';
import { parseOr400 } from '../http/api-error.ts';
import { ScenarioRequestSchema } from './scenario-request.ts';
import type { ScenarioService } from './scenario-service.ts';

const IdParams = z.object({ id: z.string().min(1).max(100) });

export function registerScenarioRoutes(app: FastifyInstance, service: ScenarioService, auth: Authenticator, publicReadOnly: boolean): void {
  const read = requireReader(auth, publicReadOnly);
  const write = requireRole(auth, 'flood-command', 'admin');
  app.get('/api/scenarios', { onRequest: read }, async () => service.list());
  app.post('/api/scenarios', { onRequest: write }, async (request, reply) => {
    const body = parseOr400(ScenarioRequestSchema, request.body);
    const s = await service.create(body);
    request.log.info({ scenario: s.id, by: principalOf(auth, request) }, 'scenario created');
    return reply.code(202).send(s);
  });
  app.get('/api/scenarios/:id', { onRequest: read }, async (request) => service.get(parseOr400(IdParams, request.params, 'params').id));
  app.post('/api/scenarios/:id/cancel', { onRequest: write }, async (request) => service.cancel(parseOr400(IdParams, request.params, 'params').id));

  app.get('/ws/scenarios', { websocket: true, onRequest: read }, async (socket) => {
    const send = (p: ScenarioProgress) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(p));
    };
    const off = service.onProgress(send);
    socket.on('close', off);
    // A client that connects mid-run learns at once where the unfinished scenarios are.
    for (const s of await service.list()) {
      if (s.state === 'queued' || s.state === 'running') send({ type: 'scenario', id: s.id, state: s.state, progress: s.progress });
    }
    // The socket only sends; anything a client sends is ignored.
    socket.on('message', () => {});
  });
}
