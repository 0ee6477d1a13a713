import { describe, expect, it } from 'vitest';
import { sectionProfile } from './section-profile.ts';
import { shaftMesh, sweepProfile, type SweptMesh } from './sweep-mesh.ts';

/** Signed volume by the divergence theorem: positive when triangles face outwards. */
function signedVolume(m: SweptMesh): number {
  let v = 0;
  const p = m.positions;
  for (let t = 0; t < m.indices.length; t += 3) {
    const a = 3 * m.indices[t], b = 3 * m.indices[t + 1], c = 3 * m.indices[t + 2];
    v += (p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) - p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c]) + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c])) / 6;
  }
  return v;
}

/** Every edge of a closed (watertight) mesh is used exactly twice, once in each direction. */
function isClosedOriented(m: SweptMesh): boolean {
  const key = (i: number) => `${m.positions[3 * i].toFixed(6)},${m.positions[3 * i + 1].toFixed(6)},${m.positions[3 * i + 2].toFixed(6)}`;
  const edges = new Map<string, number>();
  for (let t = 0; t < m.indices.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = key(m.indices[t + e]), b = key(m.indices[t + ((e + 1) % 3)]);
      edges.set(`${a}|${b}`, (edges.get(`${a}|${b}`) ?? 0) + 1);
    }
  }
  for (const [k, n] of edges) {
    const [a, b] = k.split('|');
    if (n !== 1 || edges.get(`${b}|${a}`) !== 1) return false;
  }
  return true;
}

// A falling, bending path at a believable map position (EPSG:4544 metres).
const path = Float64Array.of(622000, 3319000, 201.5, 622030, 3319010, 201.3, 622050, 3319040, 201.0);
const length = Math.hypot(30, 10, 0.2) + Math.hypot(20, 30, 0.3);

describe('sweepProfile', () => {
  it('makes a closed, outward-facing tube whose volume is the polygon area times the length', () => {
    const n = 16, r = 0.4;
    const m = sweepProfile(sectionProfile({ shape: 'circular', diameter: 2 * r, barrels: 1 }, { circleSegments: n }), path);
    expect(isClosedOriented(m)).toBe(true);
    const area = (n / 2) * r * r * Math.sin((2 * Math.PI) / n);
    // The bend adds and removes wedges that cancel to first order.
    expect(signedVolume(m) / (area * length)).toBeCloseTo(1, 2);
  });

  it('keeps a box culvert floor level across and the exact w·h·L volume on a straight run', () => {
    const straight = Float64Array.of(0, 0, 10, 50, 0, 9.5);
    const m = sweepProfile(sectionProfile({ shape: 'box', width: 2, height: 1.5, barrels: 1 }), straight);
    expect(isClosedOriented(m)).toBe(true);
    expect(signedVolume(m)).toBeCloseTo(2 * 1.5 * Math.hypot(50, 0.5), 6);
    // The two floor corners at the start are at the same height as the invert.
    const zs = [m.positions[2], m.positions[5]];
    expect(zs[0]).toBeCloseTo(zs[1], 9);
  });

  it('handles egg, horseshoe and trapezoidal outlines as closed meshes', () => {
    for (const shape of ['egg', 'horseshoe', 'arch', 'trapezoidal', 'rectangular'] as const) {
      const prof = sectionProfile({ shape, width: 1.2, height: 1.5, barrels: 1 });
      const pts = new Set<string>();
      for (let i = 0; i < prof.ring.length; i += 2) pts.add(`${prof.ring[i].toFixed(9)},${prof.ring[i + 1].toFixed(9)}`);
      expect(pts.size, shape).toBe(prof.ring.length / 2);
      const m = sweepProfile(prof, path);
      expect(isClosedOriented(m), shape).toBe(true);
      expect(signedVolume(m), shape).toBeGreaterThan(0);
    }
  });

  it('puts the bottom of a circular section on the invert line', () => {
    const m = sweepProfile(sectionProfile({ shape: 'circular', diameter: 0.6, barrels: 1 }), path);
    expect([m.positions[0], m.positions[1], m.positions[2]]).toEqual([622000, 3319000, 201.5]);
  });

  it('rejects a path of fewer than two points', () => {
    expect(() => sweepProfile(sectionProfile({ shape: 'circular', diameter: 1, barrels: 1 }), Float64Array.of(0, 0, 0))).toThrow(/at least 2 points, found 1/);
  });
});

describe('shaftMesh', () => {
  it('is a closed vertical cylinder from invert to rim', () => {
    const m = shaftMesh(10, 20, 195.2, 199.7, 0.5, 24);
    expect(isClosedOriented(m)).toBe(true);
    const area = 12 * 0.25 * Math.sin((2 * Math.PI) / 24);
    expect(signedVolume(m)).toBeCloseTo(area * 4.5, 6);
    let lo = Infinity, hi = -Infinity;
    for (let i = 2; i < m.positions.length; i += 3) { lo = Math.min(lo, m.positions[i]); hi = Math.max(hi, m.positions[i]); }
    expect([lo, hi]).toEqual([195.2, 199.7]);
  });
});
