/**
 * Sweeps a section outline along a 3D polyline: the tube or box of a pipe at its true depth.
 * Coordinates are those of a projected CRS (easting, northing, height; metres). The outline's
 * y axis stays as vertical as the pipe allows, so a box culvert's floor stays level across.
 */
import type { SectionProfile } from './section-profile.ts';

export interface SweptMesh {
  /** x, y, z per vertex, in the path's CRS. */
  positions: Float64Array;
  indices: Uint32Array;
}

export interface SweepOptions {
  /** Close both ends with caps. */
  caps?: boolean;
}

export const SWEEP_DEFAULTS: Required<SweepOptions> = { caps: true };

/**
 * @param path x, y, z of the path's points (the invert line: bottom centre of the section)
 */
export function sweepProfile(profile: SectionProfile, path: Float64Array, options: SweepOptions = {}): SweptMesh {
  const caps = options.caps ?? SWEEP_DEFAULTS.caps;
  const np = path.length / 3;
  const nr = profile.ring.length / 2;
  if (np < 2) throw new RangeError(`sweep path needs at least 2 points, found ${np}`);
  // Each ring point is one vertex when smooth, two (one per adjacent face) when the outline has corners.
  const perRing = profile.smooth ? nr : 2 * nr;
  const capVerts = caps ? 2 * nr : 0;
  const positions = new Float64Array(3 * (np * perRing + capVerts));
  const quads = nr * (np - 1);
  const indices = new Uint32Array(6 * quads + (caps ? 2 * 3 * (nr - 2) : 0));
  const side = [0, 0, 0], up = [0, 0, 0];
  let miter = 1;
  let v = 0;
  const frameAt = (k: number) => {
    // Tangent: the bisector of the unit directions of the segments meeting at point k.
    let tx = 0, ty = 0, tz = 0;
    for (const [a, b] of [[k - 1, k], [k, k + 1]]) {
      if (a < 0 || b >= np) continue;
      const dx = path[3 * b] - path[3 * a], dy = path[3 * b + 1] - path[3 * a + 1], dz = path[3 * b + 2] - path[3 * a + 2];
      const l = Math.hypot(dx, dy, dz) || 1;
      tx += dx / l; ty += dy / l; tz += dz / l;
    }
    const tl = Math.hypot(tx, ty, tz) || 1;
    tx /= tl; ty /= tl; tz /= tl;
    // side = t × z, normalised (horizontal, to the right looking downstream); vertical pipes use x.
    let sx = ty, sy = -tx;
    const sl = Math.hypot(sx, sy);
    if (sl < 1e-9) { sx = 1; sy = 0; } else { sx /= sl; sy /= sl; }
    side[0] = sx; side[1] = sy; side[2] = 0;
    // up = side × t
    up[0] = sy * tz; up[1] = -sx * tz; up[2] = sx * ty - sy * tx;
    // Mitre: at a bend the outline lies in the bisecting plane, widened by 1 / cos(half the turn),
    // so both segments keep their full section (and the tube its volume).
    miter = 1;
    if (k > 0 && k < np - 1) {
      const ix = path[3 * k] - path[3 * k - 3], iy = path[3 * k + 1] - path[3 * k - 2];
      const il = Math.hypot(ix, iy);
      const h = Math.hypot(tx, ty);
      if (il > 1e-9 && h > 1e-9) miter = 1 / Math.max(0.3, (ix * tx + iy * ty) / (il * h));
    }
  };
  const put = (k: number, r: number) => {
    const x = profile.ring[2 * r] * miter, y = profile.ring[2 * r + 1];
    positions[3 * v] = path[3 * k] + x * side[0] + y * up[0];
    positions[3 * v + 1] = path[3 * k + 1] + x * side[1] + y * up[1];
    positions[3 * v + 2] = path[3 * k + 2] + x * side[2] + y * up[2];
    v++;
  };
  for (let k = 0; k < np; k++) {
    frameAt(k);
    for (let r = 0; r < nr; r++) {
      put(k, r);
      if (!profile.smooth) put(k, (r + 1) % nr);
    }
  }
  let t = 0;
  for (let k = 0; k < np - 1; k++) {
    for (let r = 0; r < nr; r++) {
      // Corner-free outlines share ring vertices; cornered ones use the face's own pair.
      const a0 = k * perRing + (profile.smooth ? r : 2 * r);
      const a1 = k * perRing + (profile.smooth ? (r + 1) % nr : 2 * r + 1);
      const b0 = a0 + perRing, b1 = a1 + perRing;
      // Counter-clockwise seen from outside (outward normals) for a ring that runs counter-clockwise
      // in the (side, up) plane; (side, up, tangent) is left-handed, hence this order.
      indices[t++] = a0; indices[t++] = b0; indices[t++] = b1;
      indices[t++] = a0; indices[t++] = b1; indices[t++] = a1;
    }
  }
  if (caps) {
    for (const [k, flip] of [[0, false], [np - 1, true]] as const) {
      frameAt(k);
      const first = v;
      for (let r = 0; r < nr; r++) put(k, r);
      for (let r = 1; r < nr - 1; r++) {
        if (flip) { indices[t++] = first; indices[t++] = first + r + 1; indices[t++] = first + r; }
        else { indices[t++] = first; indices[t++] = first + r; indices[t++] = first + r + 1; }
      }
    }
  }
  return { positions, indices };
}

/** A vertical cylinder (a manhole shaft) from `bottom` to `top` (m), closed at both ends. */
export function shaftMesh(x: number, y: number, bottom: number, top: number, radius: number, segments = 16): SweptMesh {
  const ring = new Float64Array(2 * segments);
  for (let k = 0; k < segments; k++) {
    ring[2 * k] = radius * Math.cos((2 * Math.PI * k) / segments);
    ring[2 * k + 1] = radius * Math.sin((2 * Math.PI * k) / segments);
  }
  // A vertical path: the sweep's "side" falls back to x and the outline lies in the horizontal plane.
  const m = sweepProfile({ ring, smooth: true, height: 0 }, Float64Array.of(x, y, bottom, x, y, top));
  return m;
}
