/**
 * The sensor service: storage (SQLite file or postgres:// URL), entity registry, group-commit
 * ingest, alarms, live push, MQTT (embedded aedes and/or an external broker), retention and the
 * demo feed, wired together. `register` mounts the routes on the core's Fastify app; `start`
 * opens storage and starts the broker, the live ticks and the feed; `stop` undoes it in order.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Authenticator, ScenarioProbe } from '../contracts.ts';
import { ALARM_DEFAULTS, AlarmService, type AlarmOptions } from './alarms.ts';
import { DemoFeed, type DemoFeedOptions } from './demo-feed.ts';
import { INGEST_DEFAULTS, Ingestor, type IngestOptions } from './ingest.ts';
import { LIVE_DEFAULTS, LiveHub, type LiveOptions } from './live-hub.ts';
import { MqttBridge, type MqttOptions } from './mqtt-bridge.ts';
import { EntityRegistry } from './registry.ts';
import { RejectCounter } from './reject-counter.ts';
import { registerSensorRoutes } from './routes.ts';
import { QueryError } from './sensorthings/query-error.ts';
import { SensorThingsApi } from './sensorthings/sensorthings-api.ts';
import { openSensorStore } from './store/open-sensor-store.ts';
import type { NewObservation, SensorStore } from './store/sensor-store.ts';

export interface SensorServiceOptions {
  auth: Authenticator;
  /** SQLite file path, or a postgres:// URL. */
  db: string;
  /** Default: embedded broker on port 1883. */
  mqtt?: MqttOptions;
  probe?: ScenarioProbe;
  demoFeed?: DemoFeedOptions;
  /** Anonymous reads allowed (public demo mode). Default false. */
  publicRead?: boolean;
  /** Raw observations older than `rawDays` are downsampled to hourly rows, checked every `everyMs`. */
  retention?: { rawDays: number; everyMs?: number } | false;
  ingest?: Partial<IngestOptions>;
  live?: Partial<LiveOptions>;
  alarms?: Partial<AlarmOptions>;
  /** Largest body for entity and observation requests (bytes, default 1 MiB) and for CreateObservations (default 16 MiB). */
  bodyLimit?: number;
  bulkBodyLimit?: number;
  log?: { info(message: string): void; error(message: string): void };
}

export const SENSOR_SERVICE_DEFAULTS = {
  mqtt: { embedded: { port: 1883 } } as MqttOptions,
  retention: { rawDays: 90, everyMs: 3_600_000 },
  bodyLimit: 1024 * 1024,
  bulkBodyLimit: 16 * 1024 * 1024,
};

export interface SensorService {
  register(app: FastifyInstance): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stores observations through the same path as devices (checks the datastreams exist); resolves with ids after commit. */
  ingest(items: readonly NewObservation[]): Promise<number[]>;
  readonly store: SensorStore;
  /** Port of the embedded MQTT broker once started. */
  readonly mqttPort: number | undefined;
  stats(): Record<string, unknown>;
}

export function createSensorService(options: SensorServiceOptions): SensorService {
  const store = openSensorStore(options.db);
  const registry = new EntityRegistry(store);
  const ingestor = new Ingestor(store, { ...INGEST_DEFAULTS, ...options.ingest });
  const rejects = new RejectCounter();
  const alarms = new AlarmService(store, registry, { ...ALARM_DEFAULTS, ...options.alarms });
  const live = new LiveHub(registry, (ds) => alarms.levelOf(ds), { ...LIVE_DEFAULTS, ...options.live });
  const api = new SensorThingsApi(registry, store, ingestor);
  const mqtt = new MqttBridge(options.mqtt ?? SENSOR_SERVICE_DEFAULTS.mqtt, options.auth, registry, ingestor, rejects);
  const feed = options.demoFeed ? new DemoFeed(options.demoFeed, registry, api, ingestor, options.probe) : undefined;
  const retention = options.retention === false ? undefined : { ...SENSOR_SERVICE_DEFAULTS.retention, ...options.retention };
  let retentionTimer: ReturnType<typeof setInterval> | undefined;
  let started = false;

  ingestor.onCommit((b) => alarms.observe(b));
  ingestor.onCommit((b) => live.onCommit(b));
  ingestor.onCommit((b) => mqtt.onCommit(b));
  alarms.onEvent((e) => live.onAlarm(e));

  const runRetention = async () => {
    if (!retention) return;
    try {
      const r = await store.downsample(Date.now() - retention.rawDays * 86_400_000);
      if (r.deleted > 0) options.log?.info(`sensors: retention downsampled ${r.deleted} observations into ${r.hours} hourly rows`);
    } catch (e) {
      options.log?.error(`sensors: retention failed: ${(e as Error).message}`);
    }
  };

  const stats = () => ({
    backend: store.backend, committed: ingestor.committed, batches: ingestor.batches, listenerErrors: ingestor.listenerErrors,
    mqttReceived: mqtt.received, liveConnections: live.connections, liveMessages: live.sent, liveSlowClients: live.dropped,
    rejected: { ...rejects.counts }, lastRejection: { ...rejects.last }, alarmErrors: alarms.errors,
    demoFeed: feed ? { sensors: feed.datastreams.length, ticks: feed.ticks, errors: feed.errors } : undefined,
  });

  return {
    store,
    get mqttPort() {
      return mqtt.port;
    },
    stats,
    async register(app) {
      if (!app.hasDecorator('websocketServer')) await app.register(websocket);
      await registerSensorRoutes(app, {
        api, auth: options.auth, alarms, store, live, rejects, publicRead: options.publicRead ?? false,
        bodyLimit: options.bodyLimit ?? SENSOR_SERVICE_DEFAULTS.bodyLimit, bulkBodyLimit: options.bulkBodyLimit ?? SENSOR_SERVICE_DEFAULTS.bulkBodyLimit, stats,
      });
    },
    async start() {
      await store.open();
      await registry.load();
      await alarms.load();
      live.seed(await store.latest());
      live.start();
      await mqtt.start();
      if (feed) {
        const created = await feed.setup();
        options.log?.info(`sensors: demo feed for ${feed.datastreams.length} sensors (${created} created)`);
        feed.start();
      }
      if (retention) {
        await runRetention();
        retentionTimer = setInterval(runRetention, retention.everyMs);
      }
      started = true;
      options.log?.info(`sensors: ${store.backend} storage, ${registry.all('Datastream').length} datastreams${mqtt.port ? `, MQTT on 127.0.0.1:${mqtt.port}` : ''}`);
    },
    async stop() {
      if (!started) return;
      started = false;
      feed?.stop();
      if (retentionTimer) clearInterval(retentionTimer);
      await mqtt.stop();
      await ingestor.drain();
      await alarms.settle();
      live.stop();
      await store.close();
    },
    async ingest(items) {
      for (const [i, o] of items.entries()) {
        if (!registry.get('Datastream', o.datastream)) throw new QueryError(`observation ${i}: Datastream ${o.datastream} not found`, 404);
        if (!Number.isFinite(o.result) || !Number.isFinite(o.t)) throw new QueryError(`observation ${i}: result and t must be finite numbers`);
      }
      return ingestor.submit(items);
    },
  };
}
