/**
 * The sensor service as the core's `SensorPlugin` (server/app.ts): storage on the server's `db`,
 * the demo feed on the city's vector/sensors.geojson when there is one, MQTT per `mqtt`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SensorDeps, SensorPlugin } from '../app.ts';
import type { MqttOptions } from './mqtt-bridge.ts';
import { createSensorService, type SensorServiceOptions } from './sensor-service.ts';

export interface SensorPluginOptions {
  mqtt?: MqttOptions;
  /** Demo feed rate (Hz per sensor); false turns the feed off. Default 1. */
  demoFeedRate?: number | false;
  extra?: Partial<Omit<SensorServiceOptions, 'auth' | 'db' | 'probe' | 'publicRead'>>;
}

export function sensorPlugin(options: SensorPluginOptions = {}): SensorPlugin {
  return async (app, deps: SensorDeps) => {
    const sensors = deps.cityDir ? path.join(deps.cityDir, 'vector', 'sensors.geojson') : undefined;
    const feed = options.demoFeedRate !== false && sensors && existsSync(sensors) ? { sensors, rate: options.demoFeedRate ?? 1 } : undefined;
    const service = createSensorService({
      ...options.extra, auth: deps.auth, db: deps.db, probe: deps.probe, publicRead: deps.publicReadOnly,
      mqtt: options.mqtt, demoFeed: feed, log: { info: (m) => deps.log.info(m), error: (m) => deps.log.error(m) },
    });
    await service.register(app);
    await service.start();
    return { stop: () => service.stop() };
  };
}
