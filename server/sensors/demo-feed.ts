/**
 * The demo city's live feed: one Thing, Location and Datastream per sensor of `sensors.geojson`
 * (cim-model sensor features, EPSG:4544 easting/northing in metres), created on first start, and
 * believable readings at `rate` Hz through the same ingest path as devices. Rain comes in bursts
 * (a storm in some hours, triangular hyetograph); pipes fill and flow with the rain; rivers sit
 * below their warning stage with a slow diurnal swing and a lagged rise after rain; ponding and
 * river gauges read the active flood scenario's replay depth (wall-clock time mapped cyclically
 * onto the replay duration) so the live view and the simulation agree; covers are closed; gas is
 * low with rare spikes.
 */
import { readFile } from 'node:fs/promises';
import { createTransform, SensorSchema, type Sensor } from '../../cim-model/index.ts';
import type { Principal, ScenarioProbe } from '../contracts.ts';
import type { Ingestor } from './ingest.ts';
import type { EntityRegistry } from './registry.ts';
import type { SensorThingsApi } from './sensorthings/sensorthings-api.ts';
import type { NewObservation } from './store/sensor-store.ts';

export interface DemoFeedOptions {
  /** Path of the demo city's vector/sensors.geojson. */
  sensors: string;
  /** Readings per second per sensor (default 1). */
  rate?: number;
}

interface Fed {
  sensor: Sensor;
  datastream: number;
  index: number;
}

const FEED: Principal = { kind: 'user', name: 'demo-feed', role: 'admin' };

/** Deterministic noise in [-1, 1) from integers (a 32-bit integer hash). */
function noise(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return ((h >>> 0) / 2 ** 32) * 2 - 1;
}

/** City-wide rain intensity, mm/h, at time `s` (seconds since the epoch): storms in ~1 hour of 4. */
export function rainAt(s: number): number {
  const hour = Math.floor(s / 3600);
  if (noise(hour, 7) < 0.5) return 0;
  const peak = 8 + (noise(hour, 11) + 1) * 30;
  const f = (s % 3600) / 3600;
  return peak * Math.max(0, 1 - Math.abs(f - 0.4) / 0.4);
}

/** Mean rain over the last `window` seconds (what rivers and pipes respond to). */
function recentRain(s: number, window: number): number {
  let sum = 0;
  for (let k = 0; k < 6; k++) sum += rainAt(s - (k * window) / 6);
  return sum / 6;
}

export function reading(f: Fed, s: number, probe: ScenarioProbe | undefined): number {
  const { sensor, index } = f;
  const th = sensor.thresholds ?? { direction: 'above' as const };
  const n = noise(index, Math.floor(s));
  const rain = rainAt(s) * (1 + 0.2 * noise(index, 3));
  const wet = Math.min(1, recentRain(s, 1800) / 50);
  const day = Math.sin((2 * Math.PI * (s % 86400)) / 86400);
  const [x, y] = sensor.geometry.coordinates;
  const depth = () => {
    const d = probe?.duration();
    if (!probe?.activeScenario() || !d) return undefined;
    return probe.depthAt(x, y, s % d);
  };
  switch (sensor.kind) {
    case 'rain': return Math.max(0, +(rain + (rain > 0 ? 0.5 * n : 0)).toFixed(1));
    case 'river-level': {
      const warning = th.warning ?? 5;
      const stage = warning - 1.2 + 0.1 * day + 1.0 * Math.min(1, recentRain(s, 6 * 3600) / 30) + 0.005 * n;
      return +(stage + (depth() ?? 0)).toFixed(3);
    }
    case 'ponding-depth': {
      const d = depth();
      return +Math.max(0, d ?? (wet > 0.6 ? 0.03 * (wet - 0.6) : 0) + 0.002 * n).toFixed(3);
    }
    case 'pipe-level': {
      const diameter = (th.alarm ?? 1);
      return +Math.max(0, diameter * (0.12 + 0.05 * day + 0.75 * wet) + 0.01 * n).toFixed(3);
    }
    case 'pipe-flow': {
      const capacity = th.alarm ?? 1;
      return +Math.max(0, capacity * (0.08 + 0.04 * day + 0.7 * wet) + 0.01 * capacity * n).toFixed(3);
    }
    case 'manhole-cover': return +(0.4 + 0.3 * n + (wet > 0.9 && noise(index, Math.floor(s / 600)) > 0.8 ? 8 : 0)).toFixed(2);
    case 'gas': {
      const spike = noise(index, Math.floor(s / 300)) > 0.995 ? (th.alarm ?? 20) * 1.1 : 0;
      return +Math.max(0, 1.5 + 0.8 * day + 0.4 * n + spike).toFixed(2);
    }
    default: return +(0.5 + 0.1 * n).toFixed(3);
  }
}

export class DemoFeed {
  private fed: Fed[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  ticks = 0;
  errors = 0;

  constructor(
    private readonly options: DemoFeedOptions,
    private readonly registry: EntityRegistry,
    private readonly api: SensorThingsApi,
    private readonly ingest: Ingestor,
    private readonly probe: ScenarioProbe | undefined,
  ) {}

  /** Reads the sensors and creates the entities of those not yet in the registry. Returns how many were created. */
  async setup(): Promise<number> {
    const text = await readFile(this.options.sensors, 'utf8');
    const fc = JSON.parse(text) as { features?: Array<{ id?: string; geometry: unknown; properties: Record<string, unknown> }> };
    if (!Array.isArray(fc.features)) throw new Error(`${this.options.sensors}: expected a GeoJSON FeatureCollection with features`);
    const toLonLat = createTransform('EPSG:4544', 'EPSG:4326');
    const byId = new Map(this.registry.all('Datastream').map((d) => [(d.doc.properties as { sensorId?: string } | undefined)?.sensorId, d.id]));
    let created = 0;
    this.fed = [];
    for (const [index, f] of fc.features.entries()) {
      const parsed = SensorSchema.safeParse({ ...f.properties, id: f.id ?? f.properties.id, geometry: f.geometry });
      if (!parsed.success) throw new Error(`${this.options.sensors}: feature ${index}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const s = parsed.data;
      let ds = byId.get(s.id);
      if (ds === undefined) {
        const [lon, lat] = toLonLat.forward([s.geometry.coordinates[0], s.geometry.coordinates[1], 0]);
        const kindSensor = this.registry.all('Sensor').find((x) => x.doc.name === `cimflow ${s.kind} sensor`)?.id;
        const kindProperty = this.registry.all('ObservedProperty').find((x) => x.doc.name === s.kind)?.id;
        const res = await this.api.create('Things', {
          name: s.name ?? s.id, description: `${s.kind} sensor ${s.id}`, properties: { sensorId: s.id, kind: s.kind, observes: s.observes, status: s.status },
          Locations: [{ name: s.id, description: `location of ${s.id}`, encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [+lon.toFixed(7), +lat.toFixed(7)] }, properties: { epsg4544: s.geometry.coordinates } }],
          Datastreams: [{
            name: `${s.id} ${s.kind}`, description: s.name ?? s.id,
            unitOfMeasurement: { name: s.unit, symbol: s.unit, definition: `http://unitsofmeasure.org/ucum.html#${encodeURIComponent(s.unit)}` },
            properties: { kind: s.kind, sensorId: s.id, ...(s.thresholds ? { thresholds: s.thresholds } : {}), ...(s.datumElevation !== undefined ? { datumElevation: s.datumElevation } : {}) },
            Sensor: kindSensor !== undefined ? { '@iot.id': kindSensor } : { name: `cimflow ${s.kind} sensor`, description: `demo ${s.kind} sensor`, encodingType: 'text/plain', metadata: s.kind },
            ObservedProperty: kindProperty !== undefined ? { '@iot.id': kindProperty } : { name: s.kind, definition: `urn:cimflow:sensor-kind:${s.kind}`, description: s.kind },
          }],
        }, FEED, 'http://localhost/v1.1');
        const thingId = (res.body as { '@iot.id': number })['@iot.id'];
        ds = this.registry.related('Thing', thingId, 'Datastreams')[0];
        created++;
      }
      this.fed.push({ sensor: s, datastream: ds, index });
    }
    return created;
  }

  get datastreams(): number[] {
    return this.fed.map((f) => f.datastream);
  }

  start(): void {
    const period = 1000 / (this.options.rate ?? 1);
    this.timer = setInterval(() => this.tick(Date.now()), period);
  }

  /** Publishes one reading per sensor for time `now` (ms); resolves after commit. */
  async tick(now: number): Promise<void> {
    const s = now / 1000;
    const batch: NewObservation[] = this.fed.map((f) => ({ datastream: f.datastream, t: now, result: reading(f, s, this.probe) }));
    this.ticks++;
    await this.ingest.submit(batch).catch(() => { this.errors++; });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
