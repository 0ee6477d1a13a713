/**
 * `cimflow tile`: a tiling config → the CIM model folder a server serves:
 *   <out>/tiles/tileset.json  the root CIM tileset (3D Tiles 1.1), one external tileset per layer
 *   <out>/terrain/layer.json  Cesium quantized-mesh terrain from the DEM (ellipsoidal heights)
 *   <out>/imagery/…           geographic JPEG tiles of the orthophoto
 *   <out>/tile-config.json    the validated config of the run
 * Stages run in order — terrain, imagery, each layer, the tileset — and skip work whose inputs did
 * not change (the writer's input manifest; a hash stamp for terrain and imagery).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { parseGtx, type GeoidModel } from '../../cim-model/index.ts';
import { readRasterFile, sampleRaster } from './raster-io.ts';
import type { FeatureLayer, LodLayer } from '../core/index.ts';
import { writeImageryTiles, writeTerrainTiles, type ImageryMeta, type TerrainSummary } from '../terrain/index.ts';
import { createFolderTarget, writeCimTileset, type CimTilesetResult } from '../tiles3d/index.ts';
import { loadLayer } from './load-layers.ts';
import type { TileConfig } from './tile-config.ts';

export interface TileCityOptions {
  /** Stop at the first bad source instead of reporting and skipping it. */
  strict?: boolean;
  /** Redo everything even when inputs are unchanged. */
  force?: boolean;
  onStage?: (stage: string) => void;
  onProgress?: (stage: string, done: number, total: number) => void;
  warn?: (message: string) => void;
}

export interface TileCityResult {
  out: string;
  terrain?: TerrainSummary & { reused: boolean };
  imagery?: ImageryMeta & { reused: boolean };
  tileset?: CimTilesetResult;
  failures: string[];
  warnings: string[];
  seconds: number;
}

async function fileHash(files: string[], extra: unknown): Promise<string> {
  const h = createHash('sha256');
  for (const f of files) h.update(await readFile(f));
  h.update(JSON.stringify(extra));
  return h.digest('hex');
}

/** Write a folder to `<dir>.tmp` and swap it in when complete. */
async function replaceFolder(dir: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
}

function folderSink(dir: string) {
  const made = new Set<string>();
  return async (rel: string, bytes: Uint8Array) => {
    const file = path.join(dir, rel);
    const d = path.dirname(file);
    if (!made.has(d)) {
      await mkdir(d, { recursive: true });
      made.add(d);
    }
    await writeFile(file, bytes);
  };
}

async function readRgbGeoTiff(file: string) {
  const buf = await readFile(file);
  const tiff = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const img = await tiff.getImage();
  const [x0, y1] = img.getOrigin();
  const [dx, dy] = img.getResolution();
  const rgb = (await img.readRasters({ interleave: true, samples: [0, 1, 2] })) as unknown as Uint8Array;
  return { nx: img.getWidth(), ny: img.getHeight(), x0, y0: y1, dx: Math.abs(dx), dy: Math.abs(dy), rgb: Uint8Array.from(rgb) };
}

export async function tileCity(config: TileConfig, baseDir: string, outDir: string, options: TileCityOptions = {}): Promise<TileCityResult> {
  const t0 = performance.now();
  const out = path.resolve(outDir);
  await mkdir(out, { recursive: true });
  const warnings: string[] = [];
  const failures: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    options.warn?.(m);
  };
  const geoid: GeoidModel | undefined = !config.geoid ? undefined
    : 'offset' in config.geoid ? { kind: 'constant', offset: config.geoid.offset, name: 'config' }
    : parseGtx(new Uint8Array(readFileSync(path.resolve(baseDir, config.geoid.grid))), config.geoid.grid);
  const result: TileCityResult = { out, failures, warnings, seconds: 0 };

  // Terrain and imagery.
  const terrainCfg = config.layers.find((l) => l.kind === 'terrain');
  let ground: ((x: number, y: number) => number) | undefined;
  if (terrainCfg && terrainCfg.kind === 'terrain') {
    const demFile = path.resolve(baseDir, terrainCfg.dem);
    options.onStage?.('terrain');
    const dem = await readRasterFile(demFile);
    ground = (x, y) => sampleRaster(dem, x, y);
    const stampFile = path.join(out, 'terrain', 'source.json');
    const stamp = await fileHash([demFile], { crs: config.crs, geoid: config.geoid, v: 1 });
    const reused = !options.force && existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).hash === stamp && existsSync(path.join(out, 'terrain', 'layer.json'));
    let summary: TerrainSummary;
    if (reused) summary = JSON.parse(readFileSync(stampFile, 'utf8')).summary;
    else {
      summary = undefined as unknown as TerrainSummary;
      await replaceFolder(path.join(out, 'terrain'), async (tmp) => {
        summary = await writeTerrainTiles({ nx: dem.nx, ny: dem.ny, x0: dem.x0, y0: dem.y0, dx: dem.dx, dy: dem.dy, data: dem.data, nodata: dem.nodata }, folderSink(tmp), {
          crs: config.crs, geoid: config.heights === 'orthometric' ? geoid : undefined,
          onProgress: (d, t) => options.onProgress?.('terrain', d, t),
        });
        await writeFile(path.join(tmp, 'source.json'), JSON.stringify({ hash: stamp, summary }));
      });
    }
    result.terrain = { ...summary, reused };
    if (terrainCfg.orthophoto) {
      const orthoFile = path.resolve(baseDir, terrainCfg.orthophoto);
      options.onStage?.('imagery');
      const iStampFile = path.join(out, 'imagery', 'source.json');
      const iStamp = await fileHash([orthoFile], { crs: config.crs, v: 1 });
      const iReused = !options.force && existsSync(iStampFile) && JSON.parse(readFileSync(iStampFile, 'utf8')).hash === iStamp;
      let meta: ImageryMeta;
      if (iReused) meta = JSON.parse(readFileSync(iStampFile, 'utf8')).meta;
      else {
        meta = undefined as unknown as ImageryMeta;
        const photo = await readRgbGeoTiff(orthoFile);
        await replaceFolder(path.join(out, 'imagery'), async (tmp) => {
          meta = await writeImageryTiles(photo, folderSink(tmp), { crs: config.crs, onProgress: (d, t) => options.onProgress?.('imagery', d, t) });
          await writeFile(path.join(tmp, 'source.json'), JSON.stringify({ hash: iStamp, meta }));
        });
      }
      result.imagery = { ...meta, reused: iReused };
    }
  }

  // Layers.
  const layers: Array<FeatureLayer | LodLayer> = [];
  for (const layer of config.layers) {
    if (layer.kind === 'terrain') continue;
    options.onStage?.(`layer ${layer.id ?? layer.kind}`);
    try {
      layers.push(...(await loadLayer(layer, { config, baseDir, geoid, ground, warn, strict: options.strict })));
    } catch (e) {
      if (options.strict) throw e;
      const msg = (e as Error).message;
      failures.push(msg);
      warn(`${msg} (layer ${layer.id ?? layer.kind} skipped)`);
    }
  }
  if (layers.length > 0) {
    options.onStage?.('tileset');
    result.tileset = await writeCimTileset({ layers, name: config.name }, createFolderTarget(path.join(out, 'tiles')), {
      compression: config.output.compression,
      textureFormat: config.output.textureFormat,
      ...(config.output.maxTrianglesPerTile ? { maxTrianglesPerTile: config.output.maxTrianglesPerTile } : {}),
      incremental: !options.force,
      onProgress: (p) => options.onProgress?.(`tileset ${p.layer}`, p.tiles, p.tiles + 1),
    });
  }
  await writeFile(path.join(out, 'tile-config.json.tmp'), JSON.stringify({ ...config, baseDir: path.resolve(baseDir) }, null, 2));
  await rename(path.join(out, 'tile-config.json.tmp'), path.join(out, 'tile-config.json'));
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}
