/** Picks the storage from the `db` option: a postgres:// (or postgresql://) URL, else a SQLite file path. */
import { PostgresSensorStore } from './postgres-store.ts';
import type { SensorStore } from './sensor-store.ts';
import { SqliteSensorStore } from './sqlite-store.ts';

export function openSensorStore(db: string): SensorStore {
  return /^postgres(ql)?:\/\//.test(db) ? new PostgresSensorStore(db) : new SqliteSensorStore(db);
}
