import path from 'node:path';
import { DEMO_CITY_DIR } from '../../data/index.ts';
import type { CommandSpec } from '../cli/command.ts';
import { UsageError } from '../cli/errors.ts';

function parsePort(s: string): number {
  const v = Number(s);
  if (!/^\d+$/.test(s.trim()) || v > 65535) throw new UsageError(`--port: expected an integer 0..65535, found '${s}'`);
  return v;
}

export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'serve the twin: viewer, tiles, terrain, replays, BIM projects, flood scenarios',
  usage: '',
  description: [
    'Starts the server in the foreground until Ctrl-C (SIGINT) or SIGTERM. The data folder holds tiles/ (or',
    'tiles.3tz), terrain/, imagery/, replays/, the SQLite database cimflow.db and tokens.json (created on first',
    'start with one bearer token per role, printed once). A city.json there (or in --city) names the DEM,',
    'buildings and BIM projects. `npm start` adds the demo city and its sensor feed on top of this.',
    '',
    'Examples:',
    '  cimflow serve --data data/demo-city',
    '  cimflow serve --port 0 --data /tmp/twin --db postgres://cimflow@localhost/cimflow --public',
  ].join('\n'),
  positionals: [0, 0],
  options: {
    port: { type: 'string', valueName: '<n>', description: 'TCP port, 0 = any free port (default $PORT or 8080)' },
    host: { type: 'string', valueName: '<addr>', description: 'address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)' },
    data: { type: 'string', valueName: '<dir>', description: `data folder (default ${path.relative(process.cwd(), DEMO_CITY_DIR) || '.'})` },
    city: { type: 'string', valueName: '<dir>', description: 'demo city folder with city.json (default: the data folder)' },
    db: { type: 'string', valueName: '<file|url>', description: 'SQLite file or postgres:// URL (default <data>/cimflow.db)' },
    public: { type: 'boolean', description: 'read-only public mode: anonymous reads allowed, writes still need tokens' },
    'mqtt-port': { type: 'string', valueName: '<n>', description: 'embedded MQTT broker port (default 1883; 0 = any free port)' },
    'mqtt-url': { type: 'string', valueName: '<url>', description: 'use an external MQTT broker (e.g. mqtt://localhost:1883) instead of the embedded one' },
  },
  async run(ctx) {
    // Loaded here so that other commands do not pay for the server's dependencies.
    const { createServer, isPostgresUrl } = await import('../../server/index.ts');
    const { sensorPlugin } = await import('../../server/sensors/index.ts');
    const o = ctx.options;
    const mqttPort = parsePort((o['mqtt-port'] as string | undefined) ?? '1883');
    const mqttUrl = o['mqtt-url'] as string | undefined;
    const port = parsePort((o.port as string | undefined) ?? (process.env.PORT || '8080'));
    const dataDir = path.resolve((o.data as string | undefined) ?? DEMO_CITY_DIR);
    const server = await createServer({
      port,
      host: (o.host as string | undefined) ?? '127.0.0.1',
      dataDir,
      ...(o.city ? { cityDir: o.city as string } : {}),
      ...(o.db ? { db: o.db as string } : {}),
      publicReadOnly: Boolean(o.public),
      // The sensor service without the demo feed: SensorThings API, MQTT, alarms, live push.
      sensors: sensorPlugin({ mqtt: mqttUrl ? { embedded: false, url: mqttUrl } : { embedded: { port: mqttPort } }, demoFeedRate: false }),
      logger: { level: ctx.options['log-level'] === 'debug' ? 'info' : 'warn' },
    });
    const url = await server.start();
    if (server.tokens.created) {
      ctx.print(`tokens (written to ${server.tokens.file}; shown once):`);
      for (const t of server.tokens.userTokens()) ctx.print(`  ${t.role.padEnd(20)} ${t.token}`);
    }
    ctx.print(`cimflow server: ${url}`);
    ctx.log.info(`data: ${dataDir}; storage: ${isPostgresUrl(server.options.db) ? 'PostgreSQL' : server.options.db}; ${server.options.publicReadOnly ? 'public read-only' : 'private'} mode. Stop with Ctrl-C.`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    ctx.log.info(`${signal}: stopping`);
    await server.stop();
    return { url, dataDir, stoppedBy: signal };
  },
};
