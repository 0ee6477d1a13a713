/**
 * Synthetic test input: box buildings (parsed cim-model 'building' features) on a grid around a
 * centre in Wuhan, as GeoMesh in ECEF with per-face vertices (flat normals derive correctly).
 */
import { EnuFrame, parseFeature, type CimFeature } from '../../cim-model/index.ts';
import type { FeatureLayer, GeoMesh, MaterialSpec } from '../core/index.ts';

export const CENTRE = { lon: 114.3055, lat: 30.5928, h: 25 };

export interface SyntheticCityOptions {
  /** Buildings per side of the grid. */
  side?: number;
  /** Grid spacing, metres. */
  spacing?: number;
  /** Subdivisions per box face edge (triangles per building = 12 · n²). */
  subdivisions?: number;
  /** Split buildings over this many meshes (materials). */
  meshes?: number;
}

const FACES: Array<{ axis: number; sign: number }> = [
  { axis: 0, sign: -1 }, { axis: 0, sign: 1 }, { axis: 1, sign: -1 }, { axis: 1, sign: 1 }, { axis: 2, sign: -1 }, { axis: 2, sign: 1 },
];

export function buildingFeature(i: number, height: number): CimFeature {
  const base = {
    type: 'building', source: { dataset: 'synthetic', file: 'synthetic-city.test-support.ts' }, baseElevation: 22.1,
    geometry: { type: 'Polygon', coordinates: [[[531000, 3381000], [531020, 3381000], [531020, 3381015], [531000, 3381015], [531000, 3381000]]] },
    undergroundFloors: 2, roofType: 'flat', crs: 'EPSG:4547',
  };
  return parseFeature({ ...base, id: `B-${String(i).padStart(5, '0')}`, name: `Block ${i}`, height, floors: Math.max(1, Math.round(height / 3)), yearBuilt: 1990 + (i % 30), use: i % 3 === 0 ? 'office' : 'residential' });
}

export function syntheticCity(options: SyntheticCityOptions = {}): FeatureLayer {
  const { side = 4, spacing = 40, subdivisions = 1, meshes: meshCount = 1 } = options;
  const frame = new EnuFrame(CENTRE.lon, CENTRE.lat, CENTRE.h);
  const features: CimFeature[] = [];
  const n = subdivisions;
  const perBuildingVertices = 6 * (n + 1) * (n + 1);
  const perBuildingTriangles = 12 * n * n;
  const buildingsPerMesh = Math.ceil((side * side) / meshCount);
  const materials: MaterialSpec[] = Array.from({ length: meshCount }, (_, m) => ({ name: `facade-${m}`, baseColor: [0.6 + 0.1 * (m % 3), 0.6, 0.6, 1], roughness: 0.9 }));
  const result: GeoMesh[] = [];
  const ecef = new Float64Array(3);
  for (let m = 0; m < meshCount; m++) {
    const first = m * buildingsPerMesh, last = Math.min(side * side, first + buildingsPerMesh);
    const count = Math.max(0, last - first);
    const positions = new Float64Array(count * perBuildingVertices * 3);
    const indices = new Uint32Array(count * perBuildingTriangles * 3);
    const featureIds = new Uint32Array(count * perBuildingVertices);
    let v = 0, t = 0;
    for (let b = first; b < last; b++) {
      const gx = b % side, gy = Math.floor(b / side);
      const height = 10 + ((b * 7) % 40);
      features.push(buildingFeature(b, height));
      const cx = (gx - (side - 1) / 2) * spacing, cy = (gy - (side - 1) / 2) * spacing;
      const half = [spacing * 0.3, spacing * 0.25, height / 2];
      const centre = [cx, cy, height / 2];
      for (const face of FACES) {
        const [a1, a2] = [0, 1, 2].filter((a) => a !== face.axis);
        const start = v;
        for (let i = 0; i <= n; i++) for (let j = 0; j <= n; j++) {
          const local = [0, 0, 0];
          local[face.axis] = centre[face.axis] + face.sign * half[face.axis];
          local[a1] = centre[a1] + (2 * i / n - 1) * half[a1];
          local[a2] = centre[a2] + (2 * j / n - 1) * half[a2];
          frame.toEcef(local[0], local[1], local[2], ecef);
          positions.set(ecef, 3 * v);
          featureIds[v] = b;
          v++;
        }
        const flip = face.sign > 0 !== (face.axis === 1);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          const q0 = start + i * (n + 1) + j, q1 = q0 + 1, q2 = q0 + n + 1, q3 = q2 + 1;
          const tris = flip ? [q0, q2, q1, q1, q2, q3] : [q0, q1, q2, q1, q3, q2];
          indices.set(tris, 3 * t);
          t += 2;
        }
      }
    }
    result.push({ positions, indices, featureIds, material: materials[m] });
  }
  return { id: 'buildings', name: 'Buildings', kind: 'buildings', features, meshes: result };
}
