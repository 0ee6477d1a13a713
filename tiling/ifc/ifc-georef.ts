/**
 * Where an IFC model's engineering coordinates (web-ifc world frame, metres, z up) land on Earth,
 * in order of preference:
 * 1. IfcMapConversion → IfcProjectedCRS (IFC4, IFC4X3; IFC2X3 through the ePSet_MapConversion /
 *    ePSet_ProjectedCRS property sets of the buildingSMART georeferencing guide, LoGeoRef 50):
 *      E = Eastings  + Sx·(a·x − b·y)
 *      N = Northings + Sy·(b·x + a·y)        (a, b) = (XAxisAbscissa, XAxisOrdinate) normalised
 *      H = OrthogonalHeight + Sz·z
 *    with x, y, z in project length units and E, N, H in map units (IfcProjectedCRS.MapUnit,
 *    the project unit when absent). Sx = Sy = Scale, or the unit ratio project/map when Scale is
 *    absent; IFC4X3 RC files carry ScaleY, ScaleZ, IfcMapConversionScaled FactorX/Y/Z (applied on
 *    top of Scale). Sz = ScaleZ or the unit ratio: the grid scale factor is horizontal only.
 * 2. IfcSite RefLatitude / RefLongitude / RefElevation: a local east-north-up frame at the site
 *    placement's origin, rotated by the 'Model' context's TrueNorth.
 * 3. An explicit placement from the configuration (map CRS, origin, rotation).
 * Heights are explicit: map heights with a vertical datum (IfcProjectedCRS.VerticalDatum, a compound
 * EPSG code) and IfcSite.RefElevation (above sea level) are orthometric and need a geoid (h = H + N)
 * unless the caller declares them ellipsoidal.
 */
import { IFCGEOMETRICREPRESENTATIONCONTEXT, IFCMAPCONVERSION, IFCPROJECT, IFCSITE } from 'web-ifc';
import {
  CrsError, EnuFrame, VERTICAL_REGISTRY, createTransform, geoidUndulation, parseCrs,
  type CrsDefinition, type GeoidModel,
} from '../../cim-model/index.ts';
import { IfcImportError } from './ifc-import-error.ts';
import { namedUnitMetres } from './ifc-length-unit.ts';
import { stepNumber, stepNumbers, stepRef, stepRefs, stepString, type IfcModel } from './ifc-model.ts';
import type { PropertySetsById } from './ifc-property-sets.ts';

export type IfcGeorefSource = 'map-conversion' | 'site' | 'placement';

/** A placement given by configuration: model (0, 0, 0) lands at `origin` in `crs`. */
export interface IfcPlacementConfig {
  /** Map CRS, e.g. 'EPSG:4544' or 'EPSG:4544+5737'. */
  crs: string;
  /** [easting, northing, height] in `crs` units (m). */
  origin: [number, number, number];
  /** Model x axis, degrees counter-clockwise from grid east. */
  rotationDeg?: number;
  /** Horizontal scale from model metres to grid metres. */
  scale?: number;
}

export interface IfcGeorefOptions {
  /** Used when the file has no georeferencing, or always when `georefSource` is 'placement'. */
  placement?: IfcPlacementConfig;
  /** Force one source; 'auto' takes the first available of map conversion, site, placement. */
  georefSource?: 'auto' | IfcGeorefSource;
  /** What map / site heights are; default: orthometric when the file names a vertical datum or a site elevation. */
  heights?: 'orthometric' | 'ellipsoidal';
  /** Geoid for orthometric heights (h = H + N), e.g. `{ kind: 'constant', offset: -40.04 }`. */
  geoid?: GeoidModel;
}

export const IFC_GEOREF_DEFAULTS = { georefSource: 'auto' } as const satisfies IfcGeorefOptions;

/** Georeferencing of one model, with the per-vertex transformation to ECEF. */
export interface IfcGeoref {
  source: IfcGeorefSource;
  /** CRS of feature coordinates: the map CRS, or 'ENU:lat,lon,h' for a site reference. */
  crs: string;
  heights: 'orthometric' | 'ellipsoidal';
  verticalDatum?: string;
  /** Where engineering (0, 0, 0) lands in `crs` (site: the ENU coordinates of the engineering origin). */
  origin: [number, number, number];
  /** Engineering x axis, degrees counter-clockwise from grid east (site: from true east). */
  rotationDeg: number;
  /** Metres of map per metre of model along x, y, z. */
  scale: [number, number, number];
  /** Which entities were used, e.g. "IfcMapConversion #31 → IfcProjectedCRS #30 'EPSG:5834'". */
  detail: string;
  /** Engineering metres → `crs` coordinates. */
  toMap(x: number, y: number, z: number, out?: number[]): number[];
  /** Engineering metres (x, y, z triples) → ECEF metres (EPSG:4978), in place. */
  toEcef(xyz: Float64Array, count?: number): Float64Array;
}

interface MapConversionParams {
  eastings: number;
  northings: number;
  height: number;
  a: number;
  b: number;
  sx: number;
  sy: number;
  sz: number;
  /** Metres per map unit. */
  mapUnit: number;
}

const DEG = Math.PI / 180;

function rawArgs(model: IfcModel, id: number): unknown[] {
  return (model.api.GetRawLineData(model.modelID, id).arguments ?? []) as unknown[];
}

function rawNumber(arg: unknown): number | undefined {
  if (arg === null || arg === undefined) return undefined;
  const v = (arg as { value?: unknown }).value;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function rawString(arg: unknown): string | undefined {
  const v = arg && typeof arg === 'object' ? (arg as { value?: unknown }).value : undefined;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** 'EPSG:4544', 'EPSG 4544', 'epsg:4544', '4544' → 'EPSG:4544'; anything else unchanged (WKT, PROJ, URN). */
function normaliseCrsName(name: string): string {
  const m = /^\s*(?:EPSG\s*[: ]?\s*:?)?\s*(\d{4,6})\s*$/i.exec(name);
  return m ? `EPSG:${m[1]}` : name.trim();
}

/** A projected map CRS by name; eastings and northings in metres need one (not geographic or geocentric). */
function parseMapCrs(model: IfcModel, name: string, where: string): CrsDefinition {
  let def: CrsDefinition;
  try {
    def = parseCrs(normaliseCrsName(name));
  } catch (err) {
    if (err instanceof CrsError) throw new IfcImportError(model.file, 'georef', `${where} '${name}': ${err.message}`, { cause: err });
    throw err;
  }
  if (def.kind !== 'projected') {
    throw new IfcImportError(model.file, 'georef', `${where} '${name}': expected a projected CRS (eastings, northings in metres), found a ${def.kind} one (${def.name})`);
  }
  return def;
}

/** Applies the IFC vertical datum and the caller's height declaration to a map CRS. */
function withHeights(
  model: IfcModel, def: CrsDefinition, verticalDatum: string | undefined, options: IfcGeorefOptions, where: string,
): CrsDefinition {
  let out = def;
  if (verticalDatum && def.heights !== 'orthometric') {
    const code = /^\s*EPSG\s*:?\s*(\d+)\s*$/i.exec(verticalDatum)?.[1];
    if (code && VERTICAL_REGISTRY.has(Number(code)) && /^EPSG:\d+$/.test(def.id)) out = parseCrs(`${def.id}+${code}`);
    else out = { ...def, heights: 'orthometric', verticalDatum: { id: verticalDatum, name: verticalDatum } };
  }
  if (options.heights === 'ellipsoidal' && out.heights === 'orthometric') out = { ...out, heights: 'ellipsoidal', verticalDatum: undefined };
  if (options.heights === 'orthometric' && out.heights !== 'orthometric') {
    out = { ...out, heights: 'orthometric', verticalDatum: { id: 'unspecified', name: 'unspecified gravity-related height' } };
  }
  if (out.heights === 'orthometric' && !options.geoid) {
    throw new IfcImportError(model.file, 'georef',
      `${where}: heights are orthometric (${out.verticalDatum?.name ?? 'gravity-related'}); expected a geoid model in options.geoid ` +
        `(h = H + N, e.g. { kind: 'constant', offset: N }) or options.heights = 'ellipsoidal', found neither`);
  }
  return out;
}

function mapGeoref(
  model: IfcModel, source: 'map-conversion' | 'placement', def: CrsDefinition, p: MapConversionParams,
  options: IfcGeorefOptions, detail: string,
): IfcGeoref {
  const transformer = createTransform(def, 'EPSG:4978', { geoid: options.geoid });
  const { a, b, sx, sy, sz, mapUnit } = p;
  // All in metres: map unit × (offset + scale × model coordinate in model metres / unit ratio folded into s*).
  const e0 = p.eastings * mapUnit, n0 = p.northings * mapUnit, h0 = p.height * mapUnit;
  const kx = sx * mapUnit, ky = sy * mapUnit, kz = sz * mapUnit;
  const toMap = (x: number, y: number, z: number, out: number[] = [0, 0, 0]): number[] => {
    out[0] = e0 + kx * a * x - ky * b * y;
    out[1] = n0 + kx * b * x + ky * a * y;
    out[2] = h0 + kz * z;
    return out;
  };
  return {
    source, crs: def.id, heights: def.heights === 'orthometric' ? 'orthometric' : 'ellipsoidal', verticalDatum: def.verticalDatum?.id,
    origin: [e0, n0, h0], rotationDeg: Math.atan2(b, a) / DEG, scale: [kx, ky, kz], detail, toMap,
    toEcef(xyz, count = Math.floor(xyz.length / 3)) {
      for (let k = 0; k < count; k++) {
        const i = 3 * k, x = xyz[i], y = xyz[i + 1], z = xyz[i + 2];
        xyz[i] = e0 + kx * a * x - ky * b * y;
        xyz[i + 1] = n0 + kx * b * x + ky * a * y;
        xyz[i + 2] = h0 + kz * z;
      }
      try {
        return transformer.forwardArray(xyz, count);
      } catch (err) {
        throw new IfcImportError(model.file, 'georef', `transforming model coordinates from ${def.id} to ECEF: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}

function normalisedAxis(model: IfcModel, a: number | undefined, b: number | undefined, where: string): [number, number] {
  const x = a ?? 1, y = b ?? 0;
  const len = Math.hypot(x, y);
  if (!(len > 0)) throw new IfcImportError(model.file, 'georef', `${where}: expected XAxisAbscissa/XAxisOrdinate not both 0, found (${x}, ${y})`);
  return [x / len, y / len];
}

function fromMapConversion(model: IfcModel, unit: number, options: IfcGeorefOptions, contextId: number | undefined): IfcGeoref | undefined {
  const ids = model.idsOf(IFCMAPCONVERSION);
  if (ids.length === 0) return undefined;
  // The conversion whose SourceCRS is the 3D 'Model' context; else the first.
  const id = ids.find((c) => contextId !== undefined && rawNumber(rawArgs(model, c)[0]) === contextId) ?? ids[0];
  const args = rawArgs(model, id);
  const cls = model.className(id);
  const where = `${cls} #${id}`;
  const crsId = rawNumber(args[1]);
  if (crsId === undefined) throw new IfcImportError(model.file, 'georef', `${where}: expected a TargetCRS reference, found none`);
  const crsArgs = rawArgs(model, crsId);
  const crsName = rawString(crsArgs[0]);
  const crsWhere = `${model.className(crsId)} #${crsId} Name`;
  if (!crsName) throw new IfcImportError(model.file, 'georef', `${crsWhere}: expected a CRS name such as 'EPSG:4544', found none`);
  const verticalDatum = rawString(crsArgs[3]);
  const mapUnitId = rawNumber(crsArgs[6]);
  const mapUnit = mapUnitId !== undefined ? namedUnitMetres(model, mapUnitId) : unit;
  const eastings = rawNumber(args[2]), northings = rawNumber(args[3]), height = rawNumber(args[4]);
  if (eastings === undefined || northings === undefined || height === undefined) {
    throw new IfcImportError(model.file, 'georef', `${where}: expected numeric Eastings, Northings and OrthogonalHeight, found (${args.slice(2, 5).map((x) => rawString(x) ?? rawNumber(x) ?? '$').join(', ')})`);
  }
  const [a, b] = normalisedAxis(model, rawNumber(args[5]), rawNumber(args[6]), where);
  const ratio = unit / mapUnit;
  const scale = rawNumber(args[7]);
  let sx = scale ?? ratio, sy = sx, sz = ratio;
  if (cls === 'IfcMapConversionScaled') {
    sx *= rawNumber(args[8]) ?? 1;
    sy *= rawNumber(args[9]) ?? 1;
    sz = (scale ?? ratio) * (rawNumber(args[10]) ?? 1);
  } else if (args.length >= 10) {
    // IFC4X3 release candidates: Scale, ScaleY, ScaleZ per axis.
    sy = rawNumber(args[8]) ?? sx;
    sz = rawNumber(args[9]) ?? ratio;
  }
  // Scales multiply model coordinates in project units; the callers pass metres, so divide by the unit.
  const def = withHeights(model, parseMapCrs(model, crsName, crsWhere), verticalDatum, options, `${where} → ${crsWhere} '${crsName}'`);
  return mapGeoref(model, 'map-conversion', def,
    { eastings, northings, height, a, b, sx: sx / unit, sy: sy / unit, sz: sz / unit, mapUnit },
    options, `${where} → ${model.className(crsId)} #${crsId} '${crsName}'${verticalDatum ? ` (vertical ${verticalDatum})` : ''}`);
}

/** IFC2X3: ePSet_MapConversion + ePSet_ProjectedCRS on the IfcProject or IfcSite (buildingSMART georeferencing guide). */
function fromMapConversionPsets(model: IfcModel, unit: number, psets: PropertySetsById, options: IfcGeorefOptions): IfcGeoref | undefined {
  for (const id of [...model.idsOf(IFCPROJECT), ...model.idsOf(IFCSITE)]) {
    const conv = psets.get(id)?.ePSet_MapConversion;
    const crs = psets.get(id)?.ePSet_ProjectedCRS;
    if (!conv || !crs) continue;
    const where = `#${id} ePSet_MapConversion`;
    const name = typeof crs.Name === 'string' ? crs.Name : undefined;
    const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
    const eastings = num(conv.Eastings), northings = num(conv.Northings), height = num(conv.OrthogonalHeight);
    if (!name || eastings === undefined || northings === undefined || height === undefined) {
      throw new IfcImportError(model.file, 'georef', `${where}: expected Eastings, Northings, OrthogonalHeight and ePSet_ProjectedCRS.Name, found ${JSON.stringify({ ...conv, Name: name ?? null })}`);
    }
    const [a, b] = normalisedAxis(model, num(conv.XAxisAbscissa), num(conv.XAxisOrdinate), where);
    const s = num(conv.Scale) ?? 1;
    const vd = typeof crs.VerticalDatum === 'string' ? crs.VerticalDatum : undefined;
    const def = withHeights(model, parseMapCrs(model, name, `#${id} ePSet_ProjectedCRS.Name`), vd, options, where);
    return mapGeoref(model, 'map-conversion', def, { eastings, northings, height, a, b, sx: s / unit, sy: s / unit, sz: 1 / unit, mapUnit: unit },
      options, `${where} → ePSet_ProjectedCRS '${name}'`);
  }
  return undefined;
}

/** IfcCompoundPlaneAngleMeasure (degrees, minutes, seconds, millionths, each carrying the sign) → degrees. */
export function compoundAngleDegrees(parts: readonly number[]): number {
  const [d = 0, m = 0, s = 0, u = 0] = parts;
  return d + m / 60 + s / 3600 + u / 3.6e9;
}

/** Angle of true north from the engineering +y axis, counter-clockwise positive, from the 3D 'Model' context. */
function trueNorthAngle(model: IfcModel, contextId: number | undefined): number {
  if (contextId === undefined) return 0;
  const dirId = stepRef(model.line(contextId).TrueNorth);
  if (dirId === undefined) return 0;
  const [x = 0, y = 1] = stepNumbers(model.line(dirId).DirectionRatios);
  if (Math.hypot(x, y) === 0) return 0;
  // Direction (x, y) of north; angle from +y, counter-clockwise.
  return Math.atan2(-x, y);
}

function fromSite(model: IfcModel, unit: number, options: IfcGeorefOptions, contextId: number | undefined): IfcGeoref | undefined {
  for (const siteId of model.idsOf(IFCSITE)) {
    const site = model.line(siteId);
    const lat = stepNumbers(site.RefLatitude), lon = stepNumbers(site.RefLongitude);
    if (lat.length < 2 || lon.length < 2) continue;
    const latDeg = compoundAngleDegrees(lat), lonDeg = compoundAngleDegrees(lon);
    if (!(Math.abs(latDeg) <= 90 && Math.abs(lonDeg) <= 180)) {
      throw new IfcImportError(model.file, 'georef', `IfcSite #${siteId}: expected RefLatitude within ±90° and RefLongitude within ±180°, found ${latDeg}°, ${lonDeg}°`);
    }
    const elevation = (stepNumber(site.RefElevation) ?? 0) * unit;
    const heights = options.heights ?? 'orthometric';
    if (heights === 'orthometric' && !options.geoid) {
      throw new IfcImportError(model.file, 'georef',
        `IfcSite #${siteId} RefElevation ${elevation} m is above sea level (orthometric); expected a geoid model in options.geoid or options.heights = 'ellipsoidal', found neither`);
    }
    const n = heights === 'orthometric' ? geoidUndulation(options.geoid!, lonDeg, latDeg) : 0;
    const h = elevation + n;
    const placementId = stepRef(site.ObjectPlacement);
    const m = placementId === undefined ? undefined : model.api.GetWorldTransformMatrix(model.modelID, placementId);
    // Site origin in engineering metres (GetWorldTransformMatrix is in project units, z up).
    const sx = (m?.[12] ?? 0) * unit, sy = (m?.[13] ?? 0) * unit, sz = (m?.[14] ?? 0) * unit;
    const theta = trueNorthAngle(model, contextId);
    // Engineering axes → east/north: rotate by −theta (north is theta CCW from +y).
    const c = Math.cos(theta), s = Math.sin(theta);
    const frame = new EnuFrame(lonDeg, latDeg, h);
    const toMap = (x: number, y: number, z: number, out: number[] = [0, 0, 0]): number[] => {
      const dx = x - sx, dy = y - sy;
      out[0] = c * dx + s * dy;
      out[1] = -s * dx + c * dy;
      out[2] = z - sz;
      return out;
    };
    const t = [0, 0, 0];
    return {
      source: 'site', crs: `ENU:${latDeg},${lonDeg},${h}`, heights, verticalDatum: heights === 'orthometric' ? 'sea level (IfcSite.RefElevation)' : undefined,
      origin: toMap(0, 0, 0) as [number, number, number], rotationDeg: -theta / DEG, scale: [1, 1, 1],
      detail: `IfcSite #${siteId} RefLatitude ${latDeg.toFixed(8)}°, RefLongitude ${lonDeg.toFixed(8)}°, RefElevation ${elevation} m${theta ? `, TrueNorth ${(theta / DEG).toFixed(4)}°` : ''}`,
      toMap,
      toEcef(xyz, count = Math.floor(xyz.length / 3)) {
        for (let k = 0; k < count; k++) {
          const i = 3 * k;
          toMap(xyz[i], xyz[i + 1], xyz[i + 2], t);
          frame.toEcef(t[0], t[1], t[2], xyz.subarray(i, i + 3));
        }
        return xyz;
      },
    };
  }
  return undefined;
}

function fromPlacement(model: IfcModel, placement: IfcPlacementConfig, options: IfcGeorefOptions): IfcGeoref {
  const where = `options.placement.crs`;
  const def = withHeights(model, parseMapCrs(model, placement.crs, where), undefined, options, `${where} '${placement.crs}'`);
  const rot = (placement.rotationDeg ?? 0) * DEG;
  const s = placement.scale ?? 1;
  const [eastings, northings, height] = placement.origin;
  return mapGeoref(model, 'placement', def, { eastings, northings, height, a: Math.cos(rot), b: Math.sin(rot), sx: s, sy: s, sz: 1, mapUnit: 1 },
    options, `configured placement in ${def.id} at (${placement.origin.join(', ')}), rotation ${placement.rotationDeg ?? 0}°`);
}

/** The 3D 'Model' representation context of the IfcProject (the map conversion's source). */
function modelContext(model: IfcModel): number | undefined {
  const project = model.idsOf(IFCPROJECT)[0];
  const contexts = project === undefined ? [] : stepRefs(model.line(project).RepresentationContexts);
  const all = contexts.length ? contexts : model.idsOf(IFCGEOMETRICREPRESENTATIONCONTEXT);
  return all.find((c) => stepString(model.line(c).ContextType) === 'Model') ?? all[0];
}

/** Finds the model's georeferencing (see the file comment for the order) or throws naming the file. */
export function resolveIfcGeoref(model: IfcModel, unit: number, psets: PropertySetsById, options: IfcGeorefOptions = {}): IfcGeoref {
  const want = options.georefSource ?? IFC_GEOREF_DEFAULTS.georefSource;
  const context = modelContext(model);
  const tryMap = () => fromMapConversion(model, unit, options, context) ?? fromMapConversionPsets(model, unit, psets, options);
  const trySite = () => fromSite(model, unit, options, context);
  const tryPlacement = () => (options.placement ? fromPlacement(model, options.placement, options) : undefined);
  const found = want === 'map-conversion' ? tryMap() : want === 'site' ? trySite() : want === 'placement' ? tryPlacement()
    : tryMap() ?? trySite() ?? tryPlacement();
  if (found) return found;
  if (want !== 'auto') throw new IfcImportError(model.file, 'georef', `georefSource '${want}' was asked for and the ${want === 'placement' ? 'options give no placement' : 'file has none'}`);
  throw new IfcImportError(model.file, 'georef', 'no IfcMapConversion, no IfcSite reference (RefLatitude/RefLongitude) and no placement given (options.placement)');
}
