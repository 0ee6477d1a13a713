import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CommandSpec } from '../cli/command.ts';
import { CliError } from '../cli/errors.ts';

/** What each kind of file summarises to; one entry per format, chosen by extension. */
type Inspector = (file: string, bytes: Uint8Array, opts: { geoid?: number }) => Promise<Record<string, unknown>>;
const INSPECTORS: Record<string, Inspector> = {
  async osgb(file, bytes) {
    const { readOsgb, summarizeOsgb } = await import('../../tiling/index.ts');
    const scene = readOsgb(bytes, { file });
    return { format: 'osgb', serializerVersion: scene.version, compressor: scene.compressor, ...summarizeOsgb(scene) };
  },
  async ifc(file, bytes, opts) {
    const { summarizeIfc } = await import('../../tiling/index.ts');
    // Without a geoid, orthometric site heights are shown as if ellipsoidal (and said so).
    const heights = opts.geoid === undefined ? { heights: 'ellipsoidal' as const } : { geoid: { kind: 'constant' as const, offset: opts.geoid } };
    return { format: 'ifc', ...(await summarizeIfc(bytes, { file, ...heights })), ...(opts.geoid === undefined ? { heightsNote: 'no --geoid given: heights taken as ellipsoidal' } : {}) };
  },
  async glb(file, bytes) {
    const { summarizeGlb } = await import('../../tiling/index.ts');
    return { format: 'glb', ...summarizeGlb(bytes, file) };
  },
  async obj(file, bytes) {
    const { parseObj } = await import('../../tiling/index.ts');
    const { meshes, mtllibs } = parseObj(new TextDecoder().decode(bytes), file);
    let min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
    for (const m of meshes) for (let i = 0; i < m.positions.length; i += 3) {
      min = min.map((v, k) => Math.min(v, m.positions[i + k]));
      max = max.map((v, k) => Math.max(v, m.positions[i + k]));
    }
    return {
      format: 'obj', geometries: meshes.length, materials: meshes.map((m) => m.material), mtllibs,
      vertices: meshes.reduce((s, m) => s + m.positions.length / 3, 0), triangles: meshes.reduce((s, m) => s + m.indices.length / 3, 0),
      textured: meshes.filter((m) => m.texcoords).length, bounds: { min, max },
    };
  },
  async json(file, bytes) {
    const { summarizeTileset } = await import('../../tiling/index.ts');
    const json = JSON.parse(new TextDecoder().decode(bytes));
    if (!json.asset || !json.root) throw new CliError(`${file}: not a 3D Tiles tileset (expected "asset" and "root")`);
    const dir = path.dirname(file);
    const read = async (p: string) => {
      const abs = path.resolve(dir, decodeURI(p));
      return abs.startsWith(path.resolve(dir)) && existsSync(abs) ? new Uint8Array(readFileSync(abs)) : undefined;
    };
    return { format: '3d-tiles', ...(await summarizeTileset(json, read)) };
  },
};

export const inspectCommand: CommandSpec = {
  name: 'inspect',
  summary: 'summarise an OSGB, IFC, glb, OBJ or tileset.json file',
  usage: '<file>',
  description: 'Prints node/element counts, geometries, vertices, triangles, textures, features, bounds and CRS where the format has them.',
  positionals: [1, 1],
  options: {
    geoid: { type: 'string', valueName: '<N>', description: 'geoid undulation (m) for orthometric heights of IFC georeferencing' },
  },
  async run(ctx) {
    const file = ctx.args[0];
    const geoidText = ctx.options.geoid as string | undefined;
    const geoid = geoidText === undefined ? undefined : Number(geoidText);
    if (geoid !== undefined && !Number.isFinite(geoid)) throw new CliError(`--geoid: expected a number of metres, found '${geoidText}'`, 2);
    if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${file}: no such file`);
    const ext = path.extname(file).slice(1).toLowerCase();
    const inspect = INSPECTORS[ext];
    if (!inspect) throw new CliError(`${file}: unsupported file type '.${ext}' (supported: ${Object.keys(INSPECTORS).map((e) => `.${e}`).join(', ')})`);
    const summary = await inspect(file, new Uint8Array(readFileSync(file)), { geoid });
    if (!ctx.json) {
      for (const [k, v] of Object.entries(summary)) ctx.print(`${k.padEnd(18)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    }
    return { file, ...summary };
  },
};

