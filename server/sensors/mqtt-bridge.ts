/**
 * MQTT for SensorThings (OGC 18-088 §14): devices publish Observations to
 * `v1.1/Datastreams(<id>)/Observations` (Observation JSON or a bare number) and subscribers of
 * that topic receive each stored observation with its @iot.id. Two modes:
 *  - embedded aedes broker: MQTT username/password = device token; a QoS 1 PUBACK is held in
 *    `authorizePublish` until the observation's transaction committed; invalid messages are
 *    acknowledged, counted and dropped (MQTT 3.1.1 has no negative PUBACK), never forwarded.
 *  - external broker (mosquitto): a persistent-session MQTT 5 client subscribed to `v1.1/#` with QoS 1,
 *    acknowledging each message after its commit, so the broker redelivers after a crash.
 */
import net from 'node:net';
import { Aedes, type AedesPublishPacket, type Client } from 'aedes';
import mqtt from 'mqtt';
import type { Authenticator, Principal } from '../contracts.ts';
import { canWriteObservation } from './access.ts';
import type { Ingestor, StoredObservation } from './ingest.ts';
import { observationFromPayload } from './observation-input.ts';
import type { EntityRegistry } from './registry.ts';
import type { RejectCounter } from './reject-counter.ts';
import { QueryError } from './sensorthings/query-error.ts';

function reasonOf(e: QueryError): string {
  return e.status === 403 ? 'forbidden' : e.status === 404 ? 'unknown-id' : 'invalid';
}

export const OBSERVATION_TOPIC = /^v1\.1\/Datastreams\((\d+)\)\/Observations$/;

export const observationTopic = (datastream: number) => `v1.1/Datastreams(${datastream})/Observations`;

export interface MqttOptions {
  /** Embedded broker on 127.0.0.1:port (port 0 picks a free one), or false for none. */
  embedded?: { port: number } | false;
  /** External broker URL, e.g. mqtt://127.0.0.1:1883. */
  url?: string;
}

export function republishPayload(o: StoredObservation): string {
  return JSON.stringify({ '@iot.id': o.id, phenomenonTime: new Date(o.t).toISOString(), resultTime: o.resultTime != null ? new Date(o.resultTime).toISOString() : null, result: o.result });
}

export class MqttBridge {
  private broker: Aedes | undefined;
  private server: net.Server | undefined;
  private client: mqtt.MqttClient | undefined;
  private readonly principals = new WeakMap<Client, Principal>();
  private readonly ingested = new WeakSet<object>();
  private subscribers = 0;
  /** Port of the embedded broker once listening. */
  port: number | undefined;
  received = 0;

  constructor(
    private readonly options: MqttOptions,
    private readonly auth: Authenticator,
    private readonly registry: EntityRegistry,
    private readonly ingest: Ingestor,
    private readonly rejects: RejectCounter,
  ) {}

  async start(): Promise<void> {
    if (this.options.embedded !== false && this.options.embedded !== undefined) await this.startEmbedded(this.options.embedded.port);
    if (this.options.url) await this.startExternal(this.options.url);
  }

  /** Checks and stores one message; resolves after commit, rejects with a message for a bad one. */
  private async accept(topic: string, payload: Buffer, who: Principal | undefined): Promise<void> {
    const m = OBSERVATION_TOPIC.exec(topic);
    if (!m) throw new QueryError(`topic '${topic}': expected v1.1/Datastreams(<id>)/Observations`);
    const ds = Number(m[1]);
    if (!this.registry.get('Datastream', ds)) throw new QueryError(`topic '${topic}': Datastream ${ds} not found`, 404);
    if (who && !canWriteObservation(who, ds)) throw new QueryError(`topic '${topic}': not allowed to write Datastream ${ds}`, 403);
    const obs = observationFromPayload(payload, ds);
    await this.ingest.submit([obs]);
  }

  private async startEmbedded(port: number): Promise<void> {
    const broker = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        if (!username && !password) { this.principals.set(client, { kind: 'anonymous' }); return done(null, true); }
        const p = this.auth.principalFor(`Bearer ${password ? password.toString() : ''}`);
        if (!p) {
          this.rejects.count('mqtt', 'bad-credentials');
          const e = Object.assign(new Error('bad username or password'), { returnCode: 4 });
          return done(e, false);
        }
        this.principals.set(client, p);
        done(null, true);
      },
      authorizePublish: (client, packet, done) => {
        if (!client) return done(null);
        if (!packet.topic.startsWith('v1.1/')) return done(null);
        this.ingested.add(packet);
        this.received++;
        const who = this.principals.get(client) ?? { kind: 'anonymous' as const };
        this.accept(packet.topic, packet.payload as Buffer, who).then(
          () => done(null),
          (e: Error) => {
            // A storage failure is not acknowledged: the client keeps the message and sends it again.
            if (!(e instanceof QueryError)) { this.rejects.count('mqtt', 'store-error', e.message); return done(e); }
            this.rejects.count('mqtt', reasonOf(e), e.message);
            done(null);
          },
        );
      },
      authorizeForward: (_client, packet) => (this.ingested.has(packet) ? null : packet),
    });
    broker.on('subscribe', (subs) => { this.subscribers += subs.filter((s) => s.topic.startsWith('v1.1/') || s.topic === '#').length; });
    broker.on('unsubscribe', (topics) => { this.subscribers = Math.max(0, this.subscribers - topics.filter((t) => t.startsWith('v1.1/') || t === '#').length); });
    this.broker = broker;
    const server = net.createServer(broker.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  private async startExternal(url: string): Promise<void> {
    const client = mqtt.connect(url, {
      clientId: `cimflow-sensors-${new URL(url).port || 'default'}`, clean: false, reconnectPeriod: 1000,
      // MQTT 5: mqtt.js honours customHandleAcks only on v5; the session outlives a crash so unacknowledged messages come again.
      protocolVersion: 5, properties: { sessionExpiryInterval: 3600 },
      customHandleAcks: (topic, message, _packet, done) => {
        if (!topic.startsWith('v1.1/')) return done(0);
        let own = false;
        try { own = message.includes('"@iot.id"') && '@iot.id' in JSON.parse(message.toString()); } catch { own = false; }
        if (own) return done(0);
        this.received++;
        this.accept(topic, message, undefined).then(() => done(0), (e: Error) => {
          if (!(e instanceof QueryError)) { this.rejects.count('mqtt', 'store-error', e.message); return done(e); }
          this.rejects.count('mqtt', reasonOf(e), e.message);
          done(0);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync('v1.1/#', { qos: 1 });
    this.client = client;
  }

  /** Publishes committed observations to subscribers of their topics. */
  onCommit(batch: readonly StoredObservation[]): void {
    if (this.broker && this.subscribers > 0) {
      for (const o of batch) this.broker.publish({ cmd: 'publish', topic: observationTopic(o.datastream), payload: Buffer.from(republishPayload(o)), qos: 0, retain: false, dup: false } as AedesPublishPacket, () => undefined);
    }
    if (this.client) {
      for (const o of batch) this.client.publish(observationTopic(o.datastream), republishPayload(o), { qos: 0 });
    }
  }

  async stop(): Promise<void> {
    if (this.client) await this.client.endAsync();
    if (this.server) {
      const server = this.server;
      await new Promise<void>((resolve) => { server.close(() => resolve()); this.broker?.close(); });
    }
  }
}
