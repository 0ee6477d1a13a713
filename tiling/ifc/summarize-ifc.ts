/**
 * summarizeIfc: what `cimflow inspect model.ifc` prints — schema, entity and product counts by
 * class, storeys, web-ifc meshes / vertices / triangles, the georeferencing found and the bounds
 * in the engineering frame, in ECEF (EPSG:4978) and geodetic (lon, lat, ellipsoidal h).
 * A model that cannot be georeferenced is still summarised; `georef.error` says why.
 */
import { IFCPRODUCT } from 'web-ifc';
import { ecefToGeodetic } from '../../cim-model/index.ts';
import { streamIfcGeometry } from './ifc-geometry.ts';
import { resolveIfcGeoref, type IfcGeorefOptions } from './ifc-georef.ts';
import { IfcImportError } from './ifc-import-error.ts';
import { projectLengthUnitMetres } from './ifc-length-unit.ts';
import { openIfcModel, type IfcSchemaVersion } from './ifc-model.ts';
import { readPropertySets } from './ifc-property-sets.ts';
import { readSpatialStructure } from './ifc-spatial-structure.ts';
import { georefInfo, type IfcGeorefInfo } from './import-ifc.ts';

export interface SummarizeIfcOptions extends IfcGeorefOptions {
  file?: string;
}

type Box = [number, number, number, number, number, number];

export interface IfcSummary {
  file: string;
  schema: IfcSchemaVersion;
  rawSchema: string;
  /** Entity instances in the DATA section. */
  entities: number;
  /** Metres per project length unit. */
  lengthUnit: number;
  /** IfcProduct instances by class, e.g. { IfcWall: 13 }. */
  productsByClass: Record<string, number>;
  storeys: { name: string; elevation?: number; elements: number }[];
  /** Products with geometry (web-ifc meshes) and their placed geometries. */
  meshes: number;
  geometries: number;
  vertices: number;
  triangles: number;
  georef: IfcGeorefInfo | { error: string };
  bounds: {
    /** Engineering frame, metres: [minX, minY, minZ, maxX, maxY, maxZ]. */
    engineering?: Box;
    /** ECEF metres (EPSG:4978): [minX, minY, minZ, maxX, maxY, maxZ]. */
    ecef?: Box;
    /** Degrees and ellipsoidal metres: west, south, minimum height, east, north, maximum height. */
    geodetic?: Box;
  };
  warnings: string[];
}

function emptyBox(): Box {
  return [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
}

function grow(b: Box, x: number, y: number, z: number): void {
  if (x < b[0]) b[0] = x;
  if (y < b[1]) b[1] = y;
  if (z < b[2]) b[2] = z;
  if (x > b[3]) b[3] = x;
  if (y > b[4]) b[4] = y;
  if (z > b[5]) b[5] = z;
}

export async function summarizeIfc(bytes: Uint8Array, options: SummarizeIfcOptions = {}): Promise<IfcSummary> {
  const file = options.file ?? '<memory>';
  const model = await openIfcModel(bytes, file);
  try {
    const unit = projectLengthUnitMetres(model);
    const productsByClass: Record<string, number> = {};
    const spatial = readSpatialStructure(model, unit);
    const perStorey = new Map<number, number>();
    for (const id of model.idsOf(IFCPRODUCT)) {
      const cls = model.className(id);
      productsByClass[cls] = (productsByClass[cls] ?? 0) + 1;
      const storey = spatial.storeyOf(id);
      if (storey && storey.id !== id) perStorey.set(storey.id, (perStorey.get(storey.id) ?? 0) + 1);
    }
    const warnings: string[] = [];
    let georef: ReturnType<typeof resolveIfcGeoref> | undefined;
    let georefError: string | undefined;
    try {
      georef = resolveIfcGeoref(model, unit, readPropertySets(model), options);
    } catch (err) {
      if (!(err instanceof IfcImportError)) throw err;
      georefError = err.message;
    }
    const { elements, stats } = streamIfcGeometry(model);
    if (stats.meshes === 0) warnings.push('web-ifc produced no triangle geometry for this file');
    const bounds: IfcSummary['bounds'] = {};
    if (stats.vertices > 0) {
      const all = new Float64Array(3 * stats.vertices);
      let o = 0;
      for (const el of elements) for (const p of el.pieces) {
        all.set(p.positions, o);
        o += p.positions.length;
      }
      const eng = emptyBox();
      for (let i = 0; i < all.length; i += 3) grow(eng, all[i], all[i + 1], all[i + 2]);
      bounds.engineering = eng;
      if (georef) {
        georef.toEcef(all);
        const ecef = emptyBox(), geo = emptyBox();
        const g = [0, 0, 0];
        for (let i = 0; i < all.length; i += 3) {
          grow(ecef, all[i], all[i + 1], all[i + 2]);
          ecefToGeodetic(all[i], all[i + 1], all[i + 2], undefined, g);
          grow(geo, g[0], g[1], g[2]);
        }
        bounds.ecef = ecef;
        bounds.geodetic = geo;
      }
    }
    return {
      file, schema: model.schema, rawSchema: model.rawSchema, entities: model.entityCount, lengthUnit: unit, productsByClass,
      storeys: spatial.storeys.map((s) => ({ name: s.name, ...(s.elevation !== undefined ? { elevation: s.elevation } : {}), elements: perStorey.get(s.id) ?? 0 })),
      ...stats,
      georef: georef ? georefInfo(georef) : { error: georefError! },
      bounds,
      warnings,
    };
  } finally {
    model.close();
  }
}
