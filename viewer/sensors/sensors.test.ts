import { describe, expect, it } from 'vitest';
import { SensorStore } from './sensor-store.ts';
import { loadSensors, sensorsFromPage } from './sensor-things.ts';

const info = (datastream: number) => ({ datastream, name: `S${datastream}`, unit: 'm', lon: 106.27, lat: 29.99 });

describe('SensorStore', () => {
  it('updates slots in place and lists each changed slot once', () => {
    const s = new SensorStore([info(10), info(20), info(30)]);
    expect(s.update(20, 1.5, 'alarm')).toBe(true);
    expect(s.update(20, 1.6)).toBe(true);
    expect(s.update(99, 1)).toBe(false);
    s.update(10, 0.2, 'warning');
    const seen: number[] = [];
    expect(s.takeDirty((k) => seen.push(k))).toBe(2);
    expect(seen).toEqual([1, 0]);
    expect(s.value[1]).toBe(1.6);
    expect(s.level[1]).toBe(2);
    expect(s.takeDirty(() => {})).toBe(0);
    expect(s.alarmed()).toEqual([1, 0]);
  });
});

describe('SensorThings reading', () => {
  it('takes point locations and skips the rest, following next links', async () => {
    const pages: Record<string, unknown> = {
      '/v1.1/Datastreams?$expand=Thing/Locations&$top=1000': {
        value: [
          { '@iot.id': 1, name: 'ds', unitOfMeasurement: { symbol: 'm' }, Thing: { name: 'Gauge 1', Locations: [{ location: { type: 'Point', coordinates: [106.27, 29.99, 200] } }] } },
          { '@iot.id': 2, Thing: { name: 'nowhere', Locations: [] } },
        ],
        '@iot.nextLink': '/next',
      },
      '/next': { value: [{ '@iot.id': 3, Thing: { Locations: [{ location: { type: 'Point', coordinates: [106.28, 29.98] } }] } }] },
    };
    const fake = (async (url: string) => new Response(JSON.stringify(pages[url]), { status: pages[url] ? 200 : 404 })) as typeof fetch;
    const sensors = await loadSensors('/v1.1', fake);
    expect(sensors).toEqual([
      { datastream: 1, name: 'Gauge 1', unit: 'm', lon: 106.27, lat: 29.99, height: 200 },
      { datastream: 3, name: '3', unit: '', lon: 106.28, lat: 29.98 },
    ]);
    expect(sensorsFromPage({})).toEqual([]);
  });
});
