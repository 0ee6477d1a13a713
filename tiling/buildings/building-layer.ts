/**
 * Building footprints with heights → a FeatureLayer of LoD1 blocks in ECEF, one material per
 * building use so the city reads at a glance, every vertex tagged with its building.
 */
import { createTransform, type Building, type GeoidModel } from '../../cim-model/index.ts';
import type { FeatureLayer, GeoMesh } from '../core/index.ts';
import { linearColor } from '../pipes/index.ts';
import { extrudeFootprint, type MeshBuffers } from './extrude-footprint.ts';

export interface BuildingLayerOptions {
  /** CRS of footprints and elevations with the height datum, e.g. 'EPSG:4544+5737' (needs `geoid`). */
  crs: string;
  geoid?: GeoidModel;
  /** Ground elevation (same CRS and datum) under a point; overrides `baseElevation` when given. */
  ground?: (x: number, y: number) => number;
  skirt?: number;
  id?: string;
  name?: string;
}

/** Facade colours by use (sRGB), muted so that sensors and water stand out on top. */
export const BUILDING_USE_SRGB: Record<Building['use'], [number, number, number]> = {
  residential: [226, 214, 196],
  commercial: [196, 208, 226],
  office: [180, 196, 214],
  industrial: [200, 196, 186],
  public: [214, 200, 226],
  education: [238, 222, 170],
  healthcare: [240, 200, 200],
  mixed: [214, 214, 206],
  other: [205, 205, 205],
};

/** The lowest ground under a footprint's vertices: where the walls must reach. */
function baseOf(b: Building, ground?: (x: number, y: number) => number): number {
  if (!ground) return b.baseElevation;
  const polys = b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.coordinates;
  let lo = Infinity;
  for (const p of polys) for (const q of p[0]) lo = Math.min(lo, ground(q[0], q[1]));
  return Number.isFinite(lo) ? lo : b.baseElevation;
}

export function buildBuildingLayer(buildings: Building[], options: BuildingLayerOptions): FeatureLayer {
  const toEcef = createTransform(options.crs, 'EPSG:4978', { geoid: options.geoid });
  const byUse = new Map<Building['use'], MeshBuffers>();
  buildings.forEach((b, index) => {
    const buf = byUse.get(b.use) ?? { positions: [], indices: [], featureIds: [] };
    byUse.set(b.use, buf);
    const base = baseOf(b, options.ground);
    // Height is measured from the recorded base; a lower ground only lengthens the walls.
    const top = b.baseElevation + b.height;
    const polys = b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.coordinates;
    for (const rings of polys) extrudeFootprint(rings as number[][][], Math.min(base, b.baseElevation), top, index, buf, { skirt: options.skirt });
  });
  const meshes: GeoMesh[] = [];
  for (const [use, buf] of byUse) {
    const positions = Float64Array.from(buf.positions);
    toEcef.forwardArray(positions);
    meshes.push({
      positions,
      indices: Uint32Array.from(buf.indices),
      featureIds: Uint32Array.from(buf.featureIds),
      material: { name: `building-${use}`, baseColor: linearColor(BUILDING_USE_SRGB[use]), metallic: 0, roughness: 0.9 },
    });
  }
  return { id: options.id ?? 'buildings', name: options.name ?? 'Buildings', kind: 'buildings', features: buildings, meshes };
}
