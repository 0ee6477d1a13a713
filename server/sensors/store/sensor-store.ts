/**
 * The storage interface behind the sensor service, implemented on SQLite (default, one file) and
 * PostgreSQL (scale-out). Times are milliseconds since the Unix epoch (UTC). Entities (Things,
 * Locations, …) are few and kept as JSON documents; observations are the big table, keyed by
 * datastream and phenomenon time, with a latest-value table upserted in the same transaction and
 * an hourly min/mean/max table that retention downsamples into.
 */
import type { AlarmEvent } from '../../contracts.ts';
import type { Bind } from '../sensorthings/filter-sql.ts';

export const ENTITY_TYPES = ['Thing', 'Location', 'Sensor', 'ObservedProperty', 'Datastream', 'FeatureOfInterest'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface EntityRecord {
  type: EntityType;
  id: number;
  doc: Record<string, unknown>;
}

export interface NewObservation {
  datastream: number;
  /** Phenomenon time, ms since the epoch. */
  t: number;
  result: number;
  resultTime?: number | null;
}

export interface ObservationRow {
  id: number;
  datastream: number;
  t: number;
  result: number;
  resultTime: number | null;
}

export interface LatestRow {
  datastream: number;
  id: number;
  t: number;
  result: number;
}

export interface HourlyRow {
  datastream: number;
  /** Start of the hour, ms since the epoch. */
  hour: number;
  count: number;
  min: number;
  mean: number;
  max: number;
}

export type ObservationColumn = 'id' | 'datastream' | 't' | 'result' | 'result_time';

export interface ObservationQuery {
  /** Restrict to these datastreams (navigation from a Datastream or a FeatureOfInterest). */
  datastreams?: readonly number[];
  /** SQL boolean expression from `compileObservationFilter`, given the store's bind function. */
  where?: (bind: Bind) => string;
  orderBy: Array<{ column: ObservationColumn; desc: boolean }>;
  limit: number;
  offset: number;
  count: boolean;
}

/** An alarm's current state; `id` undefined inserts a new alarm. Every save appends to the history. */
export type AlarmSave = Omit<AlarmEvent, 'id'> & { id?: number };

export interface SensorStore {
  readonly backend: 'sqlite' | 'postgres';
  open(): Promise<void>;
  close(): Promise<void>;

  listEntities(): Promise<EntityRecord[]>;
  /** Inserts (id undefined → a new id) or replaces an entity; returns its id. */
  saveEntity(type: EntityType, id: number | undefined, doc: Record<string, unknown>): Promise<number>;
  deleteEntity(type: EntityType, id: number): Promise<void>;

  /**
   * Stores a batch in one transaction and returns the ids in input order; resolves only after the
   * commit is durable. A second observation for the same datastream and phenomenon time replaces
   * the result and keeps the id (so an MQTT redelivery is idempotent).
   */
  insertObservations(batch: readonly NewObservation[]): Promise<number[]>;
  queryObservations(q: ObservationQuery): Promise<{ rows: ObservationRow[]; count?: number }>;
  getObservation(id: number): Promise<ObservationRow | undefined>;
  updateObservation(id: number, patch: { t?: number; result?: number; resultTime?: number | null }): Promise<boolean>;
  deleteObservation(id: number): Promise<boolean>;
  deleteDatastreamObservations(datastream: number): Promise<number>;
  /** The latest observation of every datastream. */
  latest(): Promise<LatestRow[]>;

  saveAlarm(alarm: AlarmSave): Promise<number>;
  /** Alarms not cleared, newest first. */
  activeAlarms(): Promise<AlarmEvent[]>;
  /** Alarm history (every state change), newest first. */
  alarmHistory(limit: number, datastream?: number): Promise<AlarmEvent[]>;

  /** Retention: folds raw observations older than `before` into hourly rows and deletes them. */
  downsample(before: number): Promise<{ hours: number; deleted: number }>;
  hourly(datastream: number, from: number, to: number): Promise<HourlyRow[]>;
  observationCount(): Promise<number>;
}
