/**
 * Land cover raster and its hydraulic parameters: one UInt8 class per cell (table LAND_COVER_CLASSES, written
 * into the manifest), Manning n for the 2D flood engine and imperviousness for SWMM subcatchments. Building
 * cells are their own class so the flood engine can treat them as obstacles.
 */
import { fbm } from './noise.ts';
import type { Parcel } from './parcels.ts';
import type { Building } from './buildings.ts';
import { fillCorridor, fillPolygon } from './rasterize.ts';
import type { RasterGrid } from './raster-grid.ts';
import type { RoadSegment } from './road-network.ts';
import type { TownPlan } from './town-plan.ts';
import type { LandUseKey } from './land-use-codes.ts';
import { bankWidth, woodlandLine } from './terrain.ts';

export interface LandCoverClass {
  code: number;
  name: string;
  /** Manning n, s/m^(1/3) (Chow 1959; values usual in 2D urban flood models). */
  manning: number;
  /** Impervious fraction 0–1. */
  impervious: number;
  /** Flood models should treat cells of this class as walls. */
  obstacle: boolean;
  /** Orthophoto base colour, sRGB. */
  colour: [number, number, number];
}

export const LAND_COVER_CLASSES = {
  water: { code: 1, name: 'river water', manning: 0.03, impervious: 1, obstacle: false, colour: [72, 92, 84] },
  road: { code: 2, name: 'road (asphalt)', manning: 0.014, impervious: 0.95, obstacle: false, colour: [92, 92, 96] },
  building: { code: 3, name: 'building', manning: 0.1, impervious: 1, obstacle: true, colour: [170, 160, 150] },
  railway: { code: 4, name: 'railway (ballast)', manning: 0.035, impervious: 0.3, obstacle: false, colour: [120, 108, 96] },
  denseUrban: { code: 5, name: 'dense urban (old-town yards and lanes)', manning: 0.05, impervious: 0.85, obstacle: false, colour: [150, 140, 128] },
  urbanOpen: { code: 6, name: 'urban open space (paved and planted)', manning: 0.04, impervious: 0.55, obstacle: false, colour: [128, 138, 110] },
  industrialYard: { code: 7, name: 'industrial yard (paved)', manning: 0.02, impervious: 0.85, obstacle: false, colour: [160, 156, 150] },
  park: { code: 8, name: 'park', manning: 0.06, impervious: 0.15, obstacle: false, colour: [86, 122, 70] },
  square: { code: 9, name: 'square (paved)', manning: 0.016, impervious: 0.85, obstacle: false, colour: [182, 176, 164] },
  farmland: { code: 10, name: 'farmland and grass', manning: 0.08, impervious: 0.05, obstacle: false, colour: [122, 140, 84] },
  forest: { code: 11, name: 'forest', manning: 0.12, impervious: 0.02, obstacle: false, colour: [58, 84, 50] },
  bank: { code: 12, name: 'river bank (gravel, grass)', manning: 0.035, impervious: 0.1, obstacle: false, colour: [150, 146, 122] },
} as const satisfies Record<string, LandCoverClass>;

export type LandCoverKey = keyof typeof LAND_COVER_CLASSES;
const C = LAND_COVER_CLASSES;

/** Class entry by code (index = code). */
export const LAND_COVER_BY_CODE: LandCoverClass[] = (() => {
  const out: LandCoverClass[] = [];
  for (const c of Object.values(LAND_COVER_CLASSES)) out[c.code] = c;
  return out;
})();

const PARCEL_COVER: Record<LandUseKey, LandCoverKey> = {
  R2old: 'denseUrban', B1old: 'denseUrban', R2: 'urbanOpen', B1: 'urbanOpen', B2: 'urbanOpen', A1: 'urbanOpen',
  A33: 'urbanOpen', A51: 'urbanOpen', M1: 'industrialYard', W1: 'industrialYard', G1: 'park', G3: 'square',
};

export interface LandCoverInputs {
  plan: TownPlan;
  /** DEM grid and its per-cell fields (sampled by nearest cell when `grid` is finer). */
  demGrid: RasterGrid;
  dem: Float32Array;
  bankDistance: Float32Array;
  parcels: readonly Parcel[];
  roads: readonly RoadSegment[];
  buildings: readonly Building[];
  seed: number;
}

/** Class codes on `grid` (the DEM grid or a finer grid of the same extent, e.g. the orthophoto's). */
export function rasterizeLandCover(grid: RasterGrid, input: LandCoverInputs): Uint8Array {
  const { plan, demGrid } = input;
  const classes = new Uint8Array(grid.nx * grid.ny);
  const ratio = demGrid.cellSize / grid.cellSize;
  const bank = bankWidth(plan);
  const terraceTop = woodlandLine(plan);
  for (let j = 0; j < grid.ny; j++) {
    const jd = Math.min(demGrid.ny - 1, Math.floor(j / ratio));
    const y = grid.north - (j + 0.5) * grid.cellSize;
    for (let i = 0; i < grid.nx; i++) {
      const kd = Math.min(demGrid.nx - 1, Math.floor(i / ratio)) + jd * demGrid.nx;
      const b = input.bankDistance[kd];
      const x = grid.west + (i + 0.5) * grid.cellSize;
      let c: number;
      if (b < 0) c = C.water.code;
      else if (b < bank * 1.4) c = C.bank.code;
      else {
        const wood = input.dem[kd] - terraceTop + 25 * fbm(x, y, 180, 3, input.seed + 31);
        c = wood > 0 ? C.forest.code : C.farmland.code;
      }
      classes[i + j * grid.nx] = c;
    }
  }
  const set = (code: number) => (k: number) => { if (classes[k] !== C.water.code) classes[k] = code; };
  for (const d of plan.districts) fillPolygon(grid, d.outline, set(C.urbanOpen.code));
  for (const p of input.parcels) fillPolygon(grid, p.ring, set(C[PARCEL_COVER[p.landUse]].code));
  const rail = plan.railway.line;
  for (let s = 0; s + 1 < rail.length; s++) fillCorridor(grid, rail[s], rail[s + 1], plan.railway.topWidth / 2 + 2 * plan.railway.embankment, set(C.railway.code));
  // Bridges span the water: the river keeps its class under the deck (the orthophoto draws the deck).
  for (const r of input.roads) fillCorridor(grid, r.a, r.b, r.width / 2, set(C.road.code));
  for (const bl of input.buildings) fillPolygon(grid, bl.ring, set(C.building.code));
  return classes;
}

/** Manning n per cell from the class codes. */
export function manningRaster(classes: Uint8Array): Float32Array {
  const n = new Float32Array(classes.length);
  for (let k = 0; k < classes.length; k++) n[k] = LAND_COVER_BY_CODE[classes[k]].manning;
  return n;
}
