/**
 * Live push on /ws/live (server/contracts.ts LiveMessage): observations batched per tick, alarms
 * as they happen, a `seq` that grows by one per message per connection, subscriptions by sensor
 * kind and lon/lat bbox, and a `snapshot` of latest values on subscribe and on `resync`. A client
 * whose socket buffer passes `maxBuffered` is not queued further: it is marked behind and gets a
 * snapshot once its buffer drains (memory stays bounded whatever the client's speed).
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { AlarmEvent, AlarmLevel, LiveMessage } from '../contracts.ts';
import type { StoredObservation } from './ingest.ts';
import type { EntityRegistry } from './registry.ts';

export interface LiveOptions {
  tickMs: number;
  /** Bytes buffered on a socket beyond which the client is treated as slow. */
  maxBuffered: number;
}

export const LIVE_DEFAULTS: LiveOptions = { tickMs: 200, maxBuffered: 4 * 1024 * 1024 };

const LiveRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), kinds: z.array(z.string()).optional(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional() }),
  z.strictObject({ type: z.literal('resync') }),
]);

type Item = Extract<LiveMessage, { type: 'observations' }>['items'][number];

interface Conn {
  ws: WebSocket;
  seq: number;
  kinds?: Set<string>;
  bbox?: [number, number, number, number];
  behind: boolean;
}

type Distributive<T> = T extends unknown ? Omit<T, 'seq'> : never;

export class LiveHub {
  private readonly conns = new Set<Conn>();
  private readonly latest = new Map<number, { t: number; value: number }>();
  private items: Item[] = [];
  private alarms: AlarmEvent[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Messages sent, and snapshots sent to clients that fell behind. */
  sent = 0;
  dropped = 0;
  badRequests = 0;

  constructor(private readonly registry: EntityRegistry, private readonly levelOf: (ds: number) => AlarmLevel, private readonly options: LiveOptions = LIVE_DEFAULTS) {}

  seed(rows: Array<{ datastream: number; t: number; result: number }>): void {
    for (const r of rows) this.latest.set(Number(r.datastream), { t: Number(r.t), value: Number(r.result) });
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const c of this.conns) c.ws.close(1001, 'server stopping');
    this.conns.clear();
  }

  get connections(): number {
    return this.conns.size;
  }

  onCommit(batch: readonly StoredObservation[]): void {
    for (const o of batch) {
      const prev = this.latest.get(o.datastream);
      if (!prev || prev.t <= o.t) this.latest.set(o.datastream, { t: o.t, value: o.result });
      if (this.conns.size === 0) continue;
      const info = this.registry.datastream(o.datastream);
      const level = this.levelOf(o.datastream);
      this.items.push({
        datastream: o.datastream, time: new Date(o.t).toISOString(), value: o.result,
        ...(info?.sensor ? { sensor: info.sensor } : {}), ...(info?.kind ? { kind: info.kind } : {}), ...(level !== 'normal' ? { alarm: level } : {}),
      });
    }
  }

  onAlarm(e: AlarmEvent): void {
    if (this.conns.size > 0) this.alarms.push(e);
  }

  attach(ws: WebSocket): void {
    const c: Conn = { ws, seq: 0, behind: false };
    this.conns.add(c);
    ws.on('close', () => this.conns.delete(c));
    ws.on('error', () => this.conns.delete(c));
    ws.on('message', (data) => {
      let req: z.infer<typeof LiveRequestSchema>;
      try {
        const r = LiveRequestSchema.safeParse(JSON.parse(String(data)));
        if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; '));
        req = r.data;
      } catch (e) {
        this.badRequests++;
        ws.send(JSON.stringify({ type: 'error', message: `invalid LiveRequest: ${(e as Error).message}` }));
        return;
      }
      if (req.type === 'subscribe') {
        c.kinds = req.kinds ? new Set(req.kinds) : undefined;
        c.bbox = req.bbox;
      }
      this.snapshot(c);
    });
    this.send(c, { type: 'hello', serverTime: new Date().toISOString() });
  }

  private wants(c: Conn, ds: number, kind: string | undefined): boolean {
    if (c.kinds && (!kind || !c.kinds.has(kind))) return false;
    if (c.bbox) {
      const p = this.registry.datastream(ds)?.position;
      if (!p) return false;
      const [w, s, e, n] = c.bbox;
      if (p[0] < w || p[0] > e || p[1] < s || p[1] > n) return false;
    }
    return true;
  }

  private send(c: Conn, m: Distributive<LiveMessage>): void {
    c.seq++;
    c.ws.send(JSON.stringify({ ...m, seq: c.seq }));
    this.sent++;
  }

  private snapshot(c: Conn): void {
    const latest: Extract<LiveMessage, { type: 'snapshot' }>['latest'] = [];
    for (const [ds, v] of this.latest) {
      if (!this.wants(c, ds, this.registry.datastream(ds)?.kind)) continue;
      const level = this.levelOf(ds);
      latest.push({ datastream: ds, time: new Date(v.t).toISOString(), value: v.value, ...(level !== 'normal' ? { alarm: level } : {}) });
    }
    this.send(c, { type: 'snapshot', latest });
  }

  private tick(): void {
    const items = this.items;
    const alarms = this.alarms;
    this.items = [];
    this.alarms = [];
    for (const c of this.conns) {
      if (c.ws.readyState !== c.ws.OPEN) continue;
      if (c.ws.bufferedAmount > this.options.maxBuffered) {
        if (!c.behind) this.dropped++;
        c.behind = true;
        continue;
      }
      if (c.behind) {
        c.behind = false;
        this.snapshot(c);
        continue;
      }
      for (const a of alarms) if (this.wants(c, a.datastream, this.registry.datastream(a.datastream)?.kind)) this.send(c, { type: 'alarm', alarm: a });
      const mine = c.kinds || c.bbox ? items.filter((i) => this.wants(c, i.datastream, i.kind)) : items;
      if (mine.length) this.send(c, { type: 'observations', items: mine });
    }
  }
}
