/**
 * Test fixtures: a temporary data folder holding a tiny tileset, a terrain layer with one tile, a replay
 * file and a tiny city (40 × 40 cells of 5 m around a bowl, one building, two BIM projects) in EPSG:4544;
 * and a real server on a free port of 127.0.0.1 over it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatEsriAscii } from '../../flood-sim/index.ts';
import { createServer, type CimflowServer, type ServerOptions } from '../app.ts';
import type { Role } from '../contracts.ts';

/** West and north edges of the test grid (EPSG:4544 m), near the demo town. */
export const GRID = { x0: 400_000, y0: 3_320_200, nx: 40, ny: 40, dx: 5 };
export const BUILDING_ID = 'building-centre';

/** Bytes that compress well, for compression and range tests. */
export const TERRAIN_TILE = Buffer.from(Array.from({ length: 8000 }, (_, i) => i % 7));

function bowlDem(): string {
  const data = new Float32Array(GRID.nx * GRID.ny);
  const c = (GRID.nx - 1) / 2;
  for (let j = 0; j < GRID.ny; j++) for (let i = 0; i < GRID.nx; i++) data[i + j * GRID.nx] = 200 + 0.02 * ((i - c) ** 2 + (j - c) ** 2);
  return formatEsriAscii({ name: 'dem', ...GRID, dy: GRID.dx, data });
}

function square(x: number, y: number, half: number): number[][][] {
  return [[[x - half, y - half], [x + half, y - half], [x + half, y + half], [x - half, y + half], [x - half, y - half]]];
}

const centre = { x: GRID.x0 + (GRID.nx * GRID.dx) / 2, y: GRID.y0 - (GRID.ny * GRID.dx) / 2 };

function bimProjects(): unknown {
  const base = { type: 'bim-project', source: { dataset: 'test' }, parcelId: 'parcel-1', submittedDate: '2026-01-05' };
  return {
    type: 'FeatureCollection',
    crs: 'EPSG:4544',
    features: [
      { type: 'Feature', id: 'bim-a', geometry: null, properties: { ...base, name: 'Library', permitNumber: 'P-1', status: 'submitted', placement: { origin: [centre.x, centre.y, 210], rotation: 0 } } },
      { type: 'Feature', id: 'bim-b', geometry: null, properties: { ...base, name: 'School', permitNumber: 'P-2', status: 'approved', reviewedDate: '2026-02-01', decidedDate: '2026-03-01' } },
    ],
  };
}

function cityManifest(): unknown {
  return {
    name: 'test town',
    crs: { horizontal: 'EPSG:4544' },
    verticalDatum: { geoid: { offset: -40.04 } },
    extent: {
      projected: { west: GRID.x0, south: GRID.y0 - 200, east: GRID.x0 + 200, north: GRID.y0 },
      geographic: { west: 103.96, south: 29.99, east: 103.962, north: 29.992 },
      centreLonLat: [103.961, 29.991],
    },
    layers: [
      { id: 'dem-ascii', kind: 'terrain', path: 'city/dem.asc' },
      { id: 'buildings', kind: 'buildings', path: 'city/buildings.geojson' },
      { id: 'bim-projects', kind: 'bim', path: 'city/projects.geojson' },
    ],
  };
}

/** A data folder with static fixtures and the tiny city; the caller removes it. */
export async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cimflow-server-'));
  const put = async (rel: string, data: string | Uint8Array) => {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), data);
  };
  await put('tiles/tileset.json', JSON.stringify({ asset: { version: '1.1' }, geometricError: 100, root: { geometricError: 0, refine: 'ADD', boundingVolume: { box: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1] }, content: { uri: 'content/0.glb' } }, pad: 'x'.repeat(2000) }));
  await put('tiles/content/0.glb', Buffer.concat([Buffer.from('glTF'), Buffer.alloc(3000, 1)]));
  await put('terrain/layer.json', JSON.stringify({ tilejson: '2.1.0', format: 'quantized-mesh-1.0', extensions: ['octvertexnormals'], tiles: ['{z}/{x}/{y}.terrain'] }));
  await put('terrain/0/0/0.terrain', TERRAIN_TILE);
  await put('replays/fixture/flood.cfr', Buffer.alloc(5000, 3));
  await put('city.json', JSON.stringify(cityManifest()));
  await put('city/dem.asc', bowlDem());
  await put('city/buildings.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: BUILDING_ID, properties: {}, geometry: { type: 'Polygon', coordinates: square(centre.x, centre.y, 7.5) } }] }));
  await put('city/projects.geojson', JSON.stringify(bimProjects()));
  await put('secret.txt', 'not for the web');
  return dir;
}

export interface TestServer {
  server: CimflowServer;
  url: string;
  token(role: Role): string;
  /** fetch with a role's bearer token (or none). */
  call(pathname: string, init?: RequestInit & { role?: Role; json?: unknown }): Promise<Response>;
}

export async function startTestServer(dataDir: string, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const server = await createServer({ port: 0, host: '127.0.0.1', dataDir, viewerDir: path.join(dataDir, 'viewer'), scenarios: { outputInterval: 180 }, ...options });
  const url = await server.start();
  const tokens = new Map(server.tokens.userTokens().map((t) => [t.role, t.token]));
  const token = (role: Role) => tokens.get(role)!;
  return {
    server, url, token,
    call(pathname, init = {}) {
      const { role, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (role) headers.set('authorization', `Bearer ${token(role)}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(url + pathname, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
