/**
 * Who may do what with sensor data. Reads: any known principal, anonymous only in public mode.
 * Entities: admin. Observations: admin, flood-command, or a device for its own datastreams.
 * Alarm acknowledgement: admin, flood-command.
 */
import type { Principal } from '../contracts.ts';
import { QueryError } from './sensorthings/query-error.ts';

export function checkRead(p: Principal, publicRead: boolean): void {
  if (p.kind === 'anonymous' && !publicRead) throw new QueryError('reading sensor data needs a token (Authorization: Bearer <token>)', 401);
}

function needToken(p: Principal): void {
  if (p.kind === 'anonymous') throw new QueryError('writes need a token (Authorization: Bearer <token>)', 401);
}

export function checkEntityWrite(p: Principal): void {
  needToken(p);
  if (!(p.kind === 'user' && p.role === 'admin')) throw new QueryError(`${describe(p)} may not create, change or delete SensorThings entities (admin only)`, 403);
}

export function canWriteObservation(p: Principal, datastream: number): boolean {
  if (p.kind === 'user') return p.role === 'admin' || p.role === 'flood-command';
  return p.kind === 'device' && p.datastreams.includes(datastream);
}

export function checkObservationWrite(p: Principal, datastream: number): void {
  needToken(p);
  if (!canWriteObservation(p, datastream)) throw new QueryError(`${describe(p)} may not write observations of Datastream ${datastream}`, 403);
}

export function checkAlarmAck(p: Principal): void {
  needToken(p);
  if (!(p.kind === 'user' && (p.role === 'admin' || p.role === 'flood-command'))) throw new QueryError(`${describe(p)} may not acknowledge alarms (flood-command or admin)`, 403);
}

function describe(p: Principal): string {
  return p.kind === 'user' ? `user '${p.name}' (${p.role})` : p.kind === 'device' ? `device '${p.name}'` : 'anonymous';
}
