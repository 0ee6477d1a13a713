/**
 * Pipe networks as 3D features: each pipe a tube or box swept along its centreline at its true
 * depth (inverts interpolated along the length) with its real inside section; each manhole a
 * shaft from invert to rim; each outfall a short stub. One layer per network (storm, sewer, …),
 * coloured by network, every vertex tagged with its feature for picking.
 */
import { createTransform, type GeoidModel, type Manhole, type Outfall, type Pipe, type PipeNetwork } from '../../cim-model/index.ts';
import type { FeatureLayer, GeoMesh } from '../core/index.ts';
import { NETWORK_SRGB, linearColor } from './network-style.ts';
import { sectionProfile } from './section-profile.ts';
import { shaftMesh, sweepProfile, type SweptMesh } from './sweep-mesh.ts';

export type PipeNetworkFeature = Pipe | Manhole | Outfall;

export interface PipeLayersOptions {
  /**
   * CRS of the features' coordinates and elevations, with their height datum: e.g.
   * 'EPSG:4544+5737' (CGCS2000 GK CM 105E + 1985 national height datum; needs `geoid`).
   */
  crs: string;
  geoid?: GeoidModel;
  /** Segments of a circular section. */
  circleSegments?: number;
  /** Inside shaft diameter for manholes that do not give one, m. */
  defaultShaftDiameter?: number;
  /** Layer id prefix: layers are `${prefix}-${network}`. */
  idPrefix?: string;
}

export const PIPE_LAYERS_DEFAULTS = { circleSegments: 16, defaultShaftDiameter: 1.0, idPrefix: 'pipes' };

interface Accumulator { positions: number[]; indices: number[]; featureIds: number[] }

function append(acc: Accumulator, m: SweptMesh, featureIndex: number): void {
  const base = acc.positions.length / 3;
  for (let i = 0; i < m.positions.length; i++) acc.positions.push(m.positions[i]);
  for (let i = 0; i < m.indices.length; i++) acc.indices.push(base + m.indices[i]);
  for (let i = 0; i < m.positions.length / 3; i++) acc.featureIds.push(featureIndex);
}

/** The invert line of a pipe: its centreline with z interpolated between the inverts by chainage. */
export function invertPath(pipe: Pipe): Float64Array {
  const c = pipe.geometry.coordinates;
  const chain = [0];
  for (let k = 1; k < c.length; k++) chain.push(chain[k - 1] + Math.hypot(c[k][0] - c[k - 1][0], c[k][1] - c[k - 1][1]));
  const total = chain[chain.length - 1] || 1;
  const out = new Float64Array(3 * c.length);
  c.forEach((p, k) => {
    out[3 * k] = p[0];
    out[3 * k + 1] = p[1];
    out[3 * k + 2] = pipe.upstreamInvert + ((pipe.downstreamInvert - pipe.upstreamInvert) * chain[k]) / total;
  });
  return out;
}

/** Build one FeatureLayer per network present, meshes in ECEF. */
export function buildPipeLayers(features: PipeNetworkFeature[], options: PipeLayersOptions): FeatureLayer[] {
  const o = { ...PIPE_LAYERS_DEFAULTS, ...options };
  const toEcef = createTransform(o.crs, 'EPSG:4978', { geoid: o.geoid });
  const byNetwork = new Map<PipeNetwork, PipeNetworkFeature[]>();
  for (const f of features) byNetwork.set(f.network, [...(byNetwork.get(f.network) ?? []), f]);
  const layers: FeatureLayer[] = [];
  for (const [network, list] of byNetwork) {
    const color = linearColor(NETWORK_SRGB[network]);
    // One mesh per feature class, so each glb primitive maps to one property table.
    const groups = new Map<string, Accumulator>();
    list.forEach((f, index) => {
      const acc = groups.get(f.type) ?? { positions: [], indices: [], featureIds: [] };
      groups.set(f.type, acc);
      if (f.type === 'pipe') {
        const profile = sectionProfile(f.section, { circleSegments: o.circleSegments });
        const path = invertPath(f);
        const barrels = f.section.barrels ?? 1;
        const width = f.section.diameter ?? f.section.width ?? 1;
        for (let b = 0; b < barrels; b++) {
          // Parallel barrels side by side with a 0.2 m wall between them.
          const offset = (b - (barrels - 1) / 2) * (width + 0.2);
          const shifted = offset === 0 ? profile : { ...profile, ring: profile.ring.map((v, i) => (i % 2 === 0 ? v + offset : v)) };
          append(acc, sweepProfile(shifted, path), index);
        }
      } else if (f.type === 'manhole') {
        const [x, y] = f.geometry.coordinates;
        append(acc, shaftMesh(x, y, f.invertElevation, f.rimElevation, (f.shaftDiameter ?? o.defaultShaftDiameter) / 2, o.circleSegments), index);
      } else {
        // Outfall: a 1 m stub of 0.6 m headwall pipe at the invert, pointing nowhere in particular.
        const [x, y] = f.geometry.coordinates;
        append(acc, shaftMesh(x, y, f.invertElevation, f.invertElevation + 1, 0.5, o.circleSegments), index);
      }
    });
    const meshes: GeoMesh[] = [];
    for (const [type, acc] of groups) {
      const positions = Float64Array.from(acc.positions);
      toEcef.forwardArray(positions);
      meshes.push({
        positions,
        indices: Uint32Array.from(acc.indices),
        featureIds: Uint32Array.from(acc.featureIds),
        material: { name: `${network}-${type}`, baseColor: color, metallic: 0, roughness: 0.7, doubleSided: false },
      });
    }
    layers.push({ id: `${o.idPrefix}-${network}`, name: `${network} network`, kind: 'pipes', features: list, meshes });
  }
  return layers;
}
