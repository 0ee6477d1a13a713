/**
 * Parses an incoming observation (HTTP body, MQTT payload, DataArray row) into a NewObservation.
 * Accepts the SensorThings Observation JSON or, on MQTT, a bare number. Errors name the field.
 */
import { z } from 'zod';
import { QueryError } from './sensorthings/query-error.ts';
import type { NewObservation } from './store/sensor-store.ts';

const TimeSchema = z.string().refine((s) => parseTime(s) !== undefined, { message: 'expected an ISO 8601 date-time or interval start/end' });

export const ObservationBodySchema = z.looseObject({
  phenomenonTime: TimeSchema.optional(),
  resultTime: TimeSchema.nullable().optional(),
  result: z.number().refine(Number.isFinite, { message: 'expected a finite number' }),
  Datastream: z.looseObject({ '@iot.id': z.number().int().positive() }).optional(),
});

/** ms since the epoch of an ISO date-time; an interval `start/end` gives its end (OGC 18-088 §8.2.7 permits both). */
export function parseTime(s: string): number | undefined {
  const end = s.includes('/') ? s.split('/')[1] : s;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(end)) return undefined;
  const t = Date.parse(end);
  return Number.isNaN(t) ? undefined : t;
}

export function zodMessage(e: z.ZodError, prefix = ''): string {
  return e.issues.map((i) => `${prefix}${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}

/** Observation JSON (already parsed) → NewObservation for `datastream` (or its Datastream ref). */
export function observationFromJson(body: unknown, datastream: number | undefined, now = Date.now()): NewObservation {
  // Fast path for the common well-formed shape; anything else goes through the schema for its message.
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as { phenomenonTime?: unknown; resultTime?: unknown; result?: unknown; Datastream?: unknown };
    const t = b.phenomenonTime === undefined ? now : typeof b.phenomenonTime === 'string' ? parseTime(b.phenomenonTime) : undefined;
    const rt = b.resultTime == null ? null : typeof b.resultTime === 'string' ? parseTime(b.resultTime) : undefined;
    if (datastream !== undefined && b.Datastream === undefined && typeof b.result === 'number' && Number.isFinite(b.result) && t !== undefined && rt !== undefined) {
      return { datastream, t, result: b.result, resultTime: rt };
    }
  }
  const r = ObservationBodySchema.safeParse(body);
  if (!r.success) throw new QueryError(`invalid Observation: ${zodMessage(r.error)}`);
  const ds = datastream ?? r.data.Datastream?.['@iot.id'];
  if (ds === undefined) throw new QueryError('invalid Observation: Datastream: required (a {"@iot.id": n} reference)');
  return {
    datastream: ds,
    t: r.data.phenomenonTime !== undefined ? (parseTime(r.data.phenomenonTime) as number) : now,
    result: r.data.result,
    resultTime: r.data.resultTime != null ? (parseTime(r.data.resultTime) as number) : null,
  };
}

/** An MQTT payload: Observation JSON or a bare number. */
export function observationFromPayload(payload: Buffer, datastream: number, now = Date.now()): NewObservation {
  const text = payload.toString('utf8').trim();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new QueryError(`malformed JSON payload: ${(e as Error).message}`);
  }
  if (typeof json === 'number') {
    if (!Number.isFinite(json)) throw new QueryError('result: expected a finite number');
    return { datastream, t: now, result: json, resultTime: null };
  }
  return observationFromJson(json, datastream, now);
}
