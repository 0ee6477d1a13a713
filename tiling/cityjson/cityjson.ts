/**
 * CityJSON 1.x/2.0 (https://www.cityjson.org/specs/2.0.1/) → building features and textured
 * meshes in ECEF. Vertices are decoded with the file's `transform`; surfaces (with holes) are
 * triangulated in their plane; the highest LoD of each object is used unless another is asked
 * for; texture coordinates flip to glTF's top-left origin. Non-building objects are counted and
 * skipped (reported in `skipped`).
 */
import { createTransform, parseFeature, type Building, type GeoidModel } from '../../cim-model/index.ts';
import type { FeatureLayer, GeoMesh, ImageSpec, MaterialSpec } from '../core/index.ts';
import { linearColor } from '../pipes/index.ts';
import { triangulatePolygon } from './triangulate-polygon.ts';

export class CityJsonError extends Error {
  constructor(file: string, where: string, message: string) {
    super(`${file}: ${where}: ${message}`);
    this.name = 'CityJsonError';
  }
}

export interface CityJsonOptions {
  file?: string;
  /** CRS when the file's metadata has none (e.g. 'EPSG:7415' for RD New + NAP). */
  crs?: string;
  geoid?: GeoidModel;
  /** 'highest' (default) or a LoD such as '1.2' or '2'. */
  lod?: string;
  /** Loads a texture image by the path written in the file; undefined when missing. */
  loadImage?: (path: string) => Uint8Array | undefined;
  /** What a missing texture image means: an error (default) or an untextured surface with a warning. */
  missingTextures?: 'error' | 'untextured';
  /** Layer id. */
  id?: string;
}

export interface CityJsonResult {
  layer: FeatureLayer;
  crs: string;
  skipped: Record<string, number>;
  warnings: string[];
}

const SEMANTIC_SRGB: Record<string, [number, number, number]> = {
  RoofSurface: [178, 84, 64],
  WallSurface: [226, 220, 205],
  GroundSurface: [120, 120, 120],
  ClosureSurface: [200, 200, 200],
  Window: [120, 160, 200],
  Door: [140, 100, 70],
};

type Json = Record<string, unknown>;
type Rings = number[][];

interface Acc { positions: number[]; texcoords: number[]; indices: number[]; featureIds: number[]; material: MaterialSpec }

/** Surfaces of a geometry as lists of rings of vertex indices, whatever its type. */
function surfacesOf(g: Json, where: string, file: string): { surfaces: Rings[]; depth: number } {
  const b = g.boundaries as unknown[];
  switch (g.type) {
    case 'MultiSurface':
    case 'CompositeSurface':
      return { surfaces: b as Rings[], depth: 1 };
    case 'Solid':
      return { surfaces: (b as Rings[][]).flat(), depth: 2 };
    case 'MultiSolid':
    case 'CompositeSolid':
      return { surfaces: (b as Rings[][][]).flat(2), depth: 3 };
    default:
      throw new CityJsonError(file, where, `geometry type expected MultiSurface, CompositeSurface, Solid, MultiSolid or CompositeSolid, found '${String(g.type)}'`);
  }
}

/** Flatten per-surface values (semantics or texture) to the same depth as `surfacesOf`. */
function flatValues(values: unknown, depth: number): unknown[] {
  if (values === undefined || values === null) return [];
  return depth === 1 ? (values as unknown[]) : (values as unknown[][]).flat(depth - 1);
}

function lodRank(lod: unknown): number {
  return Number(lod ?? 0);
}

export function importCityJson(doc: unknown, options: CityJsonOptions = {}): CityJsonResult {
  const file = options.file ?? 'cityjson';
  const d = doc as Json;
  if (!d || d.type !== 'CityJSON') throw new CityJsonError(file, 'type', `expected "CityJSON", found ${JSON.stringify(d?.type)}`);
  if (!Array.isArray(d.vertices)) throw new CityJsonError(file, 'vertices', 'expected an array of [x, y, z]');
  const tr = d.transform as { scale: number[]; translate: number[] } | undefined;
  const verts = d.vertices as number[][];
  const vx = (i: number): [number, number, number] => {
    const v = verts[i];
    if (!v) throw new CityJsonError(file, 'boundaries', `vertex index ${i} out of range (0–${verts.length - 1})`);
    return tr ? [v[0] * tr.scale[0] + tr.translate[0], v[1] * tr.scale[1] + tr.translate[1], v[2] * tr.scale[2] + tr.translate[2]] : [v[0], v[1], v[2]];
  };
  const refSys = ((d.metadata as Json | undefined)?.referenceSystem as string | undefined) ?? options.crs;
  if (!refSys) throw new CityJsonError(file, 'metadata.referenceSystem', 'no CRS in the file and none given in the options (e.g. crs: "EPSG:7415")');
  const toEcef = createTransform(refSys, 'EPSG:4978', { geoid: options.geoid });
  const app = (d.appearance as Json | undefined) ?? {};
  const textures = (app.textures as Array<{ image: string; type?: string }> | undefined) ?? [];
  const uvs = (app['vertices-texture'] as number[][] | undefined) ?? [];
  const warnings: string[] = [];
  const images = new Map<number, ImageSpec | null>();
  const image = (t: number): ImageSpec | null => {
    if (images.has(t)) return images.get(t)!;
    const tex = textures[t];
    if (!tex) throw new CityJsonError(file, 'appearance.textures', `texture index ${t} out of range (0–${textures.length - 1})`);
    const data = options.loadImage?.(tex.image);
    let spec: ImageSpec | null = null;
    if (!data) {
      if ((options.missingTextures ?? 'error') === 'error') throw new CityJsonError(file, `appearance.textures[${t}]`, `texture image '${tex.image}' not found`);
      warnings.push(`texture image '${tex.image}' not found: surfaces drawn untextured`);
    } else {
      const png = tex.image.toLowerCase().endsWith('.png') || tex.type === 'PNG';
      spec = { mimeType: png ? 'image/png' : 'image/jpeg', data, name: tex.image };
    }
    images.set(t, spec);
    return spec;
  };
  const groups = new Map<string, Acc>();
  const group = (key: string, material: MaterialSpec, textured: boolean): Acc => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { positions: [], texcoords: textured ? [] : (undefined as unknown as number[]), indices: [], featureIds: [], material }));
    return g;
  };
  const features: Building[] = [];
  const skipped: Record<string, number> = {};
  const objects = (d.CityObjects ?? {}) as Record<string, Json>;
  for (const [id, obj] of Object.entries(objects)) {
    const type = String(obj.type);
    // BuildingParts belong to their Building; the parent collects them below.
    if (type === 'BuildingPart') continue;
    if (type !== 'Building') {
      skipped[type] = (skipped[type] ?? 0) + 1;
      continue;
    }
    const parts = [obj, ...((obj.children as string[] | undefined) ?? []).map((c) => objects[c]).filter((o) => o?.type === 'BuildingPart')];
    const featureIndex = features.length;
    let zmin = Infinity, zmax = -Infinity;
    const ground: number[][] = [];
    let any = false;
    for (const part of parts) {
      const geoms = (part.geometry as Json[] | undefined) ?? [];
      if (geoms.length === 0) continue;
      const wanted = options.lod ?? 'highest';
      const g = wanted === 'highest' ? geoms.reduce((a, b) => (lodRank(b.lod) > lodRank(a.lod) ? b : a)) : geoms.find((x) => String(x.lod) === wanted);
      if (!g) continue;
      const where = `CityObjects["${id}"].geometry[lod ${String(g.lod)}]`;
      const { surfaces, depth } = surfacesOf(g, where, file);
      const sem = g.semantics as { surfaces: Array<{ type: string }>; values: unknown } | undefined;
      const semValues = flatValues(sem?.values, depth) as Array<number | null>;
      const texTheme = g.texture ? Object.values(g.texture as Record<string, { values: unknown }>)[0] : undefined;
      const texValues = flatValues(texTheme?.values, depth) as Array<Array<Array<number | null>>>;
      surfaces.forEach((rings, s) => {
        const semType = semValues[s] !== undefined && semValues[s] !== null ? sem!.surfaces[semValues[s]!]?.type : undefined;
        const tv = texValues[s];
        const texIndex = tv?.[0]?.[0];
        const img = texIndex !== undefined && texIndex !== null ? image(texIndex) : null;
        const pts = rings.map((r) => r.map(vx));
        for (const r of pts) for (const p of r) { zmin = Math.min(zmin, p[2]); zmax = Math.max(zmax, p[2]); }
        if (semType === 'GroundSurface' && ground.length === 0) for (const p of pts[0]) ground.push([p[0], p[1]]);
        const tri = triangulatePolygon(pts);
        if (tri.length === 0) return;
        const key = img ? `tex:${texIndex}` : `sem:${semType ?? 'none'}`;
        const acc = img
          ? group(key, { name: img.name, baseColor: [1, 1, 1, 1], texture: img, roughness: 1, metallic: 0 }, true)
          : group(key, { name: semType ?? 'surface', baseColor: linearColor(SEMANTIC_SRGB[semType ?? 'WallSurface'] ?? [210, 210, 210]), roughness: 0.9, metallic: 0 }, false);
        const first = acc.positions.length / 3;
        pts.forEach((r, k) => r.forEach((p, i) => {
          acc.positions.push(p[0], p[1], p[2]);
          acc.featureIds.push(featureIndex);
          if (img) {
            const uvIndex = tv[k]?.[i + 1];
            const uv = uvIndex !== undefined && uvIndex !== null ? uvs[uvIndex] : undefined;
            if (!uv) throw new CityJsonError(file, `${where}.texture`, `surface ${s} ring ${k}: texture coordinate ${i} missing`);
            acc.texcoords.push(uv[0], 1 - uv[1]); // CityJSON: origin bottom-left; glTF: top-left
          }
        }));
        for (const t of tri) acc.indices.push(first + t);
        any = true;
      });
    }
    if (!any) {
      skipped['Building (no geometry at the requested LoD)'] = (skipped['Building (no geometry at the requested LoD)'] ?? 0) + 1;
      continue;
    }
    const attrs = (obj.attributes as Json | undefined) ?? {};
    const height = Math.max(0.1, zmax - zmin);
    // Footprint: the ground surface when there is one, else the object's bounding rectangle.
    let ring = ground;
    if (ring.length < 3) {
      const xs: number[] = [], ys: number[] = [];
      const g = groups.values();
      for (const acc of g) for (let i = 0; i < acc.featureIds.length; i++) if (acc.featureIds[i] === featureIndex) { xs.push(acc.positions[3 * i]); ys.push(acc.positions[3 * i + 1]); }
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    }
    const closed = [...ring, ring[0]];
    const year = Number(attrs.oorspronkelijk_bouwjaar ?? attrs.yearOfConstruction);
    features.push(parseFeature({
      type: 'building', id, source: { dataset: 'CityJSON', file, ref: id },
      geometry: { type: 'Polygon', coordinates: [closed] },
      height, baseElevation: zmin, floors: Math.max(1, Math.round(height / 3)), use: 'other',
      ...(Number.isInteger(year) && year >= 1000 && year <= 2200 ? { yearBuilt: year } : {}),
      attributes: Object.fromEntries(Object.entries(attrs).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) as Record<string, string | number | boolean | null>,
    }, { file }) as Building);
  }
  const meshes: GeoMesh[] = [];
  for (const acc of groups.values()) {
    const positions = Float64Array.from(acc.positions);
    toEcef.forwardArray(positions);
    meshes.push({
      positions,
      indices: Uint32Array.from(acc.indices),
      featureIds: Uint32Array.from(acc.featureIds),
      ...(acc.texcoords ? { texcoords: Float32Array.from(acc.texcoords) } : {}),
      material: acc.material,
    });
  }
  return {
    layer: { id: options.id ?? 'cityjson', name: file, kind: 'buildings', features, meshes },
    crs: refSys,
    skipped,
    warnings,
  };
}
