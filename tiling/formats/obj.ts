/**
 * Wavefront OBJ (+ MTL) as reality-mesh producers export it: `v`, `vt`, `vn`, polygonal `f`
 * (v, v/vt, v//vn, v/vt/vn, negative indices), `usemtl`/`mtllib`, `map_Kd`/`Kd`. One mesh per
 * material, vertices de-duplicated per (v, vt, vn) triple, polygons fanned into triangles.
 * Errors name the file and line.
 */

export interface ObjMesh {
  material: string;
  /** x, y, z per vertex, as written (local coordinates of the tile). */
  positions: Float64Array;
  /** u, v per vertex (OBJ origin: bottom-left), when the faces reference them. */
  texcoords?: Float32Array;
  normals?: Float32Array;
  indices: Uint32Array;
}

export interface MtlMaterial {
  name: string;
  /** Diffuse colour Kd, 0..1. */
  diffuse: [number, number, number];
  /** Opacity d (1 = opaque). */
  opacity: number;
  /** map_Kd texture path, relative to the .mtl file. */
  texture?: string;
}

export class ObjError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ObjError';
  }
}

export function parseMtl(text: string, file = 'mtl'): Map<string, MtlMaterial> {
  const out = new Map<string, MtlMaterial>();
  let cur: MtlMaterial | undefined;
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'newmtl') {
      cur = { name: rest.join(' '), diffuse: [1, 1, 1], opacity: 1 };
      out.set(cur.name, cur);
    } else if (!cur) {
      throw new ObjError(file, k + 1, `'${key}' before any 'newmtl'`);
    } else if (key === 'Kd') {
      const c = rest.slice(0, 3).map(Number);
      if (c.length < 3 || c.some((v) => !Number.isFinite(v))) throw new ObjError(file, k + 1, `Kd: expected three numbers, found '${rest.join(' ')}'`);
      cur.diffuse = [c[0], c[1], c[2]];
    } else if (key === 'd') cur.opacity = Number(rest[0]);
    else if (key === 'map_Kd') cur.texture = rest.filter((t) => !t.startsWith('-')).pop();
  });
  return out;
}

export function parseObj(text: string, file = 'obj'): { meshes: ObjMesh[]; mtllibs: string[] } {
  const v: number[] = [], vt: number[] = [], vn: number[] = [];
  const mtllibs: string[] = [];
  interface Build { keys: Map<string, number>; pos: number[]; uv: number[]; nrm: number[]; idx: number[]; hasUv: boolean; hasN: boolean }
  const builds = new Map<string, Build>();
  let material = 'default';
  const lines = text.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].trim();
    if (!line || line.startsWith('#')) continue;
    const parts = line.split(/\s+/);
    const key = parts[0];
    const nums = () => parts.slice(1).map(Number);
    if (key === 'v') {
      const p = nums();
      if (p.length < 3 || p.slice(0, 3).some((x) => !Number.isFinite(x))) throw new ObjError(file, k + 1, `v: expected x y z, found '${parts.slice(1).join(' ')}'`);
      v.push(p[0], p[1], p[2]);
    } else if (key === 'vt') {
      const p = nums();
      vt.push(p[0] ?? 0, p[1] ?? 0);
    } else if (key === 'vn') {
      const p = nums();
      vn.push(p[0] ?? 0, p[1] ?? 0, p[2] ?? 0);
    } else if (key === 'usemtl') material = parts.slice(1).join(' ') || 'default';
    else if (key === 'mtllib') mtllibs.push(parts.slice(1).join(' '));
    else if (key === 'f') {
      let b = builds.get(material);
      if (!b) builds.set(material, (b = { keys: new Map(), pos: [], uv: [], nrm: [], idx: [], hasUv: false, hasN: false }));
      const resolve = (s: string | undefined, count: number, what: string) => {
        if (s === undefined || s === '') return -1;
        const i = Number(s);
        const r = i < 0 ? count + i : i - 1;
        if (!Number.isInteger(i) || i === 0 || r < 0 || r >= count) throw new ObjError(file, k + 1, `f: ${what} index ${s} out of range (1–${count})`);
        return r;
      };
      const corner = (tok: string): number => {
        const [a, t, n] = tok.split('/');
        const vi = resolve(a, v.length / 3, 'vertex'), ti = resolve(t, vt.length / 2, 'texture'), ni = resolve(n, vn.length / 3, 'normal');
        if (vi < 0) throw new ObjError(file, k + 1, `f: expected a vertex index, found '${tok}'`);
        // De-duplicate on the resolved triple: '-1' and '4' may name the same vertex.
        const key = `${vi}/${ti}/${ni}`;
        const hit = b!.keys.get(key);
        if (hit !== undefined) return hit;
        const id = b!.pos.length / 3;
        b!.pos.push(v[3 * vi], v[3 * vi + 1], v[3 * vi + 2]);
        if (ti >= 0) { b!.uv.push(vt[2 * ti], vt[2 * ti + 1]); b!.hasUv = true; } else b!.uv.push(0, 0);
        if (ni >= 0) { b!.nrm.push(vn[3 * ni], vn[3 * ni + 1], vn[3 * ni + 2]); b!.hasN = true; } else b!.nrm.push(0, 0, 1);
        b!.keys.set(key, id);
        return id;
      };
      const ids = parts.slice(1).map(corner);
      if (ids.length < 3) throw new ObjError(file, k + 1, `f: expected at least 3 vertices, found ${ids.length}`);
      for (let i = 1; i + 1 < ids.length; i++) b.idx.push(ids[0], ids[i], ids[i + 1]);
    }
  }
  const meshes: ObjMesh[] = [];
  for (const [mat, b] of builds) {
    meshes.push({
      material: mat,
      positions: Float64Array.from(b.pos),
      ...(b.hasUv ? { texcoords: Float32Array.from(b.uv) } : {}),
      ...(b.hasN ? { normals: Float32Array.from(b.nrm) } : {}),
      indices: Uint32Array.from(b.idx),
    });
  }
  return { meshes, mtllibs };
}
