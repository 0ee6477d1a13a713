/**
 * Cross-origin isolation on every response: the flood workers share grids through SharedArrayBuffer, which
 * browsers allow only in cross-origin isolated pages (COOP same-origin + COEP require-corp), and every
 * resource the page loads must then opt in (CORP).
 * https://developer.mozilla.org/en-US/docs/Web/API/Window/crossOriginIsolated
 */
import type { FastifyInstance } from 'fastify';

export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
} as const;

export function installIsolationHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers({ ...ISOLATION_HEADERS, 'x-content-type-options': 'nosniff' });
  });
}
