/**
 * OGC SensorThings API v1.1 (OGC 18-088) over the registry and the store: resource paths with
 * navigation, property and `$value`/`$ref` addressing, the query options, deep insert, PATCH,
 * DELETE with cascade, and the DataArray `CreateObservations` extension. Transport-free: the
 * Fastify routes hand in the path, query and body and get back a status and JSON.
 */
import type { Principal } from '../../contracts.ts';
import { checkEntityWrite, checkObservationWrite, canWriteObservation } from '../access.ts';
import type { Ingestor } from '../ingest.ts';
import { observationFromJson, parseTime } from '../observation-input.ts';
import type { EntityRegistry } from '../registry.ts';
import type { EntityRecord, EntityType, ObservationColumn, ObservationRow, SensorStore } from '../store/sensor-store.ts';
import { ENTITY_SETS, NAVIGATION, RELATION_KEYS, SET_OF, type AnyType } from './entity-model.ts';
import { matchesFilter, type PathResolver } from './filter-eval.ts';
import { compileObservationFilter } from './filter-sql.ts';
import { DEFAULT_TOP, parseQueryOptions, type QueryOptions } from './query-options.ts';
import { QueryError } from './query-error.ts';
import { validateEntity } from './entity-input.ts';

type Json = Record<string, unknown>;

type Resolved =
  | { kind: 'set'; type: AnyType; ids?: number[]; datastreams?: number[] }
  | { kind: 'entity'; type: AnyType; id: number }
  | { kind: 'property'; type: AnyType; id: number; name: string; raw: boolean };

export interface ApiResult {
  status: number;
  body?: unknown;
  location?: string;
  /** text/plain body for `$value`. */
  text?: string;
}

const OBS_ORDER: Record<string, ObservationColumn> = { id: 'id', phenomenonTime: 't', result: 'result', resultTime: 'result_time' };

function iso(t: number | null | undefined): string | null {
  return t == null ? null : new Date(Number(t)).toISOString();
}

export class SensorThingsApi {
  constructor(
    private readonly registry: EntityRegistry,
    private readonly store: SensorStore,
    private readonly ingest: Ingestor,
  ) {}

  // ---------- addressing ----------

  private async resolve(path: string): Promise<{ target: Resolved; ref: boolean }> {
    const segments = path.split('/').filter((s) => s.length > 0);
    let ref = false;
    if (segments[segments.length - 1] === '$ref') { ref = true; segments.pop(); }
    const first = /^(\w+)(?:\((\d+)\))?$/.exec(segments[0] ?? '');
    const type = first ? ENTITY_SETS[first[1]] : undefined;
    if (!first || !type) throw new QueryError(`no such resource '/${segments[0] ?? ''}' (entity sets: ${Object.keys(ENTITY_SETS).join(', ')})`, 404);
    let target: Resolved = { kind: 'set', type };
    if (first[2] !== undefined) target = await this.entity(type, Number(first[2]));
    for (let i = 1; i < segments.length; i++) {
      const seg = segments[i];
      if (target.kind === 'property') {
        if (seg !== '$value' || target.raw) throw new QueryError(`unexpected '${seg}' after property '${target.name}'`, 404);
        target = { ...target, raw: true };
        continue;
      }
      if (target.kind !== 'entity') throw new QueryError(`'${seg}' must follow a single entity, e.g. ${segments[i - 1]}(1)/${seg}`, 404);
      const nav = NAVIGATION[target.type][seg];
      if (nav) { target = await this.navigate(target.type, target.id, seg); continue; }
      target = { kind: 'property', type: target.type, id: target.id, name: seg, raw: false };
    }
    return { target, ref };
  }

  private async entity(type: AnyType, id: number): Promise<Resolved> {
    const exists = type === 'Observation' ? (await this.store.getObservation(id)) !== undefined : this.registry.get(type, id) !== undefined;
    if (!exists) throw new QueryError(`${type} ${id} not found`, 404);
    return { kind: 'entity', type, id };
  }

  private async navigate(type: AnyType, id: number, nav: string): Promise<Resolved> {
    const n = NAVIGATION[type][nav];
    if (n.target === 'Observation') return { kind: 'set', type: 'Observation', datastreams: this.registry.observationDatastreams(type as EntityType, id) };
    if (type === 'Observation') {
      const obs = (await this.store.getObservation(id)) as ObservationRow;
      const foi = this.registry.get('Datastream', obs.datastream)?.doc.FeatureOfInterest;
      const targetId = nav === 'Datastream' ? obs.datastream : typeof foi === 'number' ? foi : -1;
      return this.entity(n.target, targetId);
    }
    const ids = this.registry.related(type, id, nav);
    if (n.many) return { kind: 'set', type: n.target, ids };
    if (ids.length === 0) throw new QueryError(`${type} ${id} has no ${nav}`, 404);
    return { kind: 'entity', type: n.target, id: ids[0] };
  }

  // ---------- reading ----------

  async read(path: string, query: URLSearchParams, base: string): Promise<ApiResult> {
    const options = parseQueryOptions(query.entries());
    const { target, ref } = await this.resolve(path);
    const links = (items: Json[]) => items.map((e) => ({ '@iot.selfLink': e['@iot.selfLink'] }));
    if (target.kind === 'set') {
      const page = await this.collection(target, options, base);
      const body: Json = {};
      if (page.count !== undefined) body['@iot.count'] = page.count;
      if (page.more) body['@iot.nextLink'] = nextLink(base, path, query, options);
      body.value = ref ? links(page.items) : page.items;
      return { status: 200, body };
    }
    if (target.kind === 'entity') {
      const e = await this.format(target.type, target.id, options, base);
      return { status: 200, body: ref ? { '@iot.selfLink': e['@iot.selfLink'] } : e };
    }
    const e = await this.format(target.type, target.id, { expand: [], orderby: [], skip: 0, count: false }, base);
    if (!(target.name in e)) throw new QueryError(`${target.type} has no property '${target.name}'`, 404);
    const v = e[target.name];
    if (target.raw) return { status: 200, text: typeof v === 'string' ? v : JSON.stringify(v) };
    return { status: 200, body: { [target.name]: v } };
  }

  private async collection(set: Extract<Resolved, { kind: 'set' }>, o: QueryOptions, base: string): Promise<{ items: Json[]; count?: number; more: boolean }> {
    const top = o.top ?? DEFAULT_TOP;
    if (set.type === 'Observation') {
      const orderBy = o.orderby.length
        ? o.orderby.map((x) => {
          const col = OBS_ORDER[x.path.join('/')];
          if (!col) throw new QueryError(`$orderby: Observations cannot be ordered by '${x.path.join('/')}' (use ${Object.keys(OBS_ORDER).join(', ')})`);
          return { column: col, desc: x.desc };
        })
        : set.datastreams?.length === 1 ? [{ column: 't' as const, desc: false }] : [{ column: 'id' as const, desc: false }];
      const filter = o.filter;
      const { rows, count } = await this.store.queryObservations({
        datastreams: set.datastreams, where: filter ? (bind) => compileObservationFilter(filter, bind) : undefined,
        orderBy, limit: top + 1, offset: o.skip, count: o.count,
      });
      const more = rows.length > top;
      const items = await Promise.all(rows.slice(0, top).map((r) => this.formatObservation(r, o, base)));
      return { items, count, more };
    }
    let records = set.ids ? set.ids.map((id) => this.registry.get(set.type as EntityType, id) as EntityRecord) : this.registry.all(set.type);
    const filter = o.filter;
    if (filter) records = records.filter((r) => matchesFilter(filter, this.resolver(r)));
    if (o.orderby.length) {
      const keys = records.map((r) => o.orderby.map((ob) => this.resolver(r)(ob.path)));
      const idx = records.map((_, i) => i).sort((a, b) => {
        for (let k = 0; k < o.orderby.length; k++) {
          const x = keys[a][k] as number | string;
          const y = keys[b][k] as number | string;
          if (x === y) continue;
          const c = x == null ? -1 : y == null ? 1 : x < y ? -1 : 1;
          return o.orderby[k].desc ? -c : c;
        }
        return records[a].id - records[b].id;
      });
      records = idx.map((i) => records[i]);
    }
    const page = records.slice(o.skip, o.skip + top);
    const items = await Promise.all(page.map((r) => this.format(r.type, r.id, o, base)));
    return { items, count: o.count ? records.length : undefined, more: o.skip + top < records.length };
  }

  /** Path resolution for `$filter`/`$orderby` over an entity: properties, then navigation (to-many → array). */
  private resolver(rec: EntityRecord): PathResolver {
    return (segments) => {
      const walk = (r: EntityRecord, segs: string[]): unknown => {
        const [head, ...rest] = segs;
        if (head === 'id' || head === '@iot.id') return r.id;
        const nav = NAVIGATION[r.type][head];
        if (nav) {
          if (nav.target === 'Observation') throw new QueryError(`$filter: cannot filter ${SET_OF[r.type]} on their Observations`);
          const targets = this.registry.related(r.type, r.id, head).map((id) => this.registry.get(nav.target as EntityType, id) as EntityRecord);
          const values = targets.map((t) => (rest.length ? walk(t, rest) : t.doc));
          return nav.many ? values.flat() : values[0];
        }
        let v: unknown = r.doc[head];
        for (const s of rest) v = v !== null && typeof v === 'object' ? (v as Json)[s] : undefined;
        if ((head === 'location' || head === 'feature') && v && typeof v === 'object' && (v as Json).type === 'Feature') v = (v as Json).geometry;
        return v;
      };
      return walk(rec, segments);
    };
  }

  private async format(type: AnyType, id: number, o: QueryOptions, base: string): Promise<Json> {
    if (type === 'Observation') return this.formatObservation((await this.store.getObservation(id)) as ObservationRow, o, base);
    const rec = this.registry.get(type, id) as EntityRecord;
    const out: Json = {};
    for (const [k, v] of Object.entries(rec.doc)) if (!RELATION_KEYS.has(k)) out[k] = v;
    return this.finish(type, id, out, o, base);
  }

  private async formatObservation(r: ObservationRow, o: QueryOptions, base: string): Promise<Json> {
    const out: Json = { phenomenonTime: iso(r.t), resultTime: iso(r.resultTime), result: Number(r.result) };
    return this.finish('Observation', Number(r.id), out, o, base);
  }

  private async finish(type: AnyType, id: number, props: Json, o: QueryOptions, base: string): Promise<Json> {
    const self = `${base}/${SET_OF[type]}(${id})`;
    const sel = o.select ? new Set(o.select) : undefined;
    const out: Json = {};
    if (!sel || sel.has('id')) { out['@iot.id'] = id; out['@iot.selfLink'] = self; }
    for (const [k, v] of Object.entries(props)) if (!sel || sel.has(k)) out[k] = v;
    if (sel) for (const s of sel) if (s !== 'id' && !(s in props) && !NAVIGATION[type][s]) throw new QueryError(`$select: ${type} has no property '${s}'`);
    for (const nav of Object.keys(NAVIGATION[type])) if (!sel || sel.has(nav)) out[`${nav}@iot.navigationLink`] = `${self}/${nav}`;
    for (const ex of o.expand) {
      if (!NAVIGATION[type][ex.nav]) throw new QueryError(`$expand: ${type} has no navigation property '${ex.nav}'`);
      let target: Resolved;
      try {
        target = await this.navigate(type, id, ex.nav);
      } catch (e) {
        if (e instanceof QueryError && e.status === 404) continue;
        throw e;
      }
      if (target.kind === 'set') {
        const page = await this.collection(target, ex.options, base);
        out[ex.nav] = page.items;
        if (page.count !== undefined) out[`${ex.nav}@iot.count`] = page.count;
        if (page.more) out[`${ex.nav}@iot.nextLink`] = `${self}/${ex.nav}?$top=${ex.options.top ?? DEFAULT_TOP}&$skip=${ex.options.skip + (ex.options.top ?? DEFAULT_TOP)}`;
      } else if (target.kind === 'entity') {
        out[ex.nav] = await this.format(target.type, target.id, ex.options, base);
      }
    }
    return out;
  }

  // ---------- writing ----------

  async create(path: string, body: unknown, who: Principal, base: string): Promise<ApiResult> {
    const { target } = await this.resolve(path);
    if (target.kind !== 'set') throw new QueryError('POST needs an entity set, e.g. /Things or /Datastreams(1)/Observations', 405);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new QueryError('the request body must be a JSON object');
    const segs = path.split('/').filter(Boolean);
    // POST to a navigation set links the new entity to its parent (e.g. /Things(1)/Datastreams).
    const parent = segs.length >= 2 ? /^(\w+)\((\d+)\)$/.exec(segs[segs.length - 2]) : null;
    const parentType = parent ? ENTITY_SETS[parent[1]] : undefined;
    if (target.type === 'Observation') {
      const ds = parentType === 'Datastream' ? Number(parent![2]) : undefined;
      const obs = observationFromJson(body, ds);
      if (!this.registry.get('Datastream', obs.datastream)) throw new QueryError(`Datastream ${obs.datastream} not found`, parentType ? 404 : 400);
      checkObservationWrite(who, obs.datastream);
      const [id] = await this.ingest.submit([obs]);
      const out = await this.format('Observation', id, { expand: [], orderby: [], skip: 0, count: false }, base);
      return { status: 201, body: out, location: out['@iot.selfLink'] as string };
    }
    checkEntityWrite(who);
    const input = { ...(body as Json) };
    if (parentType && parent) {
      const ref = { '@iot.id': Number(parent[2]) };
      if (target.type === 'Datastream' && parentType === 'Thing') input.Thing = ref;
      else if (target.type === 'Datastream' && parentType === 'Sensor') input.Sensor = ref;
      else if (target.type === 'Datastream' && parentType === 'ObservedProperty') input.ObservedProperty = ref;
      else if (target.type === 'Location' && parentType === 'Thing') {
        const id = await this.insert('Location', input);
        await this.link(Number(parent[2]), id);
        return this.created('Location', id, base);
      } else if (target.type === 'Thing' && parentType === 'Location') input.Locations = [ref];
    }
    const id = await this.insert(target.type, input);
    return this.created(target.type, id, base);
  }

  private async created(type: AnyType, id: number, base: string): Promise<ApiResult> {
    const out = await this.format(type, id, { expand: [], orderby: [], skip: 0, count: false }, base);
    return { status: 201, body: out, location: out['@iot.selfLink'] as string };
  }

  private async link(thing: number, location: number): Promise<void> {
    const rec = this.registry.get('Thing', thing) as EntityRecord;
    const locs = [...((rec.doc.Locations as number[] | undefined) ?? []).filter((x) => x !== location), location];
    await this.registry.save('Thing', thing, { ...rec.doc, Locations: locs });
  }

  /** A reference `{"@iot.id": n}` to an existing entity, or an inline entity to deep-insert. */
  private async refOrInsert(type: EntityType, value: unknown, field: string): Promise<number> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new QueryError(`${field}: expected an object (a {"@iot.id": n} reference or an inline ${type})`);
    const v = value as Json;
    if ('@iot.id' in v) {
      const id = v['@iot.id'];
      if (typeof id !== 'number' || !this.registry.get(type, id)) throw new QueryError(`${field}: ${type} ${JSON.stringify(id)} not found`);
      return id;
    }
    return this.insert(type, v, field);
  }

  private async insert(type: EntityType, body: Json, field = ''): Promise<number> {
    const { doc, relations } = validateEntity(type, body, field);
    const prefix = field ? `${field}.` : '';
    switch (type) {
      case 'Thing': {
        const locs = await Promise.all(((relations.Locations as unknown[]) ?? []).map((l, i) => this.refOrInsert('Location', l, `${prefix}Locations[${i}]`)));
        const id = await this.registry.save('Thing', undefined, { ...doc, Locations: locs });
        for (const [i, d] of ((relations.Datastreams as unknown[]) ?? []).entries()) {
          if (d === null || typeof d !== 'object') throw new QueryError(`${prefix}Datastreams[${i}]: expected an inline Datastream`);
          await this.insert('Datastream', { ...(d as Json), Thing: { '@iot.id': id } }, `${prefix}Datastreams[${i}]`);
        }
        return id;
      }
      case 'Location': {
        const id = await this.registry.save('Location', undefined, doc);
        for (const [i, t] of ((relations.Things as unknown[]) ?? []).entries()) await this.link(await this.refOrInsert('Thing', t, `${prefix}Things[${i}]`), id);
        return id;
      }
      case 'Datastream': {
        const thing = await this.refOrInsert('Thing', relations.Thing, `${prefix}Thing`);
        const sensor = await this.refOrInsert('Sensor', relations.Sensor, `${prefix}Sensor`);
        const op = await this.refOrInsert('ObservedProperty', relations.ObservedProperty, `${prefix}ObservedProperty`);
        const foi = await this.featureFor(thing);
        const id = await this.registry.save('Datastream', undefined, { ...doc, Thing: thing, Sensor: sensor, ObservedProperty: op, ...(foi !== undefined ? { FeatureOfInterest: foi } : {}) });
        const obs = (relations.Observations as unknown[]) ?? [];
        if (obs.length) await this.ingest.submit(obs.map((o) => observationFromJson(o, id)));
        return id;
      }
      default: {
        const id = await this.registry.save(type, undefined, doc);
        for (const [i, d] of ((relations.Datastreams as unknown[]) ?? []).entries()) {
          await this.insert('Datastream', { ...(d as Json), [type]: { '@iot.id': id } }, `${prefix}Datastreams[${i}]`);
        }
        return id;
      }
    }
  }

  /** The FeatureOfInterest of a Thing's observations: made from its first Location, once per Location (OGC 18-088 §8.2.8). */
  private async featureFor(thing: number): Promise<number | undefined> {
    const loc = (this.registry.get('Thing', thing)?.doc.Locations as number[] | undefined)?.[0];
    if (loc === undefined) return undefined;
    const existing = this.registry.all('FeatureOfInterest').find((f) => (f.doc.properties as Json | undefined)?.locationId === loc);
    if (existing) return existing.id;
    const l = this.registry.get('Location', loc) as EntityRecord;
    return this.registry.save('FeatureOfInterest', undefined, {
      name: l.doc.name, description: l.doc.description ?? '', encodingType: l.doc.encodingType ?? 'application/geo+json',
      feature: l.doc.location, properties: { locationId: loc },
    });
  }

  async update(path: string, body: unknown, who: Principal, base: string): Promise<ApiResult> {
    const { target } = await this.resolve(path);
    if (target.kind !== 'entity') throw new QueryError('PATCH needs a single entity, e.g. /Things(1)', 405);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new QueryError('the request body must be a JSON object');
    const b = body as Json;
    if (target.type === 'Observation') {
      const obs = (await this.store.getObservation(target.id)) as ObservationRow;
      checkObservationWrite(who, obs.datastream);
      const patch: { t?: number; result?: number; resultTime?: number | null } = {};
      if ('result' in b) {
        if (typeof b.result !== 'number' || !Number.isFinite(b.result)) throw new QueryError('result: expected a finite number');
        patch.result = b.result;
      }
      for (const [k, f] of [['phenomenonTime', 't'], ['resultTime', 'resultTime']] as const) {
        if (!(k in b)) continue;
        const v = b[k];
        const t = typeof v === 'string' ? parseTime(v) : v === null && k === 'resultTime' ? null : undefined;
        if (t === undefined) throw new QueryError(`${k}: expected an ISO 8601 date-time`);
        patch[f] = t as number;
      }
      await this.store.updateObservation(target.id, patch);
      return { status: 200, body: await this.format('Observation', target.id, { expand: [], orderby: [], skip: 0, count: false }, base) };
    }
    checkEntityWrite(who);
    const type = target.type as EntityType;
    const rec = this.registry.get(type, target.id) as EntityRecord;
    const merged: Json = { ...rec.doc };
    for (const [k, v] of Object.entries(b)) {
      if (k.startsWith('@iot.')) continue;
      if (NAVIGATION[type][k]) {
        const nav = NAVIGATION[type][k];
        if (nav.target === 'Observation' || (nav.many && type !== 'Thing')) throw new QueryError(`${k}: cannot be changed by PATCH on a ${type}`);
        if (nav.many) {
          if (!Array.isArray(v)) throw new QueryError(`${k}: expected an array of references`);
          merged[k] = await Promise.all(v.map((x, i) => this.refOrInsert(nav.target as EntityType, x, `${k}[${i}]`)));
        } else merged[k] = await this.refOrInsert(nav.target as EntityType, v, k);
        continue;
      }
      merged[k] = v;
    }
    const { doc } = validateEntity(type, Object.fromEntries(Object.entries(merged).filter(([k]) => !RELATION_KEYS.has(k))), '');
    const relations = Object.fromEntries(Object.entries(merged).filter(([k]) => RELATION_KEYS.has(k)));
    await this.registry.save(type, target.id, { ...doc, ...relations });
    return { status: 200, body: await this.format(type, target.id, { expand: [], orderby: [], skip: 0, count: false }, base) };
  }

  async remove(path: string, who: Principal): Promise<ApiResult> {
    const { target } = await this.resolve(path);
    if (target.kind !== 'entity') throw new QueryError('DELETE needs a single entity, e.g. /Things(1)', 405);
    if (target.type === 'Observation') {
      const obs = (await this.store.getObservation(target.id)) as ObservationRow;
      checkObservationWrite(who, obs.datastream);
      await this.store.deleteObservation(target.id);
      return { status: 200 };
    }
    checkEntityWrite(who);
    await this.cascade(target.type as EntityType, target.id);
    return { status: 200 };
  }

  /** Deletes an entity and what cannot exist without it (OGC 18-088 §10.4: a Thing's, Sensor's or ObservedProperty's Datastreams; a Datastream's Observations). */
  private async cascade(type: EntityType, id: number): Promise<void> {
    if (type === 'Thing' || type === 'Sensor' || type === 'ObservedProperty') {
      for (const ds of this.registry.related(type, id, 'Datastreams')) await this.cascade('Datastream', ds);
    }
    if (type === 'Datastream') await this.store.deleteDatastreamObservations(id);
    if (type === 'Location') {
      for (const t of this.registry.related('Location', id, 'Things')) {
        const rec = this.registry.get('Thing', t) as EntityRecord;
        await this.registry.save('Thing', t, { ...rec.doc, Locations: (rec.doc.Locations as number[]).filter((x) => x !== id) });
      }
    }
    await this.registry.remove(type, id);
  }

  // ---------- DataArray ----------

  /**
   * `POST /CreateObservations` (OGC 18-088 §12.2): one array item per Datastream with `components`
   * and `dataArray`. Returns one selfLink per row, or "error" for a row that was rejected.
   */
  async createObservations(body: unknown, who: Principal, base: string): Promise<{ status: number; body: string[]; rejected: number }> {
    if (!Array.isArray(body)) throw new QueryError('CreateObservations: the body must be an array of {Datastream, components, dataArray}');
    const rows: Array<{ at: number; obs: ReturnType<typeof observationFromJson> }> = [];
    const out: string[] = [];
    let rejected = 0;
    for (const [i, item] of body.entries()) {
      const g = item as Json;
      const dsId = (g?.Datastream as Json | undefined)?.['@iot.id'];
      if (typeof dsId !== 'number' || !this.registry.get('Datastream', dsId)) throw new QueryError(`CreateObservations[${i}].Datastream: expected a reference to an existing Datastream, found ${JSON.stringify(g?.Datastream)}`);
      if (who.kind === 'anonymous') checkObservationWrite(who, dsId);
      const components = g.components;
      if (!Array.isArray(components) || !components.includes('result')) throw new QueryError(`CreateObservations[${i}].components: expected an array including 'result'`);
      const data = g.dataArray;
      if (!Array.isArray(data)) throw new QueryError(`CreateObservations[${i}].dataArray: expected an array of rows`);
      const allowed = canWriteObservation(who, dsId);
      if (!allowed) throw new QueryError(`CreateObservations[${i}]: not allowed to write observations of Datastream ${dsId}`, 403);
      for (const row of data) {
        if (!Array.isArray(row) || row.length !== components.length) { out.push('error'); rejected++; continue; }
        const obj: Json = {};
        components.forEach((c: string, k: number) => { if (c !== 'FeatureOfInterest/id') obj[c] = row[k]; });
        try {
          rows.push({ at: out.length, obs: observationFromJson(obj, dsId) });
          out.push('');
        } catch {
          out.push('error');
          rejected++;
        }
      }
    }
    const ids = await this.ingest.submit(rows.map((r) => r.obs));
    rows.forEach((r, k) => { out[r.at] = `${base}/Observations(${ids[k]})`; });
    return { status: 201, body: out, rejected };
  }
}

function nextLink(base: string, path: string, query: URLSearchParams, o: QueryOptions): string {
  const q = new URLSearchParams(query);
  const top = o.top ?? DEFAULT_TOP;
  q.set('$top', String(top));
  q.set('$skip', String(o.skip + top));
  return `${base}/${path.replace(/^\/+/, '')}?${q.toString().replace(/%24/g, '$').replace(/%28/g, '(').replace(/%29/g, ')').replace(/%2C/g, ',')}`;
}
