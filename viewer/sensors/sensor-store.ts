/**
 * Live sensors as flat arrays (one slot per datastream), updated in place per tick so 10,000
 * sensors cost no allocation: latest value, alarm level, and which slots changed since the
 * renderer last looked.
 */
import type { AlarmLevel } from '../../server/index.ts';
import { ALARM_LEVELS } from '../live/live-messages.ts';

export interface SensorInfo {
  datastream: number;
  name: string;
  unit: string;
  /** Longitude, latitude (degrees), ellipsoidal height (m) or undefined to clamp to the ground. */
  lon: number;
  lat: number;
  height?: number;
}

export class SensorStore {
  readonly info: SensorInfo[];
  readonly value: Float64Array;
  /** Index into ALARM_LEVELS; 0 normal. */
  readonly level: Uint8Array;
  /** Slots changed since takeDirty(). */
  private readonly dirtyFlag: Uint8Array;
  private readonly dirtyList: Uint32Array;
  private dirtyCount = 0;
  private readonly slotOf = new Map<number, number>();

  constructor(info: SensorInfo[]) {
    this.info = info;
    this.value = new Float64Array(info.length).fill(Number.NaN);
    this.level = new Uint8Array(info.length);
    this.dirtyFlag = new Uint8Array(info.length);
    this.dirtyList = new Uint32Array(info.length);
    info.forEach((s, k) => this.slotOf.set(s.datastream, k));
  }

  slot(datastream: number): number | undefined {
    return this.slotOf.get(datastream);
  }

  /** Records a reading; unknown datastreams are ignored (false). */
  update(datastream: number, value: number, level?: AlarmLevel): boolean {
    const k = this.slotOf.get(datastream);
    if (k === undefined) return false;
    this.value[k] = value;
    if (level !== undefined) this.level[k] = ALARM_LEVELS.indexOf(level);
    if (!this.dirtyFlag[k]) {
      this.dirtyFlag[k] = 1;
      this.dirtyList[this.dirtyCount++] = k;
    }
    return true;
  }

  /** Calls `visit` for every slot changed since the last call, then clears the list. */
  takeDirty(visit: (slot: number) => void): number {
    const n = this.dirtyCount;
    for (let i = 0; i < n; i++) {
      const k = this.dirtyList[i];
      this.dirtyFlag[k] = 0;
      visit(k);
    }
    this.dirtyCount = 0;
    return n;
  }

  /** Slots at or above `minLevel`, most severe first. */
  alarmed(minLevel = 1): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.level.length; k++) if (this.level[k] >= minLevel) out.push(k);
    return out.sort((a, b) => this.level[b] - this.level[a] || a - b);
  }
}
