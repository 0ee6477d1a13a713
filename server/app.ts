/**
 * The one process that serves the twin: the built viewer, tilesets, terrain, imagery and replays (caching,
 * ranges, compression, cross-origin isolation), the viewer config, BIM projects with their audit log, flood
 * scenarios and their progress socket, and a hook where the sensor service (SensorThings API, MQTT, live
 * socket) plugs in. Storage: SQLite in the data folder by default, PostgreSQL with a `postgres://` URL.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../data/index.ts';
import { openTokenStore, requireReader, requireRole, principalOf, type TokenStore } from './auth/authenticator.ts';
import type { Authenticator, ScenarioProbe } from './contracts.ts';
import { readCityManifest, type CityInfo } from './http/city-manifest.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { installIsolationHeaders } from './http/isolation-headers.ts';
import { createMetrics } from './http/metrics.ts';
import { serveStatic } from './http/serve-static.ts';
import { archiveSource, folderSource, type StaticSource } from './http/static-source.ts';
import { DEFAULT_GEOID_OFFSET, viewerConfig } from './http/viewer-config.ts';
import { viewerMissingPage } from './http/viewer-missing-page.ts';
import { openDatabase, type Database } from './projects/database.ts';
import { readProjectFeatures } from './projects/project-seed.ts';
import { registerProjectRoutes } from './projects/project-routes.ts';
import { openProjectStore } from './projects/project-store.ts';
import type { FloodInputs } from './scenarios/scenario-request.ts';
import { registerScenarioRoutes } from './scenarios/scenario-routes.ts';
import { createScenarioService, type ScenarioService, type ScenarioServiceOptions } from './scenarios/scenario-service.ts';
import { openScenarioStore } from './scenarios/scenario-store.ts';

export const SERVER_VERSION = '0.1.0';

/** What the sensor service gets to work with when it plugs in. */
export interface SensorDeps {
  auth: Authenticator;
  /** Issues device tokens bound to datastreams (saved in tokens.json). */
  tokens: TokenStore;
  dataDir: string;
  /** The city folder (city.json, vector/sensors.geojson), when there is one. */
  cityDir: string | undefined;
  /** The storage the server uses: a SQLite file path or a `postgres://` URL (open your own connection). */
  db: string;
  probe: ScenarioProbe;
  publicReadOnly: boolean;
  log: FastifyBaseLogger;
}

/**
 * The sensor service's plug-in: register routes on `app` (@fastify/websocket is already registered, so
 * `{ websocket: true }` routes work), start what it runs, and return how to stop it.
 */
export type SensorPlugin = (app: FastifyInstance, deps: SensorDeps) => Promise<{ stop(): Promise<void> }>;

export interface ServerOptions {
  /** TCP port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Holds tiles/ (or tiles.3tz), terrain/, imagery/, replays/, cimflow.db and tokens.json. */
  dataDir: string;
  /** The demo city folder with city.json (DEM, Manning, buildings, BIM projects); default: dataDir. */
  cityDir?: string;
  /** SQLite file or `postgres://` URL; default `<dataDir>/cimflow.db`. */
  db?: string;
  /** Anonymous reads allowed (writes still need tokens). */
  publicReadOnly?: boolean;
  /** Default `<dataDir>/tokens.json`, created with one token per role on first start. */
  tokensFile?: string;
  /** The Vite build of the viewer; default `<project>/dist/viewer`. */
  viewerDir?: string;
  /** BIM projects (GeoJSON of bim-project features) to seed; default: the city's `bim` layer. */
  projectsFile?: string;
  /** DEM, Manning and buildings scenarios run on; default: the city's terrain, manning and buildings layers. */
  floodInputs?: FloodInputs;
  scenarios?: Pick<ScenarioServiceOptions, 'concurrency' | 'floodWorkers' | 'outputInterval'>;
  /** Largest request body (bytes). */
  bodyLimit?: number;
  /** Fastify logger options (false: silent). */
  logger?: boolean | { level: string };
  sensors?: SensorPlugin;
}

export const SERVER_DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  publicReadOnly: false,
  bodyLimit: 1024 * 1024,
  viewerDir: path.join(PROJECT_ROOT, 'dist', 'viewer'),
} as const;

export type ResolvedServerOptions = Readonly<ServerOptions & Required<Pick<ServerOptions, 'port' | 'host' | 'publicReadOnly' | 'bodyLimit' | 'viewerDir' | 'db'>> & { cityDir: string | undefined }>;

export interface CimflowServer {
  app: FastifyInstance;
  /** The base URL, set by start(). */
  readonly url: string;
  readonly tokens: TokenStore;
  readonly options: ResolvedServerOptions;
  /** Listens; resolves to the base URL (http://host:port). */
  start(): Promise<string>;
  /** Stops the sensors, aborts running scenarios, closes connections and the database. */
  stop(): Promise<void>;
}

function floodInputsOf(city: CityInfo | undefined): FloodInputs | undefined {
  const dem = city?.layer('terrain');
  if (!city || !dem) return undefined;
  const manning = city.layer('manning'), buildings = city.layer('buildings');
  // The city's storm network (SWMM .inp): scenarios run coupled to it (dual drainage).
  const drainage = city.layer('swmm');
  return { dir: city.dir, dem, ...(manning ? { manning } : {}), ...(buildings ? { buildings } : {}), ...(drainage ? { drainage } : {}) };
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

export async function createServer(options: ServerOptions): Promise<CimflowServer> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.join(dataDir, 'replays'), { recursive: true });
  const cityDir = options.cityDir ? path.resolve(options.cityDir) : existsSync(path.join(dataDir, 'city.json')) ? dataDir : undefined;
  const o: ResolvedServerOptions = { ...SERVER_DEFAULTS, ...options, dataDir, cityDir, db: options.db ?? path.join(dataDir, 'cimflow.db') };
  const city = cityDir ? await readCityManifest(cityDir) : undefined;

  const tokens = await openTokenStore(o.tokensFile ?? path.join(dataDir, 'tokens.json'));
  const db: Database = await openDatabase(o.db);
  const sources: StaticSource[] = [];
  let scenarios: ScenarioService | undefined;
  let sensors: { stop(): Promise<void> } | undefined;
  // Sensors and scenarios first (they may still write), then connections, then files and storage.
  const shutDown = async (app?: FastifyInstance) => {
    await sensors?.stop();
    await scenarios?.stop();
    await app?.close();
    for (const s of sources) await s.close();
    await db.close();
  };
  try {
    const app = Fastify({ logger: o.logger ?? false, bodyLimit: o.bodyLimit, forceCloseConnections: true, return503OnClosing: true });
    const metrics = createMetrics();
    installIsolationHeaders(app);
    installErrorHandling(app, metrics);
    await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

    const read = requireReader(tokens, o.publicReadOnly);
    app.get('/api/health', async () => ({ ok: true, version: SERVER_VERSION }));
    app.get('/api/config', async () => viewerConfig(dataDir, city, o.publicReadOnly));
    app.get('/api/whoami', { onRequest: read }, async (request) => principalOf(tokens, request));
    app.get('/api/metrics', { onRequest: requireRole(tokens, 'admin') }, async () => metrics);

    const projects = await openProjectStore(db);
    const projectsFile = o.projectsFile ?? city?.layer('bim');
    if (projectsFile && existsSync(projectsFile)) {
      const layer = city?.manifest.layers.find((l) => l.kind === 'bim')?.id ?? 'bim-projects';
      const added = await projects.seed(await readProjectFeatures(projectsFile, city?.manifest.verticalDatum.geoid.offset ?? DEFAULT_GEOID_OFFSET, layer));
      if (added > 0) app.log.info(`projects: ${added} seeded from ${projectsFile}`);
    }
    registerProjectRoutes(app, projects, tokens, o.publicReadOnly);

    scenarios = await createScenarioService({
      store: await openScenarioStore(db),
      inputs: o.floodInputs ?? floodInputsOf(city),
      replaysDir: path.join(dataDir, 'replays'),
      ...o.scenarios,
      log: { info: (m) => app.log.info(m), error: (m) => app.log.error(m) },
    });
    registerScenarioRoutes(app, scenarios, tokens, o.publicReadOnly);

    const tilesDir = path.join(dataDir, 'tiles'), tilesArchive = path.join(dataDir, 'tiles.3tz');
    sources.push(!isDir(tilesDir) && existsSync(tilesArchive) ? await archiveSource(tilesArchive) : folderSource(tilesDir));
    serveStatic(app, { prefix: '/tiles', source: sources[0] });
    serveStatic(app, { prefix: '/terrain', source: folderSource(path.join(dataDir, 'terrain')) });
    serveStatic(app, { prefix: '/imagery', source: folderSource(path.join(dataDir, 'imagery')) });
    // Replays grow while a scenario runs: clients revalidate (ETag changes with the size).
    serveStatic(app, { prefix: '/replays', source: folderSource(path.join(dataDir, 'replays')), cacheControl: () => 'no-cache' });
    serveStatic(app, {
      prefix: '',
      source: folderSource(o.viewerDir),
      index: 'index.html',
      // Vite puts content-hashed names under assets/.
      cacheControl: (rel) => (rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
      missing: (rel, reply) => (rel === 'index.html' ? reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(viewerMissingPage(o.viewerDir)) : undefined),
    });

    if (o.sensors) {
      sensors = await o.sensors(app, {
        auth: tokens, tokens, dataDir, cityDir, db: o.db, probe: scenarios.probe, publicReadOnly: o.publicReadOnly, log: app.log,
      });
    }
    await app.ready();

    let url = '';
    let stopping: Promise<void> | undefined;
    return {
      app,
      get url() {
        return url;
      },
      tokens,
      options: o,
      async start() {
        const address = await app.listen({ port: o.port, host: o.host });
        const { port } = new URL(address);
        const host = o.host === '0.0.0.0' || o.host === '::' ? 'localhost' : o.host.includes(':') ? `[${o.host}]` : o.host;
        url = `http://${host}:${port}`;
        return url;
      },
      stop() {
        stopping ??= shutDown(app);
        return stopping;
      },
    };
  } catch (e) {
    await shutDown().catch(() => {});
    throw e;
  }
}
