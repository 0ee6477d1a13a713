/** An alarm or alarm-history row (either backend) as the contract's AlarmEvent. */
import type { AlarmEvent } from '../../contracts.ts';

export interface AlarmRow { id: number; alarm?: number; datastream: number; sensor: string | null; level: string; state: string; value: number; threshold: number | null; at: number; by: string | null }

export function alarmFromRow(r: AlarmRow): AlarmEvent {
  return {
    id: Number(r.alarm ?? r.id), datastream: Number(r.datastream), level: r.level as AlarmEvent['level'], state: r.state as AlarmEvent['state'],
    value: Number(r.value), at: new Date(Number(r.at)).toISOString(),
    ...(r.sensor != null ? { sensor: r.sensor } : {}), ...(r.threshold != null ? { threshold: Number(r.threshold) } : {}), ...(r.by != null ? { by: r.by } : {}),
  };
}
