/**
 * Feature input types of the CIM model (cim-model/features) as the demo-city stages produce them, and the
 * source record every generated feature carries.
 */
import type { CimFeatureInput, FeatureType } from '../../cim-model/index.ts';
import type { Point } from './geometry.ts';

export type FeatureInput<T extends FeatureType> = Extract<CimFeatureInput, { type: T }>;

export const DEMO_DATASET = 'cimflow demo city (synthetic)';

export function source(file: string, ref?: string) {
  return ref === undefined ? { dataset: DEMO_DATASET, file } : { dataset: DEMO_DATASET, file, ref };
}

/** Round to millimetres: keeps files small and byte-stable. */
export const mm = (v: number) => Math.round(v * 1000) / 1000;

/** A closed GeoJSON ring from an open ring, coordinates rounded to millimetres (EPSG:4544, easting first). */
export function closedRing(ring: readonly Point[]): Array<[number, number]> {
  const out = ring.map((p) => [mm(p[0]), mm(p[1])] as [number, number]);
  out.push([out[0][0], out[0][1]]);
  return out;
}
