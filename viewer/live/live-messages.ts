/**
 * Validation of `/ws/live` messages (server/contracts.ts LiveMessage) at the boundary: anything
 * that does not match is reported as malformed with the reason, never thrown.
 */
import type { AlarmLevel, LiveMessage } from '../../server/index.ts';

export const ALARM_LEVELS: readonly AlarmLevel[] = ['normal', 'warning', 'alarm', 'critical'];

export type Parsed = { ok: true; message: LiveMessage } | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLevel = (v: unknown) => v === undefined || ALARM_LEVELS.includes(v as AlarmLevel);

function checkReading(item: unknown, where: string): string | undefined {
  if (!isObj(item)) return `${where}: expected an object`;
  if (!Number.isInteger(item.datastream)) return `${where}.datastream: expected an integer, found ${JSON.stringify(item.datastream)}`;
  if (typeof item.value !== 'number' || !Number.isFinite(item.value)) return `${where}.value: expected a finite number`;
  if (typeof item.time !== 'string') return `${where}.time: expected a string`;
  if (!isLevel(item.alarm)) return `${where}.alarm: expected one of ${ALARM_LEVELS.join(', ')}`;
  return undefined;
}

export function parseLiveMessage(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isObj(data)) return { ok: false, reason: 'expected an object' };
  if (!Number.isInteger(data.seq)) return { ok: false, reason: `seq: expected an integer, found ${JSON.stringify(data.seq)}` };
  switch (data.type) {
    case 'hello':
      return typeof data.serverTime === 'string' ? { ok: true, message: data as LiveMessage } : { ok: false, reason: 'hello.serverTime: expected a string' };
    case 'observations':
    case 'snapshot': {
      const list = data.type === 'observations' ? data.items : data.latest;
      if (!Array.isArray(list)) return { ok: false, reason: `${data.type}: expected an array` };
      for (let k = 0; k < list.length; k++) {
        const reason = checkReading(list[k], `${data.type}[${k}]`);
        if (reason) return { ok: false, reason };
      }
      return { ok: true, message: data as LiveMessage };
    }
    case 'alarm': {
      const a = data.alarm;
      if (!isObj(a) || !Number.isInteger(a.datastream) || !ALARM_LEVELS.includes(a.level as AlarmLevel) || typeof a.state !== 'string') {
        return { ok: false, reason: 'alarm: expected { datastream, level, state }' };
      }
      return { ok: true, message: data as LiveMessage };
    }
    default:
      return { ok: false, reason: `type: unknown ${JSON.stringify(data.type)}` };
  }
}
