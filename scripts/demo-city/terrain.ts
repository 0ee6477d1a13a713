/**
 * The digital elevation model: orthometric heights H (1985 national height datum, metres) on the raster grid.
 * Stage 1 (`baseTerrain`) shapes river channels, banks, the floodplain the old town sits on, the terrace scarp,
 * the upper terraces and the hills, from the distance to the nearest river bank. Stage 2 (`burnUrbanFeatures`)
 * adds what the town built: the railway embankment, the underpass trench, closed depressions and streets
 * 0.15 m below their kerbs.
 */
import { distanceTransform } from './distance-transform.ts';
import { pointPolylineDistance, type Point } from './geometry.ts';
import { fbm } from './noise.ts';
import { fillCorridor, fillPolygon, markPolyline } from './rasterize.ts';
import { cellIndexAt, type RasterGrid } from './raster-grid.ts';
import type { RoadSegment } from './road-network.ts';
import type { TownPlan } from './town-plan.ts';

export interface TerrainOptions {
  /** Rise from normal water level to the floodplain top of bank, metres. */
  bankHeight: number;
  /** Rise across the floodplain (old town terrace), metres. */
  floodplainRise: number;
  /** Height of the upper terrace above the floodplain, metres. */
  terraceHeight: number;
  /** Highest hill relief above the terrace, metres. */
  hillRelief: number;
  /** Street surface below the kerb, metres. */
  kerbHeight: number;
}

export const TERRAIN_DEFAULTS: TerrainOptions = { bankHeight: 4.5, floodplainRise: 5, terraceHeight: 22, hillRelief: 105, kerbHeight: 0.15 };

export interface BaseTerrain {
  /** Orthometric height, row 0 north. */
  dem: Float32Array;
  /** Signed distance to the nearest river's normal-water edge, metres: negative in the water. */
  bankDistance: Float32Array;
}

/** Width of the bank between the normal water edge and the floodplain, metres. */
export function bankWidth(plan: TownPlan): number {
  return Math.max(8, 18 * plan.scale);
}

/** Height above which hills are wooded (before noise): the upper terrace plus 12 m. */
export function woodlandLine(plan: TownPlan, options: Partial<TerrainOptions> = {}): number {
  const o = { ...TERRAIN_DEFAULTS, ...options };
  return plan.waterLevelAt(plan.south) + o.bankHeight + o.floodplainRise + o.terraceHeight + 12;
}

const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

export function baseTerrain(grid: RasterGrid, plan: TownPlan, seed: number, options: Partial<TerrainOptions> = {}): BaseTerrain {
  const o = { ...TERRAIN_DEFAULTS, ...options };
  const { nx, ny, cellSize } = grid;
  const n = nx * ny;
  const bankDistance = new Float32Array(n).fill(Infinity);
  const channelDepth = new Float32Array(n);
  const halfWidthAt = new Float32Array(n);
  const seeds = new Uint8Array(n);
  for (const river of plan.rivers) {
    seeds.fill(0);
    markPolyline(grid, river.centerline, seeds);
    const { distance } = distanceTransform(grid, seeds);
    for (let k = 0; k < n; k++) {
      const b = distance[k] - river.halfWidth;
      if (b < bankDistance[k]) {
        bankDistance[k] = b;
        channelDepth[k] = river.depth;
        halfWidthAt[k] = river.halfWidth;
      }
    }
  }
  const urban = new Uint8Array(n);
  for (const d of plan.districts) fillPolygon(grid, d.outline, (k) => { urban[k] = 1; });

  const s = plan.scale;
  const bankW = bankWidth(plan);
  const d1 = 520 * s;
  const d2 = 720 * s;
  const d3 = 1150 * s;
  const hillSpan = 700 * s;
  const dem = new Float32Array(n);
  for (let j = 0; j < ny; j++) {
    const y = grid.north - (j + 0.5) * cellSize;
    const wl = plan.waterLevelAt(y);
    for (let i = 0; i < nx; i++) {
      const k = i + j * nx;
      const x = grid.west + (i + 0.5) * cellSize;
      const b = bankDistance[k];
      let h: number;
      if (b < 0) {
        const t = Math.min(1, -b / halfWidthAt[k]);
        h = wl - channelDepth[k] * (1 - (1 - t) * (1 - t)) - 0.3;
      } else {
        h = wl + o.bankHeight * smooth(0, bankW, b);
        h += o.floodplainRise * Math.min(1, Math.max(0, b - bankW) / (d1 - bankW));
        h += o.terraceHeight * smooth(d1, d2, b);
        h += 6 * smooth(d2, d3, b);
        const hill = smooth(d3, d3 + hillSpan, b);
        if (hill > 0) h += o.hillRelief * hill * (0.75 + 1.1 * fbm(x, y, 900 * Math.max(s, 0.3), 3, seed + 7));
        const rough = urban[k] ? 0.35 : 1.5 + 6 * hill;
        h += rough * fbm(x, y, 260 * Math.max(s, 0.3), 4, seed + 13) * smooth(0, bankW * 2, b);
      }
      dem[k] = h;
    }
  }
  return { dem, bankDistance };
}

/**
 * Burn the built town into the DEM. `roads` are the final road segments (bridges are skipped: they span the
 * terrain); `underpassLine` is the centreline of the arterial that passes under the railway.
 */
export function burnUrbanFeatures(
  grid: RasterGrid, base: BaseTerrain, plan: TownPlan, roads: readonly RoadSegment[], underpassLine: readonly Point[],
  options: Partial<TerrainOptions> = {},
): void {
  const o = { ...TERRAIN_DEFAULTS, ...options };
  const { dem, bankDistance } = base;
  const underpassWidth = roads.find((r) => r.roadId === plan.underpass.arterialId)?.width ?? 20;
  const crossing = pointPolylineDistance(plan.underpass.at, underpassLine).chainage;
  const opening = underpassWidth / 2 + 4;
  const centre = (k: number): Point => [grid.west + ((k % grid.nx) + 0.5) * grid.cellSize, grid.north - (Math.floor(k / grid.nx) + 0.5) * grid.cellSize];

  // Railway embankment: trapezoid (top width, 1:2 side slopes) on land, open where the arterial passes under.
  const { embankment, topWidth } = plan.railway;
  const foot = topWidth / 2 + 2 * embankment;
  const rail = plan.railway.line;
  for (let s = 0; s + 1 < rail.length; s++) {
    fillCorridor(grid, rail[s], rail[s + 1], foot, (k, d) => {
      if (bankDistance[k] < 5 || pointPolylineDistance(centre(k), underpassLine).distance < opening) return;
      dem[k] += embankment * Math.min(1, (foot - d) / (2 * embankment));
    });
  }
  // Streets below the kerb.
  const mark = new Uint8Array(dem.length);
  for (const r of roads) if (!r.bridge) fillCorridor(grid, r.a, r.b, r.width / 2, (k) => { mark[k] = 1; });
  for (let k = 0; k < dem.length; k++) if (mark[k]) dem[k] -= o.kerbHeight;
  // The underpass: the arterial's surface drops to a flat floor `depth` below the street at the crossing, with
  // cosine ramps; it never rises above the ground, so the floor is a closed low point that ponds first.
  mark.fill(0);
  const L = plan.underpass.halfLength;
  const floor = dem[cellIndexAt(grid, plan.underpass.at[0], plan.underpass.at[1])] - plan.underpass.depth;
  for (let s = 0; s + 1 < underpassLine.length; s++) {
    fillCorridor(grid, underpassLine[s], underpassLine[s + 1], underpassWidth / 2 + 1, (k) => {
      if (mark[k]) return;
      mark[k] = 1;
      const ds = Math.abs(pointPolylineDistance(centre(k), underpassLine).chainage - crossing);
      if (ds >= L) return;
      const rise = ds < 0.35 * L ? 0 : 0.5 * (1 - Math.cos((Math.PI * (ds - 0.35 * L)) / (0.65 * L)));
      dem[k] = Math.min(dem[k], floor + plan.underpass.depth * 2 * rise);
    });
  }
  for (const dep of plan.depressions) {
    fillCorridor(grid, dep.at, dep.at, dep.radius, (k, d) => {
      const q = 1 - (d / dep.radius) ** 2;
      dem[k] -= dep.depth * q * q;
    });
  }
}
