import { describe, expect, it } from 'vitest';
import type { BimProjectSpec } from './bim-project-spec.ts';
import { bimProjectSpecSchema } from './bim-project-spec.ts';
import { layoutBuilding } from './building-layout.ts';
import { facadeOpenings } from './facade-openings.ts';
import { insetPolygon, polygonArea } from './plan-geometry.ts';
import { sharedBoundaries, subdivideZone } from './room-plan.ts';

const BASE: BimProjectSpec = {
  id: 'TEST-1',
  name: '测试楼',
  permitNumber: 'P-1',
  status: 'submitted',
  dates: { submitted: '2026-01-05' },
  parcelId: 'X-1',
  developer: 'Developer',
  occupancyType: 'office',
  origin: { easting: 600_000, northing: 3_300_000, height: 200 },
  rotationDeg: 0,
  tiers: [],
};

function layout(tiers: BimProjectSpec['tiers']) {
  return layoutBuilding(bimProjectSpecSchema.parse({ ...BASE, tiers }));
}

const L_SHAPE = { kind: 'l-shape', width: 48, depth: 36, barDepth: 16, wingWidth: 18 } as const;

describe('layoutBuilding', () => {
  it('mitres exterior walls so they exactly fill the band between outline and inner face', () => {
    const { storeys } = layout([{ name: 'main', use: '办公', footprint: L_SHAPE, storeys: 1, storeyHeight: 3.6 }]);
    const [storey] = storeys;
    const exterior = storey.walls.filter((w) => w.external);
    expect(exterior).toHaveLength(6);
    const band = polygonArea(storey.outline) - polygonArea(insetPolygon(storey.outline, 0.3));
    const walls = exterior.reduce((sum, w) => sum + polygonArea(w.profile), 0);
    expect(walls).toBeCloseTo(band, 9);
    expect(polygonArea(storey.outline)).toBeCloseTo(48 * 16 + 18 * 20, 9);
  });

  it('keeps openings inside their wall, clear of corners and of each other, below the next floor', () => {
    const { storeys } = layout([{ name: 'main', use: '办公', footprint: L_SHAPE, storeys: 2, storeyHeight: 3.9 }]);
    for (const storey of storeys)
      for (const wall of storey.walls) {
        const sorted = [...wall.openings].sort((a, b) => a.centre - b.centre);
        sorted.forEach((o, i) => {
          expect(o.centre - o.width / 2).toBeGreaterThanOrEqual(wall.external ? wall.thickness : 0);
          expect(o.centre + o.width / 2).toBeLessThanOrEqual(wall.length - (wall.external ? wall.thickness : 0));
          expect(o.sill + o.height).toBeLessThanOrEqual(storey.height - 0.2);
          if (i > 0) expect(o.centre - o.width / 2).toBeGreaterThan(sorted[i - 1].centre + sorted[i - 1].width / 2);
        });
      }
  });

  it('puts the one main entrance in the ground floor front façade', () => {
    const { storeys } = layout([{ name: 'main', use: '办公', footprint: { kind: 'rectangle', width: 30, depth: 12 }, storeys: 3, storeyHeight: 3.3 }]);
    const exteriorDoors = storeys.flatMap((s) =>
      s.walls.filter((w) => w.external).flatMap((w) => w.openings.filter((o) => o.kind === 'door').map((o) => ({ s, w, o }))),
    );
    expect(exteriorDoors).toHaveLength(1);
    const [{ s, w, o }] = exteriorDoors;
    expect(s.index).toBe(0);
    expect(w.direction).toEqual([1, 0]);
    // Four 7.5 m rooms along the front: the door is centred in the second bay, [7.5 + 0.5, 15 − 0.5] m.
    expect(o.centre).toBeCloseTo(11.25, 9);
    expect(o.code).toBe('M2427');
  });

  it('lays out clear spaces inside the walls without overlaps', () => {
    const { storeys } = layout([{ name: 'main', use: '办公', footprint: L_SHAPE, storeys: 1, storeyHeight: 3.6 }]);
    const spaces = storeys[0].spaces;
    expect(spaces.filter((s) => s.kind === 'corridor')).toHaveLength(2);
    for (const [i, a] of spaces.entries()) {
      expect(a.rect.x1).toBeGreaterThan(a.rect.x0);
      expect(a.rect.y1).toBeGreaterThan(a.rect.y0);
      expect(a.rect.x0).toBeGreaterThanOrEqual(-24 + 0.3);
      expect(a.rect.y0).toBeGreaterThanOrEqual(-18 + 0.3);
      for (const b of spaces.slice(i + 1)) {
        const overlap =
          Math.min(a.rect.x1, b.rect.x1) - Math.max(a.rect.x0, b.rect.x0) > 1e-9 &&
          Math.min(a.rect.y1, b.rect.y1) - Math.max(a.rect.y0, b.rect.y0) > 1e-9;
        expect(overlap, `${a.number} overlaps ${b.number}`).toBe(false);
      }
    }
    const net = spaces.reduce((sum, s) => sum + (s.rect.x1 - s.rect.x0) * (s.rect.y1 - s.rect.y0), 0);
    expect(net / polygonArea(storeys[0].outline)).toBeGreaterThan(0.85);
    expect(net / polygonArea(storeys[0].outline)).toBeLessThan(1);
  });

  it('roofs the podium where the tower starts and the tower at the top', () => {
    const { storeys, slabs, bounds } = layout([
      { name: 'podium', use: '商业', footprint: { kind: 'rectangle', width: 40, depth: 24 }, storeys: 2, storeyHeight: 4.5 },
      { name: 'tower', use: '住宅', footprint: { kind: 'rectangle', width: 28, depth: 16 }, offset: { x: 0, y: 2 }, storeys: 3, storeyHeight: 3 },
    ]);
    expect(storeys.map((s) => s.elevation)).toEqual([0, 4.5, 9, 12, 15]);
    expect(slabs.map((s) => [s.kind, s.top, s.storey])).toEqual([
      ['FLOOR', 0, 0],
      ['FLOOR', 4.5, 1],
      ['ROOF', 9, 1],
      ['FLOOR', 12, 3],
      ['FLOOR', 15, 4],
      ['ROOF', 18, 4],
    ]);
    expect(polygonArea(slabs[2].outline)).toBeCloseTo(39.4 * 23.4, 9);
    expect(polygonArea(slabs[5].outline)).toBeCloseTo(27.4 * 15.4, 9);
    expect(bounds).toEqual({ plan: { x0: -20, y0: -12, x1: 20, y1: 12 }, zMin: -0.2, zMax: 18 });
    // One stair and lift core per storey, stacked: every core overlaps the top one in plan.
    const cores = storeys.map((s) => s.spaces.filter((space) => space.kind === 'core'));
    expect(cores.every((c) => c.length === 1)).toBe(true);
    const topCore = cores[cores.length - 1][0].rect;
    for (const [{ rect }] of cores)
      expect(Math.min(rect.x1, topCore.x1) > Math.max(rect.x0, topCore.x0) && Math.min(rect.y1, topCore.y1) > Math.max(rect.y0, topCore.y0)).toBe(true);
  });
});

describe('room plan', () => {
  const options = { roomBay: 7.2, corridorWidth: 2.4, corridorMinDepth: 13 };

  it('splits a deep zone into two rows around a corridor, a shallow one into a single row', () => {
    const deep = subdivideZone({ x0: 0, y0: 0, x1: 36, y1: 16 }, options);
    expect(deep.filter((r) => r.kind === 'corridor').map((r) => r.rect)).toEqual([{ x0: 0, y0: 6.8, x1: 36, y1: 9.2 }]);
    expect(deep.filter((r) => r.kind === 'room')).toHaveLength(10);
    const shallow = subdivideZone({ x0: 0, y0: 0, x1: 8, y1: 20 }, options);
    expect(shallow.map((r) => r.kind)).toEqual(['room', 'room', 'room']);
    expect(shallow[0].rect).toEqual({ x0: 0, y0: 0, x1: 8, y1: 20 / 3 });
  });

  it('finds each shared boundary once', () => {
    const rooms = subdivideZone({ x0: 0, y0: 0, x1: 21.6, y1: 16 }, options);
    const partitions = sharedBoundaries(rooms);
    // 3 rooms per row: 2 + 2 cross walls, and 3 + 3 corridor walls.
    expect(partitions).toHaveLength(10);
    const length = partitions.reduce((sum, p) => sum + Math.hypot(p.b[0] - p.a[0], p.b[1] - p.a[1]), 0);
    expect(length).toBeCloseTo(2 * 2 * 6.8 + 2 * 21.6, 9);
  });
});

describe('facadeOpenings', () => {
  const options = { windowWidth: 1.8, windowBay: 3.6, sillHeight: 0.9, headroomAboveWindow: 0.6, cornerMargin: 0.9, junctionClearance: 0.5 };

  it('centres windows at the bay spacing and sizes them from the storey height', () => {
    // 16 m wall, 0.9 m kept at each end: 14.2 m usable → 3 bays of 3.6 m centred on the wall.
    const windows = facadeOpenings(16, 3, options);
    expect(windows).toHaveLength(3);
    windows.forEach((w, i) => expect(w.centre).toBeCloseTo(8 + (i - 1) * 3.6, 9));
    expect(windows.every((w) => w.code === 'C1815' && w.sill === 0.9)).toBe(true);
    expect(facadeOpenings(16, 6, options)[0].height).toBe(2.4);
  });

  it('leaves out windows next to an entrance and skips walls too short for a window', () => {
    const openings = facadeOpenings(16, 3.9, options, { entrance: { width: 2.4, height: 2.7 } });
    expect(openings.map((o) => o.kind)).toEqual(['window', 'window', 'door']);
    expect(facadeOpenings(2, 3, options)).toEqual([]);
  });

  it('centres windows in the bays between interior wall junctions', () => {
    // Bays [0.9, 9.5] and [10.5, 19.1] m: two windows each, centred.
    const windows = facadeOpenings(20, 3, options, { junctions: [10] });
    expect(windows).toHaveLength(4);
    [3.4, 7, 13, 16.6].forEach((c, i) => expect(windows[i].centre).toBeCloseTo(c, 9));
  });

  it('puts the entrance in the bay nearest the middle of the wall', () => {
    const openings = facadeOpenings(40, 4.5, options, { junctions: [10, 20, 30], entrance: { width: 2.4, height: 2.7 } });
    const entrance = openings.find((o) => o.kind === 'door');
    expect(entrance?.centre).toBeCloseTo(15, 9); // bays [10.5, 19.5] and [20.5, 29.5] tie; the first wins
    expect(openings.filter((o) => o.kind === 'window' && Math.abs(o.centre - 15) < 2.6)).toEqual([]);
    expect(openings.filter((o) => o.kind === 'window')).toHaveLength(6); // 2 per bay, the entrance bay's 2 left out
  });
});
