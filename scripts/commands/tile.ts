import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext, CommandSpec } from '../cli/command.ts';
import type { Progress } from '../cli/progress.ts';
import { CliError } from '../cli/errors.ts';

/**
 * A tiling config from a demo-city manifest (`city.json`, written by `cimflow demo-data`): its
 * `tiling.layers` name the sources; terrain and orthophoto join into one terrain layer.
 */
export function configFromCityManifest(manifest: {
  name: string; crs: { horizontal: string }; verticalDatum: { epsg: string; geoid: { offset: number } };
  tiling: { layers: Array<{ kind: string; path: string; layer: string }> };
}, dir: string): unknown {
  const layers: Array<Record<string, unknown>> = [];
  let terrain: Record<string, unknown> | undefined;
  for (const l of manifest.tiling.layers) {
    switch (l.kind) {
      case 'terrain':
        terrain = { ...(terrain ?? {}), kind: 'terrain', dem: l.path };
        break;
      case 'orthophoto':
        terrain = { ...(terrain ?? { kind: 'terrain' }), orthophoto: l.path };
        break;
      case 'bim': {
        const abs = path.join(dir, l.path);
        const folder = existsSync(abs) && statSync(abs).isDirectory() ? l.path : path.dirname(l.path);
        const files = readdirSync(path.join(dir, folder)).filter((f) => f.toLowerCase().endsWith('.ifc')).map((f) => path.join(folder, f));
        const projects = path.join(folder, 'projects.geojson');
        layers.push({ kind: 'bim', id: 'bim', files, ...(existsSync(path.join(dir, projects)) ? { projects } : {}) });
        break;
      }
      case 'buildings':
      case 'pipes':
      case 'reality-mesh':
        layers.push({ kind: l.kind, id: l.kind === 'pipes' ? 'pipes' : l.layer, path: l.path });
        break;
      default:
        // sensors and rivers are not meshes of the model (sensors are live, served by the server)
        break;
    }
  }
  if (terrain) layers.unshift(terrain);
  return {
    name: manifest.name,
    crs: manifest.crs.horizontal,
    heights: 'orthometric',
    verticalCrs: manifest.verticalDatum.epsg,
    geoid: { offset: manifest.verticalDatum.geoid.offset },
    layers,
  };
}

/** Stage lines and one progress bar per stage, for `tileCity`'s hooks. */
export function tileProgressHooks(ctx: CommandContext) {
  let bar: Progress | undefined;
  let current = '';
  return {
    onStage: (s: string) => {
      bar?.finish();
      bar = undefined;
      current = s;
      ctx.log.info(`· ${s}`);
    },
    onProgress: (stage: string, done: number, total: number) => {
      if (stage !== current || !bar) {
        bar?.finish();
        bar = ctx.progress(stage, total);
        current = stage;
      }
      bar.total = Math.max(bar.total, total);
      bar.set(done);
    },
    warn: (m: string) => ctx.log.warn(m),
    finish: () => bar?.finish(),
  };
}

/** Where the config of `input` comes from: a config file, or a folder with tile-config.json or city.json. */
export function resolveTileConfig(input: string): { raw: unknown; file: string; baseDir: string } {
  if (!existsSync(input)) throw new CliError(`${input}: no such file or folder`);
  const readJson = (f: string) => {
    try {
      return JSON.parse(readFileSync(f, 'utf8'));
    } catch (e) {
      throw new CliError(`${f}: ${(e as Error).message}`);
    }
  };
  if (statSync(input).isDirectory()) {
    const own = path.join(input, 'tile-config.json');
    if (existsSync(own)) return { raw: readJson(own), file: own, baseDir: input };
    const manifest = path.join(input, 'city.json');
    if (existsSync(manifest)) return { raw: configFromCityManifest(readJson(manifest), input), file: manifest, baseDir: input };
    throw new CliError(`${input}: expected tile-config.json or city.json in the folder`);
  }
  return { raw: readJson(input), file: input, baseDir: path.dirname(input) };
}

export const tileCommand: CommandSpec = {
  name: 'tile',
  summary: 'build the CIM 3D Tiles model, terrain and imagery from a tiling config or a city folder',
  usage: '<config.json|city-folder>',
  description: [
    'Writes <out>/tiles/tileset.json (root CIM tileset, one external tileset per layer), <out>/terrain/ (quantized-mesh),',
    '<out>/imagery/ and <out>/tile-config.json. Unchanged inputs are skipped on a re-run.',
    'A bad source file is reported and skipped; --strict makes it fatal.',
    '',
    'Example: cimflow tile data/demo-city -o data/demo-city-model',
  ].join('\n'),
  positionals: [1, 1],
  options: {
    output: { type: 'string', short: 'o', valueName: '<dir>', description: 'output folder (required)' },
    strict: { type: 'boolean', description: 'stop at the first bad source file' },
    force: { type: 'boolean', description: 'redo everything even when inputs are unchanged' },
  },
  async run(ctx) {
    const out = ctx.options.output as string | undefined;
    if (!out) throw new CliError('-o/--output <dir> is required', 2);
    const { raw, file, baseDir } = resolveTileConfig(ctx.args[0]);
    const { parseTileConfig, tileCity } = await import('../../tiling/index.ts');
    const config = parseTileConfig(raw, file);
    const hooks = tileProgressHooks(ctx);
    const result = await tileCity(config, baseDir, out, { strict: Boolean(ctx.options.strict), force: Boolean(ctx.options.force), ...hooks });
    hooks.finish();
    const t = result.tileset;
    ctx.print(`wrote ${path.join(result.out, 'tiles', 'tileset.json')}: ${t?.layers.length ?? 0} layers, ${t?.tiles ?? 0} tiles, ${t?.triangles ?? 0} triangles, ${((t?.bytes ?? 0) / 1e6).toFixed(1)} MB`);
    if (result.terrain) ctx.print(`terrain: ${result.terrain.tiles} tiles to level ${result.terrain.maxLevel}${result.terrain.reused ? ' (unchanged)' : ''}`);
    if (result.imagery) ctx.print(`imagery: ${result.imagery.tiles} tiles, levels ${result.imagery.minLevel}–${result.imagery.maxLevel}${result.imagery.reused ? ' (unchanged)' : ''}`);
    if (result.failures.length) ctx.print(`${result.failures.length} source(s) failed and were skipped: ${result.failures.join('; ')}`);
    ctx.print(`${result.seconds.toFixed(1)} s`);
    return {
      out: result.out,
      seconds: result.seconds,
      layers: t?.layers.map((l) => ({ id: l.id, kind: l.kind, tiles: l.tiles, triangles: l.triangles, bytes: l.bytes, features: l.featureCounts, reused: l.reused })) ?? [],
      tiles: t?.tiles ?? 0,
      triangles: t?.triangles ?? 0,
      bytes: t?.bytes ?? 0,
      terrain: result.terrain ?? null,
      imagery: result.imagery ?? null,
      failures: result.failures,
      warnings: result.warnings.length,
    };
  },
};
