/**
 * Point transformations between any two CRSs, per point (never through a single-origin ENU
 * shortcut), with heights converted explicitly where they cross between ellipsoidal and
 * orthometric. Coordinates are always easting/longitude first: [x, y, z].
 *
 * Pivot: geodetic longitude, latitude and ellipsoidal height. CGCS2000 and WGS 84 are taken as
 * the same frame (they agree to a few centimetres; no national transformation is applied), as
 * PROJ does for EPSG:4490 ↔ EPSG:4326 without grids. Projections use proj4 (its exact
 * Poder/Engsager Transverse Mercator agrees with PROJ 9 to 0.1 mm at 3° from the central meridian).
 */
import proj4 from 'proj4';
import type { CrsDefinition } from './crs-definition.ts';
import { EnuFrame } from './enu.ts';
import { TransformError } from './errors.ts';
import { ecefToGeodetic, geodeticToEcef } from './geocentric.ts';
import { geoidUndulation, type GeoidModel } from './geoid.ts';
import { parseCrs } from './parse-crs.ts';

export interface TransformOptions {
  /** Geoid model for orthometric ↔ ellipsoidal heights (h = H + N). Needed only when heights cross. */
  geoid?: GeoidModel;
}

type Vec = number[] | Float64Array;
type Step = (x: number, y: number, z: number, out: Vec) => void;

const LONLAT = '+proj=longlat +datum=WGS84 +no_defs';

export interface Transformer {
  readonly from: CrsDefinition;
  readonly to: CrsDefinition;
  /** Transform one point [x, y, z?] (easting/longitude first); returns [x, y, z]. */
  forward(p: ArrayLike<number>, out?: Vec): Vec;
  /** The reverse transformation. */
  inverse(p: ArrayLike<number>, out?: Vec): Vec;
  /** Transform `count` points stored as x,y,z triples (stride 3) in place. */
  forwardArray(xyz: Float64Array, count?: number): Float64Array;
}

function toGeodetic(def: CrsDefinition): Step {
  switch (def.kind) {
    case 'geocentric':
      return (x, y, z, out) => void ecefToGeodetic(x, y, z, def.ellipsoid, out);
    case 'enu': {
      const o = def.enuOrigin!;
      const frame = new EnuFrame(o.lon, o.lat, o.h, def.ellipsoid);
      const t: Vec = [0, 0, 0];
      return (x, y, z, out) => {
        frame.toEcef(x, y, z, t);
        ecefToGeodetic(t[0], t[1], t[2], def.ellipsoid, out);
      };
    }
    default: {
      const conv = proj4(def.proj4!, LONLAT);
      return (x, y, z, out) => {
        const r = conv.forward([x, y, z]) as number[];
        out[0] = r[0];
        out[1] = r[1];
        out[2] = r[2] ?? z;
      };
    }
  }
}

function fromGeodetic(def: CrsDefinition): Step {
  switch (def.kind) {
    case 'geocentric':
      return (lon, lat, h, out) => void geodeticToEcef(lon, lat, h, def.ellipsoid, out);
    case 'enu': {
      const o = def.enuOrigin!;
      const frame = new EnuFrame(o.lon, o.lat, o.h, def.ellipsoid);
      const t: Vec = [0, 0, 0];
      return (lon, lat, h, out) => {
        geodeticToEcef(lon, lat, h, def.ellipsoid, t);
        frame.fromEcef(t[0], t[1], t[2], out);
      };
    }
    default: {
      const conv = proj4(LONLAT, def.proj4!);
      const inDomain = domainCheck(def);
      return (lon, lat, h, out) => {
        inDomain(lon, lat);
        const r = conv.forward([lon, lat, h]) as number[];
        out[0] = r[0];
        out[1] = r[1];
        out[2] = r[2] ?? h;
      };
    }
  }
}

/** Widest longitude difference from the central meridian accepted by Transverse Mercator, degrees. */
const TMERC_MAX_DLON = 30;

/**
 * Transverse Mercator (Gauss–Krüger) is only meaningful near its central meridian; far from it the
 * series return numbers that look valid but are not. Refuse instead of returning them.
 */
function domainCheck(def: CrsDefinition): (lon: number, lat: number) => void {
  const m = /\+proj=(tmerc|utm)\b/.exec(def.proj4 ?? '');
  if (!m) return () => {};
  const zone = /\+zone=(\d+)/.exec(def.proj4!);
  const lon0 = m[1] === 'utm' ? (zone ? Number(zone[1]) * 6 - 183 : 0) : Number(/\+lon_0=([-+\d.eE]+)/.exec(def.proj4!)?.[1] ?? 0);
  return (lon, lat) => {
    const d = Math.abs(((lon - lon0 + 540) % 360) - 180);
    if (d > TMERC_MAX_DLON) {
      throw new TransformError(`point (${lon}°, ${lat}°) is ${d.toFixed(1)}° from the central meridian ${lon0}° of ${def.id}: outside its Transverse Mercator domain (±${TMERC_MAX_DLON}°)`);
    }
  };
}

/** Height kind seen by the pivot: orthometric heights must be lifted to ellipsoidal. */
function needsGeoid(def: CrsDefinition): boolean {
  return def.heights === 'orthometric';
}

function build(from: CrsDefinition, to: CrsDefinition, options: TransformOptions): Step {
  const sameVertical = from.heights === to.heights && from.verticalDatum?.id === to.verticalDatum?.id;
  // Both on proj4 and no height change: one proj4 call, z passes through untouched.
  if (from.proj4 && to.proj4 && sameVertical) {
    if (from.proj4 === to.proj4) {
      return (x, y, z, out) => {
        out[0] = x;
        out[1] = y;
        out[2] = z;
      };
    }
    const conv = proj4(from.proj4, to.proj4);
    const inDomain = from.kind === 'geographic' ? domainCheck(to) : () => {};
    return (x, y, z, out) => {
      inDomain(x, y);
      const r = conv.forward([x, y, z]) as number[];
      out[0] = r[0];
      out[1] = r[1];
      out[2] = r[2] ?? z;
    };
  }
  if (needsGeoid(from) && needsGeoid(to) && from.verticalDatum?.id !== to.verticalDatum?.id) {
    throw new TransformError(`${from.id} → ${to.id}: converting between vertical datums ${from.verticalDatum?.name} and ${to.verticalDatum?.name} is not supported`);
  }
  const crosses = needsGeoid(from) !== needsGeoid(to);
  const geoid = options.geoid;
  if (crosses && !geoid) {
    const ortho = needsGeoid(from) ? from : to;
    throw new TransformError(
      `${from.id} → ${to.id}: heights of ${ortho.id} are orthometric (${ortho.verticalDatum?.name ?? 'gravity-related'}) and the other side's are ` +
        `${needsGeoid(from) ? to.heights : from.heights}; a geoid model is needed (h = H + N): pass a constant offset or a grid`,
    );
  }
  const down = toGeodetic(from);
  const up = fromGeodetic(to);
  const g: Vec = [0, 0, 0];
  const lift = crosses && needsGeoid(from) ? 1 : crosses ? -1 : 0;
  return (x, y, z, out) => {
    down(x, y, z, g);
    if (lift !== 0) g[2] += lift * geoidUndulation(geoid!, g[0], g[1]);
    up(g[0], g[1], g[2], out);
  };
}

/** Create a transformer from `from` to `to` (CRS strings or parsed definitions). */
export function createTransform(from: string | CrsDefinition, to: string | CrsDefinition, options: TransformOptions = {}): Transformer {
  const src = parseCrs(from);
  const dst = parseCrs(to);
  const fwd = build(src, dst, options);
  let inv: Step | undefined;
  const check = (p: ArrayLike<number>, side: CrsDefinition) => {
    if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || (p.length > 2 && p[2] !== undefined && !Number.isFinite(p[2]))) {
      throw new TransformError(`point [${Array.from(p).join(', ')}] in ${side.id}: expected finite x, y and optional z`);
    }
  };
  const run = (step: Step, p: ArrayLike<number>, side: CrsDefinition, out: Vec): Vec => {
    check(p, side);
    step(p[0], p[1], p.length > 2 && p[2] !== undefined ? p[2] : 0, out);
    if (!Number.isFinite(out[0]) || !Number.isFinite(out[1]) || !Number.isFinite(out[2])) {
      throw new TransformError(`point [${Array.from(p).join(', ')}] in ${side.id} has no valid image in ${side === src ? dst.id : src.id} (outside the projection's domain?)`);
    }
    return out;
  };
  return {
    from: src,
    to: dst,
    forward: (p, out = [0, 0, 0]) => run(fwd, p, src, out),
    inverse: (p, out = [0, 0, 0]) => run((inv ??= build(dst, src, options)), p, dst, out),
    forwardArray(xyz, count = Math.floor(xyz.length / 3)) {
      const o: Vec = [0, 0, 0];
      for (let k = 0; k < count; k++) {
        const b = 3 * k;
        fwd(xyz[b], xyz[b + 1], xyz[b + 2], o);
        xyz[b] = o[0];
        xyz[b + 1] = o[1];
        xyz[b + 2] = o[2];
      }
      return xyz;
    },
  };
}

/** Transform one point; easting/longitude first. `transformPoint('EPSG:4490', 'EPSG:4547', [114.0575, 22.5431])`. */
export function transformPoint(
  from: string | CrsDefinition,
  to: string | CrsDefinition,
  p: [number, number] | [number, number, number] | number[],
  options: TransformOptions = {},
): [number, number, number] {
  const r = createTransform(from, to, options).forward(p);
  return [r[0], r[1], r[2]];
}
