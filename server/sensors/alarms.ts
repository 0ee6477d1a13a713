/**
 * Threshold alarms per datastream (cim-model Thresholds: direction, warning, alarm, critical).
 * A level is entered when the reading crosses its threshold and left only when the reading is
 * back by the hysteresis band (a fraction of the threshold's magnitude), so a reading hovering at
 * a threshold does not flap. One alarm per episode: raised when leaving 'normal', raised again
 * when escalating (even if acknowledged), acknowledged by flood-command, cleared back at 'normal'.
 * Every change is stored in the alarm history and announced to listeners.
 */
import type { AlarmEvent, AlarmLevel } from '../contracts.ts';
import type { Thresholds } from '../../cim-model/index.ts';
import type { StoredObservation } from './ingest.ts';
import type { EntityRegistry } from './registry.ts';
import type { SensorStore } from './store/sensor-store.ts';
import { QueryError } from './sensorthings/query-error.ts';

export interface AlarmOptions {
  /** Hysteresis band as a fraction of |threshold| (at least `minBand`). */
  hysteresis: number;
  /** Smallest band, in the sensor unit. */
  minBand: number;
}

export const ALARM_DEFAULTS: AlarmOptions = { hysteresis: 0.05, minBand: 0.01 };

const LEVELS: AlarmLevel[] = ['normal', 'warning', 'alarm', 'critical'];

/** The level of `value` given the current level, with hysteresis on the way down. */
export function levelFor(value: number, t: Thresholds, current: AlarmLevel, o: AlarmOptions = ALARM_DEFAULTS): AlarmLevel {
  const sign = t.direction === 'below' ? -1 : 1;
  const cur = LEVELS.indexOf(current);
  for (let i = 3; i >= 1; i--) {
    const th = t[LEVELS[i] as 'warning' | 'alarm' | 'critical'];
    if (th === undefined) continue;
    const band = i <= cur ? Math.max(o.minBand, Math.abs(th) * o.hysteresis) : 0;
    if (sign * value >= sign * th - band) return LEVELS[i];
  }
  return 'normal';
}

function thresholdOf(t: Thresholds, level: AlarmLevel): number | undefined {
  return level === 'normal' ? undefined : t[level];
}

interface State {
  level: AlarmLevel;
  t: number;
  alarm?: AlarmEvent;
}

export class AlarmService {
  private readonly states = new Map<number, State>();
  private readonly listeners: Array<(e: AlarmEvent) => void> = [];
  private chain: Promise<unknown> = Promise.resolve();
  errors = 0;
  lastError: string | undefined;

  constructor(private readonly store: SensorStore, private readonly registry: EntityRegistry, private readonly options: AlarmOptions = ALARM_DEFAULTS) {}

  async load(): Promise<void> {
    for (const a of await this.store.activeAlarms()) {
      if (!this.states.has(a.datastream)) this.states.set(a.datastream, { level: a.level, t: Date.parse(a.at), alarm: a });
    }
  }

  onEvent(l: (e: AlarmEvent) => void): void {
    this.listeners.push(l);
  }

  levelOf(datastream: number): AlarmLevel {
    return this.states.get(datastream)?.level ?? 'normal';
  }

  /** Called with every committed batch, in commit order. */
  observe(batch: readonly StoredObservation[]): void {
    for (const o of batch) {
      const info = this.registry.datastream(o.datastream);
      if (!info?.thresholds) continue;
      const st = this.states.get(o.datastream) ?? { level: 'normal' as AlarmLevel, t: -Infinity };
      if (o.t < st.t) continue;
      st.t = o.t;
      this.states.set(o.datastream, st);
      const level = levelFor(o.result, info.thresholds, st.level, this.options);
      if (level === st.level) continue;
      const up = LEVELS.indexOf(level) > LEVELS.indexOf(st.level);
      const prev = st.alarm;
      const base = { id: -1, datastream: o.datastream, sensor: info.sensor, value: o.result, at: new Date(o.t).toISOString() };
      const event: AlarmEvent = level === 'normal'
        ? { ...base, level: st.level, state: 'cleared', threshold: thresholdOf(info.thresholds, st.level) }
        : { ...base, level, state: up || !prev ? 'raised' : prev.state, threshold: thresholdOf(info.thresholds, level) };
      st.level = level;
      st.alarm = level === 'normal' ? undefined : event;
      this.persist(event, prev);
    }
  }

  /** Saves in order; `prev` (the episode's alarm) has its id once its own save ran, earlier in the chain. */
  private persist(event: AlarmEvent, prev: AlarmEvent | undefined): void {
    this.chain = this.chain.then(async () => {
      event.id = await this.store.saveAlarm({ ...event, id: prev ? prev.id : undefined });
      const copy = { ...event };
      for (const l of this.listeners) l(copy);
    }).catch((e: Error) => { this.errors++; this.lastError = e.message; });
  }

  async acknowledge(id: number, by: string): Promise<AlarmEvent> {
    await this.chain;
    const st = [...this.states.values()].find((s) => s.alarm?.id === id);
    if (!st?.alarm) throw new QueryError(`alarm ${id} is not active (it was cleared or does not exist)`, 404);
    const event: AlarmEvent = { ...st.alarm, state: 'acknowledged', by, at: new Date().toISOString() };
    await this.store.saveAlarm(event);
    st.alarm = event;
    for (const l of this.listeners) l(event);
    return event;
  }

  /** Waits for pending alarm writes. */
  async settle(): Promise<void> {
    await this.chain;
  }
}
