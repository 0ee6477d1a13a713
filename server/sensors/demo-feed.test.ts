import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioProbe } from '../contracts.ts';
import { http, startService, type RunningService } from './testing/start-service.ts';

/** A scenario probe with a fixed flood: 0.42 m of water west of x = 500 100 m (EPSG:4544), dry elsewhere. */
const probe: ScenarioProbe = {
  activeScenario: () => 'flood-1',
  duration: () => 3600,
  depthAt: (x) => (x < 500_100 ? 0.42 : 0),
};

const source = { dataset: 'test' };
const SENSORS = {
  type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4544' } },
  features: [
    { type: 'Feature', id: 'PD-01', geometry: { type: 'Point', coordinates: [500_000, 3_400_000] }, properties: { type: 'sensor', source, name: 'Ponding west', kind: 'ponding-depth', unit: 'm', thresholds: { direction: 'above', warning: 0.15, alarm: 0.3, critical: 0.5 } } },
    { type: 'Feature', id: 'PD-02', geometry: { type: 'Point', coordinates: [500_200, 3_400_000] }, properties: { type: 'sensor', source, name: 'Ponding east', kind: 'ponding-depth', unit: 'm', thresholds: { direction: 'above', warning: 0.15, alarm: 0.3, critical: 0.5 } } },
    { type: 'Feature', id: 'RG-01', geometry: { type: 'Point', coordinates: [500_050, 3_400_050] }, properties: { type: 'sensor', source, kind: 'rain', unit: 'mm/h', thresholds: { direction: 'above', warning: 30, alarm: 50 } } },
    { type: 'Feature', id: 'GH-01', geometry: { type: 'Point', coordinates: [500_050, 3_400_050] }, properties: { type: 'sensor', source, kind: 'gas', unit: 'ppm', thresholds: { direction: 'above', warning: 10, alarm: 20 } } },
  ],
};

describe('demo feed', () => {
  let s: RunningService | undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cimflow-feed-'));
  const file = path.join(dir, 'sensors.geojson');
  const dbFile = path.join(dir, 'sensors.db');
  beforeAll(() => writeFileSync(file, JSON.stringify(SENSORS)));
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates one Thing per sensor once, publishes readings that follow the scenario and raises alarms', async () => {
    const first = await startService({ db: dbFile, demoFeed: { sensors: file, rate: 10 }, probe });
    s = first;
    const things = await http('GET', `${first.base}/Things?$expand=Locations,Datastreams&$orderby=name`);
    expect(things.body.value.map((t: { properties: { sensorId: string } }) => t.properties.sensorId).sort()).toEqual(['GH-01', 'PD-01', 'PD-02', 'RG-01']);
    const west = things.body.value.find((t: { properties: { sensorId: string } }) => t.properties.sensorId === 'PD-01');
    const [lon, lat] = west.Locations[0].location.coordinates;
    expect(lon).toBeCloseTo(105, 5); // EPSG:4544 is the CGCS2000 3-degree zone with central meridian 105° E
    expect(lat).toBeGreaterThan(30.7);
    expect(west.Datastreams[0].unitOfMeasurement.symbol).toBe('m');
    expect(west.Datastreams[0].properties.thresholds.alarm).toBe(0.3);

    await new Promise((r) => setTimeout(r, 800));
    const latest = async (sensor: string) => {
      const ds = things.body.value.find((t: { properties: { sensorId: string } }) => t.properties.sensorId === sensor).Datastreams[0]['@iot.id'];
      const r = await http('GET', `${first.base}/Datastreams(${ds})/Observations?$orderby=phenomenonTime desc&$top=1`);
      return r.body.value[0].result as number;
    };
    expect(await latest('PD-01')).toBeCloseTo(0.42, 3);
    expect(await latest('PD-02')).toBe(0);
    expect(await latest('GH-01')).toBeGreaterThanOrEqual(0);
    const alarms: Array<{ sensor: string; value: number; threshold: number }> = (await http('GET', `${first.url}/api/alarms`)).body.active;
    // The ponding alarms follow the scenario; the rain gauge follows the feed's wall-clock storms (~1 hour in 4),
    // so it may or may not be raised at the time the test runs — but only above its threshold.
    expect(alarms.filter((a) => a.sensor.startsWith('PD-'))).toEqual([expect.objectContaining({ sensor: 'PD-01', level: 'alarm', state: 'raised' })]);
    for (const a of alarms.filter((x) => !x.sensor.startsWith('PD-'))) {
      expect(a.sensor).toBe('RG-01');
      expect(a.value).toBeGreaterThanOrEqual(a.threshold);
    }
    await first.close();
    s = undefined;

    // Restart on the same file: no duplicate entities.
    const second = await startService({ db: dbFile, demoFeed: { sensors: file, rate: 10 }, probe });
    s = second;
    expect((await http('GET', `${second.base}/Things?$count=true&$top=0`)).body['@iot.count']).toBe(4);
    expect((await http('GET', `${second.base}/Sensors?$count=true&$top=0`)).body['@iot.count']).toBe(3);
  }, 30_000);
});
