/**
 * Starts the sensor service on a real Fastify server on 127.0.0.1 (free port), with a temp SQLite
 * file (or the given db) and an embedded MQTT broker on a free port. For tests and benchmarks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { createSensorService, type SensorService, type SensorServiceOptions } from '../sensor-service.ts';
import { TEST_TOKENS, tokenAuthenticator } from './token-authenticator.ts';

export interface RunningService {
  url: string;
  base: string;
  service: SensorService;
  mqttUrl: string;
  dir: string;
  close(): Promise<void>;
}

export async function startService(options: Partial<SensorServiceOptions> = {}): Promise<RunningService> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cimflow-sensors-'));
  const service = createSensorService({
    auth: tokenAuthenticator(TEST_TOKENS), db: path.join(dir, 'sensors.db'), mqtt: { embedded: { port: 0 } }, publicRead: true,
    retention: false, ...options,
  });
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await service.register(app);
  await service.start();
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url, base: `${url}/v1.1`, service, dir, mqttUrl: `mqtt://127.0.0.1:${service.mqttPort}`,
    async close() {
      await service.stop();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { authorization: 'Bearer admin-token', 'content-type': 'application/json' };

/** JSON request helper: returns status, headers and parsed body. */
// Test responses are arbitrary JSON; tests assert their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function http(method: string, url: string, body?: unknown, headers: Record<string, string> = ADMIN): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A Thing with one Location and `n` Datastreams (kind, thresholds), deep-inserted; returns datastream ids. */
export async function seedThing(base: string, name: string, lonlat: [number, number], streams: Array<{ kind: string; thresholds?: unknown }>): Promise<number[]> {
  const r = await http('POST', `${base}/Things`, {
    name, description: `${name} station`, properties: { site: name },
    Locations: [{ name: `${name} loc`, description: 'gauge', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: lonlat } }],
    Datastreams: streams.map((s, i) => ({
      name: `${name} ${s.kind} ${i}`, description: s.kind, unitOfMeasurement: { name: 'metre', symbol: 'm', definition: 'ucum:m' },
      observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
      properties: { kind: s.kind, sensorId: `${name}-${i}`, ...(s.thresholds ? { thresholds: s.thresholds } : {}) },
      Sensor: { name: `${s.kind} sensor`, description: 's', encodingType: 'text/plain', metadata: 'x' },
      ObservedProperty: { name: s.kind, definition: `urn:${s.kind}`, description: s.kind },
    })),
  });
  if (r.status !== 201) throw new Error(`seedThing: ${r.status} ${JSON.stringify(r.body)}`);
  const ds = await http('GET', `${r.body['@iot.selfLink']}/Datastreams?$orderby=id`);
  return ds.body.value.map((d: { '@iot.id': number }) => d['@iot.id']);
}
