/**
 * Seeds a store with `n` sensors quickly (for benchmarks): one Sensor and ObservedProperty, then a
 * Thing, Location and Datastream per sensor on a grid around 120° E 30° N. Ids are 1..n.
 */
import type { SensorStore } from '../store/sensor-store.ts';

export async function seedSensors(store: SensorStore, n: number, kind = 'pipe-level'): Promise<void> {
  await store.saveEntity('Sensor', 1, { name: 'bench sensor', description: '', encodingType: 'text/plain', metadata: '' });
  await store.saveEntity('ObservedProperty', 1, { name: kind, definition: `urn:${kind}`, description: '' });
  for (let i = 1; i <= n; i++) {
    const lon = 120 + (i % 100) * 0.001;
    const lat = 30 + Math.floor(i / 100) * 0.001;
    await store.saveEntity('Location', i, { name: `L${i}`, description: '', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [lon, lat] } });
    await store.saveEntity('Thing', i, { name: `T${i}`, description: '', Locations: [i] });
    await store.saveEntity('Datastream', i, {
      name: `D${i}`, description: '', unitOfMeasurement: { name: 'metre', symbol: 'm', definition: 'ucum:m' },
      observationType: 'OM_Measurement', properties: { kind, sensorId: `S-${i}`, thresholds: { direction: 'above', warning: 1e9 } },
      Thing: i, Sensor: 1, ObservedProperty: 1,
    });
  }
}
