/**
 * From a scenario and its rasters to the solver's inputs: one flat array per field on the DEM grid,
 * boundary codes per edge face, time series and cell sources. Pure (rasters are passed in already read);
 * every error names the input it is about.
 */
import { BoundaryCode } from './solver/state.ts';
import type { CellSources, SolverParams } from './solver/local-inertial.ts';
import type { ForcingModel, SeriesData } from './solver/forcing.ts';
import { FloodInputError, checkSameGrid, isNodata, type Raster } from './raster.ts';
import { chicagoHyetograph, stormPreset, CHICAGO_DEFAULTS, type StormFormula } from './rain/design-storm.ts';
import { inverseDistanceWeights } from './rain/idw.ts';
import type { Scenario } from './scenario.ts';

export interface FloodModel {
  name: string;
  nx: number;
  ny: number;
  /** Cell size (m); west and north edges (m) in `crs`. */
  dx: number;
  x0: number;
  y0: number;
  crs?: string;
  z: Float32Array;
  manning: Float32Array;
  open: Float32Array;
  rainFactor: Float32Array;
  h0: Float32Array;
  bcType: Uint8Array;
  bcValue: Float32Array;
  forcing: ForcingModel;
  gaugeWeights: Float32Array;
  sources: CellSources;
  duration: number;
  outputInterval: number;
  params: SolverParams;
}

export const SOLVER_DEFAULTS = {
  g: 9.81,
  theta: 0.8,
  hMin: 1e-3,
  cfl: 0.7,
  dtMax: 10,
  hVelocity: 0.01,
  advection: true,
  hAdvection: 0.01,
  /** Overland flow never reaches 50 m/s; a run that does has gone unstable. */
  uLimit: 50,
  wetThreshold: 0.01,
  /** GB 50014: 0.15 m of water on a road is the ponding limit. */
  pondingDepth: 0.15,
  /** Hazard rating HR = d (v + 0.5) + DF (Defra/EA FD2321/TR1 2006); urban debris factor 1 above 0.25 m. */
  debrisFactor: 1,
  debrisDepth: 0.25,
} as const;

/** mm/h → m/s */
const MM_PER_H = 1 / 3.6e6;

/** Reads a raster a scenario refers to (by path or field name); supplied by the I/O adapter or a test. */
export type RasterSource = (ref: string, field: string) => Raster;

function checkSeries(pairs: [number, number][], input: string, opts: { nonNegative?: boolean } = {}): void {
  for (let k = 0; k < pairs.length; k++) {
    const [t, v] = pairs[k];
    if (!Number.isFinite(t) || !Number.isFinite(v)) throw new FloodInputError(input, `entry ${k} is not finite: [${t}, ${v}]`);
    if (k > 0 && !(t > pairs[k - 1][0])) {
      throw new FloodInputError(input, `times must increase strictly: entry ${k} has t = ${t} s after t = ${pairs[k - 1][0]} s`);
    }
    if (opts.nonNegative && v < 0) throw new FloodInputError(input, `entry ${k} is negative (${v}) at t = ${t} s`);
  }
}

function toSeries(pairs: [number, number][], kind: SeriesData['kind'], scale = 1): SeriesData {
  return { t: Float64Array.from(pairs, (p) => p[0]), v: Float64Array.from(pairs, (p) => p[1] * scale), kind };
}

/** Nodata connected to the raster's edge is outside the domain; nodata inside is a hole (an error). */
function outsideMask(dem: Raster): Uint8Array {
  const { nx, ny } = dem;
  const outside = new Uint8Array(nx * ny);
  const stack: number[] = [];
  const push = (c: number) => {
    if (outside[c] === 0 && isNodata(dem, dem.data[c])) {
      outside[c] = 1;
      stack.push(c);
    }
  };
  for (let i = 0; i < nx; i++) {
    push(i);
    push(i + (ny - 1) * nx);
  }
  for (let j = 0; j < ny; j++) {
    push(j * nx);
    push(nx - 1 + j * nx);
  }
  while (stack.length) {
    const c = stack.pop()!;
    const i = c % nx, j = (c - i) / nx;
    if (i > 0) push(c - 1);
    if (i < nx - 1) push(c + 1);
    if (j > 0) push(c - nx);
    if (j < ny - 1) push(c + nx);
  }
  let holes = 0, first = -1;
  for (let c = 0; c < nx * ny; c++) {
    if (outside[c] === 0 && isNodata(dem, dem.data[c])) {
      holes++;
      if (first < 0) first = c;
    }
  }
  if (holes > 0) {
    throw new FloodInputError(dem.name, `${holes} nodata/NaN cell(s) inside the DEM, first at column ${first % nx}, row ${Math.floor(first / nx)}; fill the holes before simulating`);
  }
  return outside;
}

function perCell(
  value: number | { raster: string } | { landUse: string; table: Record<string, number> },
  dem: Raster, rasters: RasterSource, field: string, outside: Uint8Array,
): Float32Array {
  const out = new Float32Array(dem.nx * dem.ny);
  if (typeof value === 'number') return out.fill(value);
  const ref = 'raster' in value ? value.raster : value.landUse;
  const r = rasters(ref, field);
  checkSameGrid(dem, r);
  for (let c = 0; c < out.length; c++) {
    if (outside[c]) continue;
    const v = r.data[c];
    if (isNodata(r, v)) throw new FloodInputError(r.name, `nodata at column ${c % dem.nx}, row ${Math.floor(c / dem.nx)} inside the DEM`);
    if ('table' in value) {
      const mapped = value.table[String(Math.round(v))];
      if (mapped === undefined) throw new FloodInputError(`${field}.table`, `no entry for land-use class ${Math.round(v)} (from ${r.name})`);
      out[c] = mapped;
    } else {
      if (v < 0) throw new FloodInputError(r.name, `negative value ${v} at column ${c % dem.nx}, row ${Math.floor(c / dem.nx)}`);
      out[c] = v;
    }
  }
  return out;
}

/** Point-in-polygon by ray casting on [x, y] rings (GeoJSON outer ring + holes). */
function inPolygon(x: number, y: number, rings: number[][][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a], [xb, yb] = ring[b];
      if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
    }
  }
  return inside;
}

/** Marks cells whose centres fall in GeoJSON Polygon/MultiPolygon features (coordinates in the DEM's CRS). */
export function rasterizeFootprints(geojson: unknown, dem: { nx: number; ny: number; dx: number; x0: number; y0: number }, name: string): Uint8Array {
  const out = new Uint8Array(dem.nx * dem.ny);
  const fc = geojson as { type?: string; features?: { geometry?: { type: string; coordinates: unknown } }[] };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new FloodInputError(name, 'expected a GeoJSON FeatureCollection');
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    const polys = g.type === 'Polygon' ? [g.coordinates as number[][][]] : g.type === 'MultiPolygon' ? (g.coordinates as number[][][][]) : [];
    for (const rings of polys) {
      let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
      for (const [x, y] of rings[0]) {
        xmin = Math.min(xmin, x); xmax = Math.max(xmax, x); ymin = Math.min(ymin, y); ymax = Math.max(ymax, y);
      }
      const i0 = Math.max(0, Math.floor((xmin - dem.x0) / dem.dx)), i1 = Math.min(dem.nx - 1, Math.ceil((xmax - dem.x0) / dem.dx));
      const j0 = Math.max(0, Math.floor((dem.y0 - ymax) / dem.dx)), j1 = Math.min(dem.ny - 1, Math.ceil((dem.y0 - ymin) / dem.dx));
      for (let j = j0; j <= j1; j++) {
        for (let i = i0; i <= i1; i++) {
          if (inPolygon(dem.x0 + (i + 0.5) * dem.dx, dem.y0 - (j + 0.5) * dem.dx, rings)) out[i + j * dem.nx] = 1;
        }
      }
    }
  }
  return out;
}

/** Cell of a world point, or an error naming the input when it is off the grid. */
function cellAt(m: { nx: number; ny: number; dx: number; x0: number; y0: number }, x: number, y: number, input: string): number {
  const i = Math.floor((x - m.x0) / m.dx), j = Math.floor((m.y0 - y) / m.dx);
  if (i < 0 || j < 0 || i >= m.nx || j >= m.ny) throw new FloodInputError(input, `point (${x}, ${y}) is outside the DEM`);
  return i + j * m.nx;
}

/** Cells crossed by a polyline, sampled every quarter cell (each cell once, in order). */
function cellsOnLine(m: { nx: number; ny: number; dx: number; x0: number; y0: number }, line: [number, number][], input: string): number[] {
  const cells: number[] = [];
  const seen = new Set<number>();
  for (let s = 0; s + 1 < line.length; s++) {
    const [xa, ya] = line[s], [xb, yb] = line[s + 1];
    const n = Math.max(1, Math.ceil((4 * Math.hypot(xb - xa, yb - ya)) / m.dx));
    for (let k = 0; k <= n; k++) {
      const c = cellAt(m, xa + ((xb - xa) * k) / n, ya + ((yb - ya) * k) / n, input);
      if (!seen.has(c)) {
        seen.add(c);
        cells.push(c);
      }
    }
  }
  return cells;
}

/** Builds the solver's model from a validated scenario; `rasters` reads the files it names. */
export function buildModel(s: Scenario, rasters: RasterSource, geojson: (ref: string) => unknown = () => {
  throw new Error('no GeoJSON reader');
}): FloodModel {
  const dem = rasters(s.dem, 'dem');
  if (Math.abs(dem.dx - dem.dy) > 1e-9 * dem.dx) throw new FloodInputError(dem.name, `cells must be square, found ${dem.dx} x ${dem.dy} m`);
  if (s.crs && dem.crs && s.crs !== dem.crs) throw new FloodInputError('crs', `scenario CRS ${s.crs} does not match the DEM's ${dem.crs} (${dem.name})`);
  const { nx, ny } = dem;
  const cells = nx * ny;
  const grid = { nx, ny, dx: dem.dx, x0: dem.x0, y0: dem.y0 };
  const outside = outsideMask(dem);
  const z = new Float32Array(cells);
  const open = new Float32Array(cells);
  let zMin = Infinity, zMax = -Infinity;
  for (let c = 0; c < cells; c++) {
    if (outside[c]) continue;
    z[c] = dem.data[c];
    open[c] = 1;
    zMin = Math.min(zMin, z[c]);
    zMax = Math.max(zMax, z[c]);
  }
  if (zMin === Infinity) throw new FloodInputError(dem.name, 'the DEM has no data cells');
  for (let c = 0; c < cells; c++) if (outside[c]) z[c] = zMax;

  const manning = perCell(s.manning, dem, rasters, 'manning', outside);

  if (s.buildings) {
    const b = s.buildings;
    let mask: Uint8Array;
    if (b.raster) {
      const r = rasters(b.raster, 'buildings.raster');
      checkSameGrid(dem, r);
      mask = Uint8Array.from(r.data, (v) => (isNodata(r, v) || v === 0 ? 0 : 1));
    } else if (b.geojson) {
      mask = rasterizeFootprints(geojson(b.geojson), grid, b.geojson);
    } else {
      throw new FloodInputError('buildings', 'give a raster or a geojson file of footprints');
    }
    if (b.mode === 'raised' && !(b.height && b.height > 0)) throw new FloodInputError('buildings.height', 'raised buildings need a positive height (m)');
    for (let c = 0; c < cells; c++) {
      if (!mask[c]) continue;
      if (b.mode === 'blocked') open[c] = 0;
      else z[c] += b.height!;
    }
  }

  // Losses: runoff coefficient per cell (rainFactor = C × open) or Horton infiltration.
  const rainFactor = new Float32Array(cells);
  let horton: ForcingModel['horton'] = null;
  const L = s.losses;
  if (L && L.type === 'runoff-coefficient') {
    const coef = L.landUse
      ? perCell({ landUse: L.landUse, table: L.table ?? {} }, dem, rasters, 'losses', outside)
      : new Float32Array(cells).fill(L.coefficient ?? 1);
    for (let c = 0; c < cells; c++) rainFactor[c] = coef[c] * open[c];
  } else {
    rainFactor.set(open);
    if (L && L.type === 'horton') {
      if (L.f0 < L.fc) throw new FloodInputError('losses.f0', `Horton f0 (${L.f0} mm/h) must not be below fc (${L.fc} mm/h)`);
      horton = { f0: L.f0 * MM_PER_H, fc: L.fc * MM_PER_H, k: L.k / 3600 };
    }
  }

  // Initial water.
  const h0 = new Float32Array(cells);
  if (s.initialWater) {
    const w = s.initialWater;
    if (w.depth !== undefined) h0.set(perCell(w.depth, dem, rasters, 'initialWater.depth', outside));
    if (w.level !== undefined) for (let c = 0; c < cells; c++) h0[c] = Math.max(h0[c], w.level - z[c]);
    for (let c = 0; c < cells; c++) h0[c] *= open[c];
  }

  // Time series: boundaries' stages, inflows, rain.
  const series: SeriesData[] = [];
  const events: number[] = [];

  const bcType = new Uint8Array(2 * (nx + ny));
  const bcValue = new Float32Array(2 * (nx + ny));
  const bdef = s.boundaries ?? { default: 'closed' as const, edges: [] };
  const edgeFaces = (edge: 'west' | 'east' | 'north' | 'south', from?: number, to?: number): { face: number; cell: number; inner: number }[] => {
    const out: { face: number; cell: number; inner: number }[] = [];
    const vertical = edge === 'west' || edge === 'east';
    const count = vertical ? ny : nx;
    for (let k = 0; k < count; k++) {
      const coord = vertical ? dem.y0 - (k + 0.5) * dem.dx : dem.x0 + (k + 0.5) * dem.dx;
      const lo = Math.min(from ?? -Infinity, to ?? Infinity), hi = Math.max(from ?? -Infinity, to ?? Infinity);
      if (coord < lo || coord > hi) continue;
      if (edge === 'west') out.push({ face: k, cell: k * nx, inner: k * nx + Math.min(1, nx - 1) });
      if (edge === 'east') out.push({ face: ny + k, cell: k * nx + nx - 1, inner: k * nx + Math.max(0, nx - 2) });
      if (edge === 'north') out.push({ face: 2 * ny + k, cell: k, inner: k + Math.min(1, ny - 1) * nx });
      if (edge === 'south') out.push({ face: 2 * ny + nx + k, cell: k + (ny - 1) * nx, inner: k + Math.max(0, ny - 2) * nx });
    }
    return out;
  };
  /** Free outflow slope: given, or the bed slope falling towards the edge, at least 1e-4. */
  const freeSlope = (cell: number, inner: number, given?: number) => given ?? Math.max(1e-4, (z[inner] - z[cell]) / dem.dx);
  const setEdge = (type: 'closed' | 'free' | 'stage', edge: 'west' | 'east' | 'north' | 'south', opts: { from?: number; to?: number; slope?: number; seriesIndex?: number }) => {
    for (const { face, cell, inner } of edgeFaces(edge, opts.from, opts.to)) {
      bcType[face] = BoundaryCode[type];
      bcValue[face] = type === 'free' ? freeSlope(cell, inner, opts.slope) : type === 'stage' ? opts.seriesIndex! : 0;
    }
  };
  for (const edge of ['west', 'east', 'north', 'south'] as const) setEdge(bdef.default, edge, { slope: 'slope' in bdef ? bdef.slope : undefined });
  (bdef.edges ?? []).forEach((e, k) => {
    let seriesIndex: number | undefined;
    if (e.type === 'stage') {
      if (!e.stage) throw new FloodInputError(`boundaries.edges.${k}.stage`, 'a stage boundary needs [t, level] pairs');
      checkSeries(e.stage, `boundaries.edges.${k}.stage`);
      seriesIndex = series.push(toSeries(e.stage, 'linear')) - 1;
    }
    setEdge(e.type, e.edge, { from: e.from, to: e.to, slope: e.slope, seriesIndex });
  });

  const srcCell: number[] = [], srcSeries: number[] = [], srcShare: number[] = [];
  s.inflows.forEach((inf, k) => {
    const input = `inflows.${k}${inf.name ? ` (${inf.name})` : ''}`;
    checkSeries(inf.hydrograph, `${input}.hydrograph`);
    const idx = series.push(toSeries(inf.hydrograph, 'linear')) - 1;
    const cellsHit = inf.point ? [cellAt(grid, inf.point[0], inf.point[1], input)] : inf.line ? cellsOnLine(grid, inf.line, input) : [];
    if (cellsHit.length === 0) throw new FloodInputError(input, 'give a point [x, y] or a line [[x, y], ...]');
    for (const c of cellsHit) {
      if (!open[c]) throw new FloodInputError(input, `cell (column ${c % nx}, row ${Math.floor(c / nx)}) is blocked or outside the DEM`);
      srcCell.push(c);
      srcSeries.push(idx);
      srcShare.push(1 / cellsHit.length);
    }
  });
  const order = srcCell.map((_, k) => k).sort((a, b) => srcCell[a] - srcCell[b] || a - b);

  let rainSeries = -1;
  const gaugeSeries: number[] = [];
  let gaugeWeights: Float32Array = new Float32Array(0);
  const addRain = (pairs: [number, number][], input: string): number => {
    checkSeries(pairs, input, { nonNegative: true });
    const last = pairs[pairs.length - 1];
    const closed: [number, number][] = last[1] === 0 ? pairs : [...pairs, [s.duration + last[0] + 1, 0]];
    for (const [t] of closed) events.push(t);
    return series.push(toSeries(closed, 'step', MM_PER_H)) - 1;
  };
  if (s.rain) {
    const r = s.rain;
    if (r.type === 'uniform') rainSeries = addRain(r.hyetograph, 'rain.hyetograph');
    else if (r.type === 'gauges') {
      r.gauges.forEach((g, k) => gaugeSeries.push(addRain(g.hyetograph, `rain.gauges.${k}${g.name ? ` (${g.name})` : ''}.hyetograph`)));
      gaugeWeights = inverseDistanceWeights(grid, r.gauges, r.power ?? 2);
    } else {
      const formula: StormFormula = r.formula ?? (r.preset ? stormPreset(r.preset) : (() => {
        throw new FloodInputError('rain', 'a design storm needs a preset or a formula');
      })());
      const hy = chicagoHyetograph(formula, { returnPeriod: r.returnPeriod, duration: r.duration, peak: r.peak ?? CHICAGO_DEFAULTS.peak, step: r.step ?? CHICAGO_DEFAULTS.step });
      const pairs = hy.t.map((t, k): [number, number] => [t, hy.intensity[k] / MM_PER_H]);
      pairs.push([r.duration, 0]);
      rainSeries = addRain(pairs, 'rain');
    }
  }

  let hInit = 0;
  for (let c = 0; c < cells; c++) hInit = Math.max(hInit, h0[c]);
  let stageTop = -Infinity, hBoundary = 0;
  for (let f = 0; f < bcType.length; f++) {
    if (bcType[f] !== BoundaryCode.stage) continue;
    const side = f < ny ? 0 : f < 2 * ny ? 1 : f < 2 * ny + nx ? 2 : 3;
    const k = side === 0 ? f : side === 1 ? f - ny : side === 2 ? f - 2 * ny : f - 2 * ny - nx;
    const cell = side === 0 ? k * nx : side === 1 ? k * nx + nx - 1 : side === 2 ? k : k + (ny - 1) * nx;
    for (const v of series[bcValue[f]].v) {
      stageTop = Math.max(stageTop, v);
      hBoundary = Math.max(hBoundary, v - z[cell]);
    }
  }
  const params: SolverParams = {
    nx, ny, dx: dem.dx,
    g: SOLVER_DEFAULTS.g,
    theta: s.solver?.theta ?? SOLVER_DEFAULTS.theta,
    hMin: s.solver?.hMin ?? SOLVER_DEFAULTS.hMin,
    cfl: s.solver?.cfl ?? SOLVER_DEFAULTS.cfl,
    dtMax: s.solver?.dtMax ?? SOLVER_DEFAULTS.dtMax,
    hVelocity: SOLVER_DEFAULTS.hVelocity,
    advection: (s.solver?.advection ?? SOLVER_DEFAULTS.advection) ? 1 : 0,
    hAdvection: s.solver?.hAdvection ?? SOLVER_DEFAULTS.hAdvection,
    wetThreshold: s.outputs?.wetThreshold ?? SOLVER_DEFAULTS.wetThreshold,
    pondingDepth: s.outputs?.pondingDepth ?? SOLVER_DEFAULTS.pondingDepth,
    // A depth no sound run reaches here: relief + initial water + 100 m (+ stages); beyond it the run stops.
    hLimit: zMax - zMin + hInit + 100 + (Number.isFinite(stageTop) ? Math.max(0, stageTop - zMin) : 0),
    uLimit: SOLVER_DEFAULTS.uLimit,
    hBoundary,
    debrisFactor: SOLVER_DEFAULTS.debrisFactor,
    debrisDepth: SOLVER_DEFAULTS.debrisDepth,
  };
  return {
    name: s.name ?? 'flood',
    nx, ny, dx: dem.dx, x0: dem.x0, y0: dem.y0, ...(dem.crs || s.crs ? { crs: dem.crs ?? s.crs } : {}),
    z, manning, open, rainFactor, h0, bcType, bcValue,
    forcing: { series, rainSeries, gaugeSeries, horton, events: Float64Array.from(new Set(events)).sort() },
    gaugeWeights,
    sources: {
      cell: Int32Array.from(order, (k) => srcCell[k]),
      series: Int32Array.from(order, (k) => srcSeries[k]),
      share: Float64Array.from(order, (k) => srcShare[k]),
    },
    duration: s.duration,
    outputInterval: s.outputInterval ?? Math.min(s.duration, 300),
    params,
  };
}
