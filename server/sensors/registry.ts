/**
 * The entities (Things, Locations, Datastreams, …) in memory, written through to the store. They
 * are few (one Thing per sensor), so navigation and `$filter` run over these maps, and ingest
 * checks a datastream id and reads its kind, thresholds and position without a query.
 */
import type { Thresholds } from '../../cim-model/index.ts';
import { NAVIGATION } from './sensorthings/entity-model.ts';
import { asGeometry } from './sensorthings/spatial.ts';
import { ENTITY_TYPES, type EntityRecord, type EntityType, type SensorStore } from './store/sensor-store.ts';

/** What ingest, alarms and live push need of a datastream. */
export interface DatastreamInfo {
  id: number;
  name: string;
  /** cim-model sensor kind (properties.kind), e.g. 'river-level'. */
  kind?: string;
  /** cim-model sensor id (properties.sensorId), e.g. 'RL-01'. */
  sensor?: string;
  thresholds?: Thresholds;
  /** Longitude, latitude (degrees) of its Thing's first Location, when it is a Point. */
  position?: [number, number];
}

export class EntityRegistry {
  private readonly maps = new Map<EntityType, Map<number, EntityRecord>>(ENTITY_TYPES.map((t) => [t, new Map()]));
  private infoCache = new Map<number, DatastreamInfo>();

  constructor(private readonly store: SensorStore) {}

  async load(): Promise<void> {
    for (const r of await this.store.listEntities()) this.maps.get(r.type)!.set(r.id, r);
    this.infoCache.clear();
  }

  get(type: EntityType, id: number): EntityRecord | undefined {
    return this.maps.get(type)!.get(id);
  }

  all(type: EntityType): EntityRecord[] {
    return [...this.maps.get(type)!.values()];
  }

  async save(type: EntityType, id: number | undefined, doc: Record<string, unknown>): Promise<number> {
    const newId = await this.store.saveEntity(type, id, doc);
    this.maps.get(type)!.set(newId, { type, id: newId, doc });
    this.infoCache.clear();
    return newId;
  }

  async remove(type: EntityType, id: number): Promise<void> {
    await this.store.deleteEntity(type, id);
    this.maps.get(type)!.delete(id);
    this.infoCache.clear();
  }

  /** Ids of the entities reached from (type, id) through a navigation property other than Observations. */
  related(type: EntityType, id: number, nav: string): number[] {
    const doc = this.get(type, id)?.doc;
    if (!doc) return [];
    const target = NAVIGATION[type][nav]?.target;
    if (!target || target === 'Observation') return [];
    const own = doc[nav];
    if (Array.isArray(own)) return own.filter((x): x is number => typeof x === 'number' && this.get(target, x) !== undefined);
    if (typeof own === 'number') return this.get(target, own) ? [own] : [];
    // Reverse side of a relation held by the target's documents.
    const back = type === 'Location' ? 'Locations' : type;
    return this.all(target).filter((r) => {
      const v = r.doc[back];
      return Array.isArray(v) ? v.includes(id) : v === id;
    }).map((r) => r.id);
  }

  /** Datastreams whose observations are reached from a Datastream or a FeatureOfInterest. */
  observationDatastreams(type: EntityType, id: number): number[] {
    if (type === 'Datastream') return this.get(type, id) ? [id] : [];
    if (type === 'FeatureOfInterest') return this.all('Datastream').filter((d) => d.doc.FeatureOfInterest === id).map((d) => d.id);
    return [];
  }

  datastream(id: number): DatastreamInfo | undefined {
    const cached = this.infoCache.get(id);
    if (cached) return cached;
    const ds = this.get('Datastream', id);
    if (!ds) return undefined;
    const props = (ds.doc.properties ?? {}) as { kind?: string; sensorId?: string; thresholds?: Thresholds };
    const thing = typeof ds.doc.Thing === 'number' ? this.get('Thing', ds.doc.Thing) : undefined;
    const locId = (thing?.doc.Locations as number[] | undefined)?.[0];
    const loc = locId !== undefined ? asGeometry(this.get('Location', locId)?.doc.location) : undefined;
    const info: DatastreamInfo = {
      id, name: String(ds.doc.name ?? ''), kind: props.kind, sensor: props.sensorId, thresholds: props.thresholds,
      position: loc?.type === 'Point' ? [loc.coordinates[0], loc.coordinates[1]] : undefined,
    };
    this.infoCache.set(id, info);
    return info;
  }
}
