/**
 * The tileset JSON objects cimflow writes (3D Tiles 1.1 specification/schema/tileset.schema.json,
 * tile.schema.json, boundingVolume.schema.json, content.schema.json), and bounding-box helpers.
 */
import type { EnuFrame, MetadataSchema, MetadataValue } from '../../cim-model/index.ts';

export interface BoundingVolume {
  /** Oriented box: centre, then x, y, z half-axis vectors (12 numbers). */
  box?: number[];
  /** [west, south, east, north, minHeight, maxHeight], radians and metres (EPSG:4979). */
  region?: number[];
  /** Centre and radius. */
  sphere?: number[];
}

export interface MetadataEntity {
  class: string;
  properties?: Record<string, MetadataValue>;
}

export interface TileContent {
  uri: string;
  boundingVolume?: BoundingVolume;
  group?: number;
  metadata?: MetadataEntity;
}

export interface Tile {
  boundingVolume: BoundingVolume;
  geometricError: number;
  refine?: 'ADD' | 'REPLACE';
  /** Column-major 4×4, local → parent frame. */
  transform?: number[];
  content?: TileContent;
  contents?: TileContent[];
  metadata?: MetadataEntity;
  children?: Tile[];
}

export interface Tileset {
  asset: { version: '1.1' | '1.0'; tilesetVersion?: string; generator?: string; extras?: Record<string, unknown> };
  schema?: MetadataSchema;
  schemaUri?: string;
  statistics?: { classes: Record<string, { count?: number }> };
  groups?: MetadataEntity[];
  metadata?: MetadataEntity;
  geometricError: number;
  root: Tile;
  extensionsUsed?: string[];
  extensionsRequired?: string[];
}

export const ASSET = { version: '1.1', generator: 'cimflow' } as const;

/** Axis-aligned bounds; empty until a point is added. */
export class Bounds {
  readonly min = [Infinity, Infinity, Infinity];
  readonly max = [-Infinity, -Infinity, -Infinity];

  get empty(): boolean {
    return this.min[0] > this.max[0];
  }

  addPoint(x: number, y: number, z: number): this {
    const p = [x, y, z];
    for (let k = 0; k < 3; k++) {
      if (p[k] < this.min[k]) this.min[k] = p[k];
      if (p[k] > this.max[k]) this.max[k] = p[k];
    }
    return this;
  }

  addBounds(other: { min: ArrayLike<number>; max: ArrayLike<number> }): this {
    if (other.min[0] > other.max[0]) return this;
    this.addPoint(other.min[0], other.min[1], other.min[2]);
    return this.addPoint(other.max[0], other.max[1], other.max[2]);
  }

  /** Half the diagonal, metres. */
  get radius(): number {
    return this.empty ? 0 : Math.hypot(this.max[0] - this.min[0], this.max[1] - this.min[1], this.max[2] - this.min[2]) / 2;
  }

  /** The eight corners. */
  corners(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < 8; i++) out.push([i & 1 ? this.max[0] : this.min[0], i & 2 ? this.max[1] : this.min[1], i & 4 ? this.max[2] : this.min[2]]);
    return out;
  }
}

/** Smallest half-axis of written boxes, metres: flat content (a ground plane) still gets a volume. */
const MIN_HALF = 0.01;

/** A `box` of local bounds, in the local frame (3D Tiles 1.1 §"Box"). */
export function localBox(bounds: Bounds): BoundingVolume {
  const c = [0, 1, 2].map((k) => (bounds.min[k] + bounds.max[k]) / 2);
  const h = [0, 1, 2].map((k) => Math.max((bounds.max[k] - bounds.min[k]) / 2, MIN_HALF));
  return { box: [c[0], c[1], c[2], h[0], 0, 0, 0, h[1], 0, 0, 0, h[2]] };
}

/** The same box expressed in ECEF: its centre and half-axes mapped through the frame. */
export function ecefBox(frame: EnuFrame, bounds: Bounds): BoundingVolume {
  const c = [0, 1, 2].map((k) => (bounds.min[k] + bounds.max[k]) / 2);
  const h = [0, 1, 2].map((k) => Math.max((bounds.max[k] - bounds.min[k]) / 2, MIN_HALF));
  const m = frame.toEcefMatrix();
  const centre = frame.toEcef(c[0], c[1], c[2], [0, 0, 0]);
  const axis = (k: number): number[] => [m[4 * k] * h[k], m[4 * k + 1] * h[k], m[4 * k + 2] * h[k]];
  return { box: [centre[0], centre[1], centre[2], ...axis(0), ...axis(1), ...axis(2)] };
}

/** The eight ECEF corners of a local box. */
export function ecefCorners(frame: EnuFrame, bounds: Bounds): number[][] {
  return bounds.corners().map(([e, n, u]) => Array.from(frame.toEcef(e, n, u, [0, 0, 0])));
}

/** Deterministic JSON bytes of a tileset (2-space indent, like the official samples). */
export function tilesetBytes(tileset: Tileset): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(tileset, null, 2)}\n`);
}
