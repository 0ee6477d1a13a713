/**
 * Reads sensor positions from the OGC SensorThings API v1.1 (server/sensors):
 * `Datastreams?$expand=Thing/Locations` pages (following `@iot.nextLink`), and a datastream's
 * recent observations for its history chart. Locations are GeoJSON points, lon/lat in degrees.
 */
import type { SensorInfo } from './sensor-store.ts';

interface StaDatastream {
  '@iot.id': number;
  name?: string;
  unitOfMeasurement?: { symbol?: string };
  Thing?: { name?: string; Locations?: Array<{ location?: { type?: string; coordinates?: number[] } }> };
}

/** Sensors of one page of `Datastreams?$expand=Thing/Locations`; datastreams without a point location are skipped. */
export function sensorsFromPage(page: { value?: StaDatastream[] }): SensorInfo[] {
  const out: SensorInfo[] = [];
  for (const d of page.value ?? []) {
    const loc = d.Thing?.Locations?.[0]?.location;
    const c = loc?.type === 'Point' ? loc.coordinates : undefined;
    if (!Number.isInteger(d['@iot.id']) || !c || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) continue;
    out.push({
      datastream: d['@iot.id'], name: d.Thing?.name ?? d.name ?? String(d['@iot.id']), unit: d.unitOfMeasurement?.symbol ?? '',
      lon: c[0], lat: c[1], ...(Number.isFinite(c[2]) ? { height: c[2] } : {}),
    });
  }
  return out;
}

export async function loadSensors(base: string, fetchFn: typeof fetch = fetch, maxPages = 100): Promise<SensorInfo[]> {
  const out: SensorInfo[] = [];
  let url: string | undefined = `${base.replace(/\/$/, '')}/Datastreams?$expand=Thing/Locations&$top=1000`;
  for (let page = 0; url && page < maxPages; page++) {
    const r = await fetchFn(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    const body = (await r.json()) as { value?: StaDatastream[]; '@iot.nextLink'?: string };
    out.push(...sensorsFromPage(body));
    url = body['@iot.nextLink'];
  }
  return out;
}

/** The latest `top` observations of a datastream, oldest first, as [epoch ms, value]. */
export async function loadHistory(base: string, datastream: number, top = 200, fetchFn: typeof fetch = fetch): Promise<Array<[number, number]>> {
  const url = `${base.replace(/\/$/, '')}/Datastreams(${datastream})/Observations?$orderby=phenomenonTime%20desc&$top=${top}&$select=phenomenonTime,result`;
  const r = await fetchFn(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  const body = (await r.json()) as { value?: Array<{ phenomenonTime?: string; result?: unknown }> };
  const out: Array<[number, number]> = [];
  for (const o of body.value ?? []) {
    const t = Date.parse(String(o.phenomenonTime ?? '').split('/')[0]);
    if (Number.isFinite(t) && typeof o.result === 'number') out.push([t, o.result]);
  }
  return out.reverse();
}
