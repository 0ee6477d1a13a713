/**
 * Conversion between cimflow's order (easting/longitude first) and a CRS's official axis order.
 * Use at the edges only: where a file or service states coordinates in the authority's order
 * (e.g. GML or WFS with EPSG:4547, officially northing, easting).
 */
import type { CrsDefinition } from './crs-definition.ts';
import { parseCrs } from './parse-crs.ts';

function swaps(def: CrsDefinition): boolean {
  return def.axisOrder === 'north-east' || def.axisOrder === 'lat-lon';
}

/** From the CRS's official axis order to easting/longitude first. */
export function fromOfficialAxisOrder(crs: string | CrsDefinition, p: number[]): number[] {
  return swaps(parseCrs(crs)) ? [p[1], p[0], ...p.slice(2)] : [...p];
}

/** From easting/longitude first to the CRS's official axis order. */
export function toOfficialAxisOrder(crs: string | CrsDefinition, p: number[]): number[] {
  return fromOfficialAxisOrder(crs, p);
}
