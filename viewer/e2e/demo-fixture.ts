/**
 * A small demo city written with the project's own writers, for the browser tests and the
 * benchmark: a 64 × 64 DEM (10 m cells, EPSG:4544, 1985 heights, a valley running north–south)
 * near Hechuan (106.27 E, 29.99 N) → quantized-mesh terrain and JPEG imagery; nine LoD1
 * buildings → the CIM tileset; a flood replay whose water fills the valley; sensors along it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFeature, transformPoint, type Building, type GeoidModel } from '../../cim-model/index.ts';
import { MemoryReplay, ReplayWriter } from '../../flood-sim/index.ts';
import type { ViewerConfig } from '../../server/index.ts';
import { buildBuildingLayer, createFolderTarget, writeCimTileset, writeImageryTiles, writeTerrainTiles } from '../../tiling/index.ts';

export const DEMO_CENTRE = { lon: 106.27, lat: 29.99 };
export const GEOID = { kind: 'constant', offset: -40.04 } as const satisfies GeoidModel;
const N = 64, CELL = 10;

export interface DemoFixture {
  dir: string;
  config: ViewerConfig;
  /** Building ids and their centres (lon, lat in degrees, ellipsoidal height at mid-height, m). */
  buildings: Array<{ id: string; lon: number; lat: number; height: number }>;
  affected: string[];
  /** A ground point in the middle of the valley (lon, lat, ellipsoidal height). */
  valley: { lon: number; lat: number; height: number };
  sensors: Array<{ datastream: number; name: string; lon: number; lat: number; height: number }>;
  replayId: string;
  replayFrames: number;
}

export async function writeDemoFixture(dir: string): Promise<DemoFixture> {
  const [cx, cy] = transformPoint('EPSG:4326', 'EPSG:4544', [DEMO_CENTRE.lon, DEMO_CENTRE.lat]);
  const x0 = Math.round(cx) - (N * CELL) / 2, y0 = Math.round(cy) + (N * CELL) / 2;
  const grid = { nx: N, ny: N, x0, y0, dx: CELL, dy: CELL };
  // Ground (m, 1985 datum): 220 m with a valley 6 m deep along the middle column, sloping south.
  const ground = (i: number, j: number) => 220 - 6 * Math.exp(-(((i - N / 2) / 6) ** 2)) - 0.02 * j;
  const dem = new Float32Array(N * N);
  for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) dem[i + j * N] = ground(i, j);
  const sink = (root: string) => async (p: string, bytes: Uint8Array) => {
    const file = path.join(dir, root, p);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  };
  const terrain = await writeTerrainTiles({ ...grid, data: dem }, sink('terrain'), { crs: 'EPSG:4544', geoid: GEOID });
  const rgb = new Uint8Array(N * N * 3);
  for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) {
    const road = i % 16 === 0 || j % 16 === 0;
    const o = 3 * (i + j * N);
    rgb.set(road ? [150, 150, 150] : [60 + ((i * 7) % 40), 110 + ((j * 5) % 50), 50], o);
  }
  const imagery = await writeImageryTiles({ ...grid, rgb }, sink('imagery'), { crs: 'EPSG:4544', levels: 4 });

  const source = { dataset: 'cimflow viewer test fixture' };
  const buildings: Building[] = [];
  for (let b = 0; b < 9; b++) {
    const gi = 20 + (b % 3) * 10, gj = 18 + Math.floor(b / 3) * 12;
    const bx = x0 + gi * CELL, by = y0 - gj * CELL;
    buildings.push(parseFeature({
      type: 'building', id: `HC-B${String(b + 1).padStart(3, '0')}`, name: `合川楼 ${b + 1}`, source,
      geometry: { type: 'Polygon', coordinates: [[[bx, by], [bx + 40, by], [bx + 40, by + 30], [bx, by + 30], [bx, by]]] },
      height: 12 + 6 * b, baseElevation: ground(gi + 2, gj - 1.5) - 1, floors: 4 + 2 * b, use: b % 2 ? 'commercial' : 'residential',
    }) as Building);
  }
  const layer = buildBuildingLayer(buildings, { crs: 'EPSG:4544+5737', geoid: GEOID });
  await writeCimTileset({ layers: [layer], name: 'Hechuan test' }, createFolderTarget(path.join(dir, 'tiles')), { incremental: false });

  // Replay: the valley fills to 3.5 m over 10 frames of 60 s; buildings whose footprint lies in it are reached.
  const replay = new MemoryReplay();
  const writer = new ReplayWriter(replay);
  const frames = 10;
  await writer.writeHeader({ name: 'fixture', crs: 'EPSG:4544', nx: N, ny: N, cellSize: CELL, originX: x0, originY: y0, outputInterval: 60, duration: 600, scenario: '{}' });
  const zero = { initial: 0, rain: 0, inflow: 0, outflow: 0, losses: 0, stored: 0, error: 0 };
  const depthAt = (k: number, i: number) => Math.max(0, (3.5 * (k + 1)) / frames - 6 + 6 * Math.exp(-(((i - N / 2) / 6) ** 2)));
  const max = new Float32Array(N * N);
  for (let k = 0; k < frames; k++) {
    const depth = new Float32Array(N * N), u = new Float32Array(N * N), v = new Float32Array(N * N);
    for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) {
      const d = depthAt(k, i) > 0 ? depthAt(k, i) + 0.2 * ((k + 1) / frames) : 0;
      depth[i + j * N] = d;
      v[i + j * N] = d > 0 ? -0.5 : 0;
      max[i + j * N] = Math.max(max[i + j * N], d);
    }
    await writer.writeFrame({ index: k, time: 60 * (k + 1), steps: 10, depth, u, v, balance: zero });
  }
  await writer.writeMaxima({ time: 600, depth: max, speed: max.map((d) => (d > 0 ? 0.5 : 0)), hazard: max.map((d) => d * 1.0), firstWet: new Float32Array(N * N), durationAbove: new Float32Array(N * N) });
  const replayId = 'fixture-run';
  await mkdir(path.join(dir, 'replays', replayId), { recursive: true });
  await writeFile(path.join(dir, 'replays', replayId, 'replay.cfr'), replay.bytes('data'));
  await writeFile(path.join(dir, 'replays', replayId, 'replay.cfi'), replay.bytes('index'));
  const affected = buildings.filter((b) => {
    const ring = (b.geometry as { coordinates: number[][][] }).coordinates[0];
    return ring.some(([x, y]) => max[Math.floor((x - x0) / CELL) + Math.floor((y0 - y) / CELL) * N] > 0.15);
  }).map((b) => b.id);

  const sensors = Array.from({ length: 12 }, (_, k) => {
    const i = N / 2 + ((k % 4) - 1.5) * 8, j = 8 + Math.floor(k / 4) * 20;
    const [lon, lat] = transformPoint('EPSG:4544', 'EPSG:4326', [x0 + (i + 0.5) * CELL, y0 - (j + 0.5) * CELL]);
    return { datastream: 100 + k, name: `水位计 ${k + 1}`, lon, lat, height: ground(i, j) + GEOID.offset + 3 };
  });
  const [west, south, east] = terrain.bounds;
  const config: ViewerConfig = {
    title: 'Hechuan test twin',
    tileset: 'tiles/tileset.json',
    terrain: 'terrain/',
    imagery: { url: 'imagery/{z}/{x}/{y}.jpg', bounds: imagery.bounds, minLevel: imagery.minLevel, maxLevel: imagery.maxLevel },
    home: { lon: (west + east) / 2, lat: south - 0.0045, height: 180 + 400, heading: 0, pitch: -35 },
    crs: 'EPSG:4544', geoidOffset: -40.04, sensorThings: 'v1.1', publicReadOnly: true,
  };
  const centres = buildings.map((b) => {
    const ring = (b.geometry as { coordinates: number[][][] }).coordinates[0];
    const [lon, lat] = transformPoint('EPSG:4544', 'EPSG:4326', [ring[0][0] + 20, ring[0][1] + 15]);
    return { id: b.id, lon, lat, height: b.baseElevation + GEOID.offset + b.height / 2 };
  });
  // Row 45 lies south of every building (rows 15–42; the home camera looks north) and off the sensors.
  const [vlon, vlat] = transformPoint('EPSG:4544', 'EPSG:4326', [x0 + (N / 2) * CELL, y0 - 45.5 * CELL]);
  const valley = { lon: vlon, lat: vlat, height: ground(N / 2, 45.5) + GEOID.offset };
  return { dir, config, buildings: centres, valley, affected, sensors, replayId, replayFrames: frames };
}
