/**
 * Group commit: observations from HTTP, MQTT and the demo feed queue here and are written in one
 * transaction per flush (when `maxBatch` are waiting or `flushMs` after the first arrived). A
 * submitter's promise resolves with the ids only after its transaction committed, which is what
 * lets MQTT QoS 1 PUBACKs and HTTP 201s mean "stored". Committed batches go to listeners
 * (alarms, live push, MQTT republish) in commit order.
 */
import type { NewObservation, SensorStore } from './store/sensor-store.ts';

export interface IngestOptions {
  /** Flush at most this long after the first queued observation, ms. */
  flushMs: number;
  /** Flush as soon as this many are queued. */
  maxBatch: number;
}

export const INGEST_DEFAULTS: IngestOptions = { flushMs: 10, maxBatch: 5000 };

export interface StoredObservation extends NewObservation {
  id: number;
}

export type CommitListener = (batch: readonly StoredObservation[]) => void;

interface Pending {
  items: readonly NewObservation[];
  resolve: (ids: number[]) => void;
  reject: (e: Error) => void;
}

export class Ingestor {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private readonly listeners: CommitListener[] = [];
  /** Observations committed since start. */
  committed = 0;
  batches = 0;
  /** A listener that throws never stops ingest; its errors are counted here. */
  listenerErrors = 0;
  lastListenerError: string | undefined;

  constructor(private readonly store: SensorStore, private readonly options: IngestOptions = INGEST_DEFAULTS) {}

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  submit(items: readonly NewObservation[]): Promise<number[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queued += items.length;
      if (this.queued >= this.options.maxBatch) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.flushMs);
    });
  }

  private kick(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => { this.flushing = undefined; });
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0) {
      const pending = this.queue;
      this.queue = [];
      this.queued = 0;
      if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
      const all: NewObservation[] = [];
      for (const p of pending) for (const o of p.items) all.push(o);
      let ids: number[];
      try {
        ids = await this.store.insertObservations(all);
      } catch (e) {
        for (const p of pending) p.reject(e as Error);
        continue;
      }
      this.committed += all.length;
      this.batches++;
      const stored: StoredObservation[] = all.map((o, i) => ({ ...o, id: ids[i] }));
      let k = 0;
      for (const p of pending) {
        p.resolve(ids.slice(k, k + p.items.length));
        k += p.items.length;
      }
      for (const l of this.listeners) {
        try {
          l(stored);
        } catch (e) {
          this.listenerErrors++;
          this.lastListenerError = (e as Error).message;
        }
      }
    }
  }

  /** Waits until everything queued so far is committed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      this.kick();
      await this.flushing;
    }
  }
}
