/**
 * GET  /api/projects[?status=…]       BimProjectSummary[]
 * POST /api/projects/:id/status       StatusChangeRequest → BimProjectSummary (construction-bureau, admin)
 * GET  /api/projects/:id/audit        AuditEntry[]
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Authenticator, BimStatus, StatusChangeRequest } from '../contracts.ts';
import { principalOf, requireReader, requireRole } from '../auth/authenticator.ts';
import { notFound, parseOr400 } from '../http/api-error.ts';
import type { ProjectStore } from './project-store.ts';

const StatusSchema = z.enum(['submitted', 'under-review', 'approved', 'rejected']) satisfies z.ZodType<BimStatus>;

export const StatusChangeSchema = z.strictObject({
  status: StatusSchema,
  reason: z.string().trim().min(3, 'expected a reason of at least 3 characters').max(2000),
}) satisfies z.ZodType<StatusChangeRequest>;

const ListQuery = z.object({ status: StatusSchema.optional() });
const IdParams = z.object({ id: z.string().min(1).max(200) });

export function registerProjectRoutes(app: FastifyInstance, store: ProjectStore, auth: Authenticator, publicReadOnly: boolean): void {
  const read = requireReader(auth, publicReadOnly);
  app.get('/api/projects', { onRequest: read }, async (request) => {
    const { status } = parseOr400(ListQuery, request.query, 'query');
    return store.list(status);
  });
  app.get('/api/projects/:id', { onRequest: read }, async (request) => {
    const { id } = parseOr400(IdParams, request.params, 'params');
    const p = await store.get(id);
    if (!p) throw notFound('project', id);
    return p;
  });
  app.post('/api/projects/:id/status', { onRequest: requireRole(auth, 'construction-bureau', 'admin') }, async (request) => {
    const { id } = parseOr400(IdParams, request.params, 'params');
    const body = parseOr400(StatusChangeSchema, request.body);
    const p = principalOf(auth, request);
    if (p.kind !== 'user') throw new Error('requireRole let a non-user through');
    return store.changeStatus(id, body.status, { name: p.name, role: p.role }, body.reason);
  });
  app.get('/api/projects/:id/audit', { onRequest: read }, async (request) => {
    const { id } = parseOr400(IdParams, request.params, 'params');
    return store.audit(id);
  });
}
