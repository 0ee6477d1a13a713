/**
 * A SWMM 5 network (`.inp`, read by flood-sim's parser) as pipe, manhole and outfall features:
 * junctions and storage units become manholes (rim = invert + max depth), conduits pipes with
 * their SWMM cross-sections, inverts from the node inverts plus the link offsets (LINK_OFFSETS
 * DEPTH or ELEVATION), geometry from [COORDINATES] and [VERTICES]. US-unit files (CFS, GPM, MGD)
 * have elevations and sizes in feet: they are converted to metres. Coordinates stay in the CRS
 * the caller names (they are the map coordinates of that CRS, whatever its unit).
 */
import { parseFeature, type Manhole, type Outfall, type Pipe, type PipeNetwork } from '../../cim-model/index.ts';
import { parseInp, unitFactors, type FlowUnits } from '../../flood-sim/index.ts';

export interface SwmmNetworkOptions {
  file?: string;
  network?: PipeNetwork;
  dataset?: string;
}

export class SwmmNetworkError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'SwmmNetworkError';
  }
}

/** SWMM XSECTIONS shapes → cim-model section (geom1 = full height or diameter, geom2 = width). */
function section(shape: string, g: number[], ft: number, barrels: number): Record<string, unknown> {
  const h = g[0] * ft, w = (g[1] ?? 0) * ft;
  switch (shape.toUpperCase()) {
    case 'CIRCULAR': case 'FORCE_MAIN': case 'FILLED_CIRCULAR':
      return { shape: 'circular', diameter: h, barrels };
    case 'RECT_CLOSED': case 'RECT_ROUND': case 'MODBASKETHANDLE':
      return { shape: 'box', width: w || h, height: h, barrels };
    case 'RECT_OPEN': case 'RECT_TRIANGULAR':
      return { shape: 'rectangular', width: w || h, height: h, barrels };
    case 'TRAPEZOIDAL': case 'TRIANGULAR': case 'PARABOLIC': case 'POWER': case 'IRREGULAR': case 'STREET':
      return { shape: 'trapezoidal', width: w || 2 * h, height: h, barrels };
    case 'EGG':
      return { shape: 'egg', width: (2 / 3) * h, height: h, barrels };
    case 'HORSESHOE': case 'GOTHIC': case 'CATENARY': case 'SEMIELLIPTICAL': case 'BASKETHANDLE': case 'SEMICIRCULAR':
      return { shape: 'horseshoe', width: w || h, height: h, barrels };
    case 'ARCH':
      return { shape: 'arch', width: w || h, height: h, barrels };
    default:
      return { shape: 'other', width: w || h, height: h, barrels };
  }
}

export function swmmToFeatures(text: string, options: SwmmNetworkOptions = {}): { features: Array<Pipe | Manhole | Outfall>; flowUnits: FlowUnits } {
  const file = options.file ?? 'model.inp';
  const network = options.network ?? 'storm';
  const model = parseInp(text, { file });
  const opt = (k: string) => model.options.find((o) => o.key.toUpperCase() === k)?.value.toUpperCase();
  const flowUnits = (opt('FLOW_UNITS') ?? 'CFS') as FlowUnits;
  // Elevations and sizes: feet in US files, metres in SI files.
  const ft = unitFactors(flowUnits).isSI ? 1 : 0.3048;
  const offsetsAreElevations = opt('LINK_OFFSETS') === 'ELEVATION';
  const xy = new Map<string, [number, number]>();
  const vertices = new Map<string, Array<[number, number]>>();
  for (const sec of model.raw) {
    if (sec.name === 'COORDINATES') for (const r of sec.rows) xy.set(r.tokens[0], [Number(r.tokens[1]), Number(r.tokens[2])]);
    if (sec.name === 'VERTICES') for (const r of sec.rows) vertices.set(r.tokens[0], [...(vertices.get(r.tokens[0]) ?? []), [Number(r.tokens[1]), Number(r.tokens[2])]]);
  }
  const source = (line: number) => ({ dataset: options.dataset ?? 'SWMM', file, ref: `line ${line}` });
  const at = (name: string, line: number) => {
    const p = xy.get(name);
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new SwmmNetworkError(file, line, `node '${name}' has no [COORDINATES] entry`);
    return p;
  };
  const invert = new Map<string, number>();
  const features: Array<Pipe | Manhole | Outfall> = [];
  const nodes = [...model.junctions.map((j) => ({ ...j, kind: 'manhole' as const })), ...model.storage.map((s) => ({ ...s, pondedArea: 0, kind: 'storage' as const }))];
  for (const j of nodes) {
    invert.set(j.name, j.elevation * ft);
    features.push(parseFeature({
      type: 'manhole', id: j.name, source: source(j.line), network, kind: j.kind,
      geometry: { type: 'Point', coordinates: at(j.name, j.line) },
      invertElevation: j.elevation * ft, rimElevation: (j.elevation + Math.max(j.maxDepth, 0.01)) * ft,
      ...(j.pondedArea > 0 ? { pondedArea: j.pondedArea * ft * ft } : {}),
    }, { file }) as Manhole);
  }
  for (const o of model.outfalls) {
    invert.set(o.name, o.elevation * ft);
    const type = o.type.toUpperCase();
    const boundary = type === 'FIXED' ? 'fixed' : type === 'NORMAL' ? 'normal' : type === 'TIDAL' ? 'tidal' : type === 'TIMESERIES' ? 'timeseries' : 'free';
    features.push(parseFeature({
      type: 'outfall', id: o.name, source: source(o.line), network, geometry: { type: 'Point', coordinates: at(o.name, o.line) },
      invertElevation: o.elevation * ft, boundary, flapGate: o.gated,
      ...(boundary === 'fixed' ? { fixedStage: Number(o.stageData) * ft } : {}),
    }, { file }) as Outfall);
  }
  const xs = new Map(model.xsections.map((x) => [x.link, x]));
  for (const c of model.conduits) {
    const x = xs.get(c.name);
    if (!x) throw new SwmmNetworkError(file, c.line, `conduit '${c.name}' has no [XSECTIONS] entry`);
    const up = invert.get(c.from), down = invert.get(c.to);
    if (up === undefined || down === undefined) throw new SwmmNetworkError(file, c.line, `conduit '${c.name}': node '${up === undefined ? c.from : c.to}' is not a junction, storage unit or outfall`);
    const coords = [at(c.from, c.line), ...(vertices.get(c.name) ?? []), at(c.to, c.line)];
    features.push(parseFeature({
      type: 'pipe', id: c.name, source: source(c.line), network, geometry: { type: 'LineString', coordinates: coords },
      section: section(x.shape, x.geom, ft, x.barrels),
      fromNode: c.from, toNode: c.to, length: c.length * ft,
      upstreamInvert: offsetsAreElevations ? c.inOffset * ft : up + c.inOffset * ft,
      downstreamInvert: offsetsAreElevations ? c.outOffset * ft : down + c.outOffset * ft,
      roughness: c.roughness,
    }, { file }) as Pipe);
  }
  return { features, flowUnits };
}
