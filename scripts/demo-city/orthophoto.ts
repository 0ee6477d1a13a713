/**
 * An orthophoto-like RGB image of the town (north-up, row 0 north, same extent as the DEM): land-cover colours
 * with texture, field patchwork, tree crowns, hill shading, building shadows and roofs, road surfaces with
 * centre markings, bridge decks and river water. Synthetic: believable at a glance, not a photograph.
 */
import type { Building } from './buildings.ts';
import { fbm, hashNoise } from './noise.ts';
import { LAND_COVER_BY_CODE, LAND_COVER_CLASSES, rasterizeLandCover, type LandCoverInputs } from './land-cover.ts';
import { convexHull, type Point } from './geometry.ts';
import { fillCorridor, fillPolygon } from './rasterize.ts';
import type { RasterGrid } from './raster-grid.ts';
import type { Road } from './road-network.ts';

export interface OrthophotoOptions {
  /** Sun azimuth (degrees clockwise from north) and elevation for shading and shadows. */
  sunAzimuth: number;
  sunElevation: number;
}

export const ORTHOPHOTO_DEFAULTS: OrthophotoOptions = { sunAzimuth: 135, sunElevation: 55 };

const ROOF_COLOURS: Array<[number, number, number]> = [
  [176, 172, 166], [150, 146, 140], [196, 190, 180], [160, 92, 70], [120, 118, 120], [206, 204, 198], [98, 124, 150], [140, 130, 118],
];

export interface OrthophotoInputs extends LandCoverInputs {
  fullRoads: readonly Road[];
}

export function renderOrthophoto(grid: RasterGrid, input: OrthophotoInputs, options: Partial<OrthophotoOptions> = {}): Uint8Array {
  const o = { ...ORTHOPHOTO_DEFAULTS, ...options };
  const { nx, ny, cellSize } = grid;
  const classes = rasterizeLandCover(grid, input);
  const rgb = new Uint8Array(nx * ny * 3);
  const { demGrid, dem, seed } = input;
  const ratio = demGrid.cellSize / cellSize;
  const az = (o.sunAzimuth * Math.PI) / 180;
  const sx = Math.sin(az);
  const sy = Math.cos(az);
  const C = LAND_COVER_CLASSES;
  for (let j = 0; j < ny; j++) {
    const y = grid.north - (j + 0.5) * cellSize;
    const jd = Math.min(demGrid.ny - 2, Math.max(1, Math.floor(j / ratio)));
    for (let i = 0; i < nx; i++) {
      const k = i + j * nx;
      const x = grid.west + (i + 0.5) * cellSize;
      const id = Math.min(demGrid.nx - 2, Math.max(1, Math.floor(i / ratio)));
      const kd = id + jd * demGrid.nx;
      // Hill shading: slope towards the sun brightens (gradient in m/m, x east, y north).
      const gx = (dem[kd + 1] - dem[kd - 1]) / (2 * demGrid.cellSize);
      const gy = (dem[kd - demGrid.nx] - dem[kd + demGrid.nx]) / (2 * demGrid.cellSize);
      const shade = Math.max(0.55, Math.min(1.25, 1 + 0.9 * (gx * sx + gy * sy)));
      const c = classes[k];
      const base = LAND_COVER_BY_CODE[c].colour;
      const grain = hashNoise(i, j, seed) - 0.5;
      let r = base[0];
      let g = base[1];
      let b = base[2];
      let t = grain * 14;
      if (c === C.farmland.code) {
        // Field patchwork in 40 × 25 m strips, each with its own crop tone.
        const field = hashNoise(Math.floor((x + 0.3 * y) / 40), Math.floor(y / 25), seed + 3);
        r += (field - 0.5) * 50;
        g += (field - 0.5) * 30 + 8;
        b += (field - 0.5) * 20;
      } else if (c === C.forest.code || c === C.park.code || c === C.urbanOpen.code) {
        // Tree crowns: bright/dark blobs a few metres across.
        const crown = fbm(x, y, 7, 2, seed + 5);
        t += crown * (c === C.urbanOpen.code ? 40 : 70);
        if (c === C.urbanOpen.code && crown > 0.12) {
          r = 84; g = 112; b = 66;
        }
      } else if (c === C.water.code) {
        const swirl = fbm(x, y, 120, 3, seed + 9);
        t = swirl * 24 + grain * 4;
      } else if (c === C.denseUrban.code || c === C.industrialYard.code) {
        t += fbm(x, y, 15, 2, seed + 11) * 30;
      }
      rgb[3 * k] = clamp((r + t) * shade);
      rgb[3 * k + 1] = clamp((g + t) * shade);
      rgb[3 * k + 2] = clamp((b + t) * shade);
    }
  }
  const paint = (k: number, col: readonly number[], alpha = 1) => {
    rgb[3 * k] = clamp(rgb[3 * k] * (1 - alpha) + col[0] * alpha);
    rgb[3 * k + 1] = clamp(rgb[3 * k + 1] * (1 - alpha) + col[1] * alpha);
    rgb[3 * k + 2] = clamp(rgb[3 * k + 2] * (1 - alpha) + col[2] * alpha);
  };
  // Bridge decks over the water, then road markings on wide roads.
  for (const road of input.fullRoads) {
    for (let s = 0; s + 1 < road.line.length; s++) {
      const a = road.line[s];
      const b = road.line[s + 1];
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (road.bridge) fillCorridor(grid, a, b, road.width / 2, (k, d) => paint(k, d > road.width / 2 - 1 ? [200, 198, 190] : [104, 104, 108]));
      if (road.width >= 14) {
        fillCorridor(grid, a, b, 0.6, (k, _d, tt) => {
          if (Math.floor((tt * len) / 4) % 2 === 0) paint(k, [228, 226, 214], 0.85);
        });
      }
    }
  }
  // Railway: ballast bed across the rivers too (bridges), two tracks of dark rails.
  const rail = input.plan.railway.line;
  for (let s = 0; s + 1 < rail.length; s++) {
    fillCorridor(grid, rail[s], rail[s + 1], 3.5, (k, d) => paint(k, d < 0.5 || (d > 1.9 && d < 2.6) ? [52, 48, 46] : [116, 104, 94]));
  }
  // Shadows away from the sun (length = height / tan(elevation)), then roofs.
  const reach = 1 / Math.tan((o.sunElevation * Math.PI) / 180);
  const building = C.building.code;
  for (const bl of input.buildings) {
    const dx = -sx * bl.height * reach;
    const dy = -sy * bl.height * reach;
    const shadow = convexHull([...bl.ring, ...bl.ring.map((p) => [p[0] + dx, p[1] + dy] as Point)]);
    fillPolygon(grid, shadow, (k) => { if (classes[k] !== building) paint(k, [20, 22, 26], 0.45); });
  }
  input.buildings.forEach((bl: Building, n) => {
    const roof = ROOF_COLOURS[Math.floor(hashNoise(n, 7, seed) * ROOF_COLOURS.length)];
    const tone = (hashNoise(n, 11, seed) - 0.5) * 24;
    fillPolygon(grid, bl.ring, (k) => paint(k, [roof[0] + tone, roof[1] + tone, roof[2] + tone]));
  });
  return rgb;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
