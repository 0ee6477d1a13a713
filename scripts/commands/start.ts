/**
 * `npm start`: the main job. Generates the demo city when it is missing, tiles it when its model is
 * missing or stale (unchanged inputs are reused), builds the viewer when it is missing or older than
 * its sources, then serves the twin with the demo sensor feed and says what to open.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEMO_CITY_DIR, PROJECT_ROOT } from '../../data/index.ts';
import type { CommandSpec } from '../cli/command.ts';
import { CliError, UsageError } from '../cli/errors.ts';
import type { Progress } from '../cli/progress.ts';
import { configFromCityManifest, tileProgressHooks } from './tile.ts';

/** Newest modification time of the files under `dir` (test files excluded), ms. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (!/\.(test|bench)\.ts$|\.test-support\.ts$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Build the viewer with Vite when dist/viewer is missing or older than viewer/ or vite.config.ts. */
export function ensureViewerBuilt(log: (m: string) => void): { built: boolean; dir: string } {
  const dir = path.join(PROJECT_ROOT, 'dist', 'viewer');
  const index = path.join(dir, 'index.html');
  const sources = Math.max(newestSource(path.join(PROJECT_ROOT, 'viewer')), statSync(path.join(PROJECT_ROOT, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return { built: false, dir };
  log('building the viewer (vite build)…');
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new CliError(`vite build failed (exit ${r.status ?? r.signal})`);
  return { built: true, dir };
}

export const startCommand: CommandSpec = {
  name: 'start',
  summary: 'the main job: demo city → CIM model → viewer → server with a live demo sensor feed',
  usage: '',
  description: [
    'Generates the demo city into data/demo-city when missing, tiles it into data/demo-city/model when missing or',
    'stale, builds the viewer when needed, and serves everything on http://localhost:8080 ($PORT overrides)',
    'with the demo sensor feed and an embedded MQTT broker. Stop with Ctrl-C.',
  ].join('\n'),
  positionals: [0, 0],
  options: {
    port: { type: 'string', valueName: '<n>', description: 'TCP port (default $PORT or 8080)' },
    city: { type: 'string', valueName: '<dir>', description: `demo city folder (default ${path.relative(process.cwd(), DEMO_CITY_DIR) || DEMO_CITY_DIR})` },
    'mqtt-port': { type: 'string', valueName: '<n>', description: 'embedded MQTT broker port (default 1883; 0 = any free port)' },
    'prepare-only': { type: 'boolean', description: 'generate, tile and build, then exit without serving' },
  },
  async run(ctx) {
    const city = path.resolve((ctx.options.city as string | undefined) ?? DEMO_CITY_DIR);
    const model = path.join(city, 'model');
    const portText = (ctx.options.port as string | undefined) ?? (process.env.PORT || '8080');
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port / PORT: expected an integer 0..65535, found '${portText}'`);
    const mqttText = (ctx.options['mqtt-port'] as string | undefined) ?? '1883';
    if (!/^\d+$/.test(mqttText) || Number(mqttText) > 65535) throw new UsageError(`--mqtt-port: expected an integer 0..65535, found '${mqttText}'`);
    const made: string[] = [];

    // 1. The demo city.
    if (!existsSync(path.join(city, 'city.json'))) {
      ctx.log.info(`generating the demo city into ${city} …`);
      const { parseDemoCityOptions } = await import('../demo-city/demo-city-options.ts');
      const { generateDemoCity } = await import('../demo-city/generate-demo-city.ts');
      let bar: Progress | undefined;
      const s = await generateDemoCity(parseDemoCityOptions({ output: city, force: false }), {
        progress: (done, total, note) => {
          bar ??= ctx.progress('demo city', total);
          bar.set(done, note);
        },
      });
      bar?.finish();
      made.push(`demo city: ${Object.entries(s.counts).map(([k, v]) => `${v} ${k}`).join(', ')} (${s.seconds} s)`);
    }

    // 2. The CIM model (3D Tiles, terrain, imagery); unchanged inputs are reused.
    const { parseTileConfig, tileCity } = await import('../../tiling/index.ts');
    const manifest = JSON.parse(readFileSync(path.join(city, 'city.json'), 'utf8'));
    const config = parseTileConfig(configFromCityManifest(manifest, city), path.join(city, 'city.json'));
    ctx.log.info(`tiling ${city} into ${model} (unchanged inputs are reused) …`);
    const hooks = tileProgressHooks(ctx);
    const tiled = await tileCity(config, city, model, hooks);
    hooks.finish();
    const reused = tiled.tileset?.layers.filter((l) => l.reused > 0 && l.reused >= l.glbs).length ?? 0;
    made.push(`CIM model: ${tiled.tileset?.layers.length ?? 0} layers (${reused} unchanged), ${tiled.tileset?.tiles ?? 0} tiles, ${tiled.tileset?.triangles ?? 0} triangles; terrain ${tiled.terrain?.tiles ?? 0} tiles${tiled.terrain?.reused ? ' (unchanged)' : ''}; imagery ${tiled.imagery?.tiles ?? 0} tiles (${tiled.seconds.toFixed(0)} s)`);

    // 3. The viewer.
    const viewer = ensureViewerBuilt((m) => ctx.log.info(m));
    made.push(`viewer: ${viewer.built ? 'built' : 'up to date'} in ${path.relative(process.cwd(), viewer.dir)}`);
    for (const line of made) ctx.print(line);
    if (ctx.options['prepare-only']) return { city, model, made, served: false };

    // 4. The server with the sensor service and the demo feed.
    const { createServer } = await import('../../server/index.ts');
    const { sensorPlugin } = await import('../../server/sensors/index.ts');
    const server = await createServer({
      port, host: 'localhost', dataDir: model, cityDir: city, publicReadOnly: true,
      logger: { level: 'warn' },
      sensors: sensorPlugin({ mqtt: { embedded: { port: Number(mqttText) } }, demoFeedRate: 1 }),
    });
    const url = await server.start();
    if (server.tokens.created) {
      ctx.print(`tokens (written to ${server.tokens.file}; shown once):`);
      for (const t of server.tokens.userTokens()) ctx.print(`  ${t.role.padEnd(20)} ${t.token}`);
    }
    ctx.print(`cimflow is running: open ${url} in a browser (public read-only demo; writes need a token from ${server.tokens.file}).`);
    ctx.print(`SensorThings API: ${url}/v1.1  ·  MQTT: mqtt://localhost:${mqttText} topic v1.1/Datastreams(<id>)/Observations  ·  Ctrl-C stops.`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    await server.stop();
    return { city, model, url, made, served: true, stoppedBy: signal };
  },
};
