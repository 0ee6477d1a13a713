/**
 * server: the one process that serves the twin (static model files, viewer config, BIM projects, flood
 * scenarios, and the sensor service through its plug-in hook). Contracts shared with the viewer live in
 * contracts.ts.
 */
export * from './contracts.ts';
export {
  createServer, SERVER_DEFAULTS, SERVER_VERSION,
  type CimflowServer, type ResolvedServerOptions, type SensorDeps, type SensorPlugin, type ServerOptions,
} from './app.ts';
export { type TokenStore, requireRole, requireReader, principalOf } from './auth/authenticator.ts';
export { ApiError, parseOr400 } from './http/api-error.ts';
export { openDatabase, isPostgresUrl, type Database, type SqlValue } from './projects/database.ts';
export type { FloodInputs } from './scenarios/scenario-request.ts';
