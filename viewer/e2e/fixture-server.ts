/**
 * A stand-in for the cimflow server (server/contracts.ts) for the browser tests and the benchmark:
 * serves the built viewer and a demo fixture, the JSON endpoints the viewer reads, a minimal
 * SensorThings subset and the `/ws/live` and `/ws/scenarios` streams. Faults can be switched on to
 * check the viewer's error states.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BimProjectSummary, LiveMessage, ScenarioSummary } from '../../server/index.ts';
import type { DemoFixture } from './demo-fixture.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.glb': 'model/gltf-binary', '.terrain': 'application/vnd.quantized-mesh',
  '.xml': 'application/xml',
};

/** The construction bureau's bearer token in the fixture. */
export const BUREAU_TOKEN = 'bureau-secret';

export interface FixtureFaults {
  configDown?: boolean;
  tilesetMissing?: boolean;
}

export interface FixtureServer {
  url: string;
  faults: FixtureFaults;
  scenarios: ScenarioSummary[];
  projects: BimProjectSummary[];
  /** Sends observations to every live client (with the next seq). */
  publish(items: Extract<LiveMessage, { type: 'observations' }>['items']): void;
  /** Sends raw text to every live client (malformed-message tests). */
  sendRaw(text: string): void;
  liveClients(): number;
  close(): Promise<void>;
}

export async function startFixtureServer(viewerDir: string, fixture: DemoFixture, port = 0): Promise<FixtureServer> {
  const faults: FixtureFaults = {};
  const now = new Date().toISOString();
  const scenarios: ScenarioSummary[] = [{
    id: fixture.replayId, name: '50-year storm, 2 h', request: { name: '50-year storm, 2 h', kind: 'design-storm', returnPeriod: 50, duration: 120 },
    state: 'done', progress: 1, createdAt: now, finishedAt: now,
    results: { replay: `replays/${fixture.replayId}/replay.cfr`, frames: fixture.replayFrames, maxDepth: 1.4, balance: { error: 0 }, affectedBuildings: fixture.affected, floodedAreaM2: 64000 },
  }];
  const projects: BimProjectSummary[] = [
    { id: 'P-001', name: '合川区图书馆', permitNumber: '建字第 500117-2026-001 号', status: 'approved', submittedDate: '2026-03-01', parcelId: 'HC-01', location: { lon: fixture.config.home.lon, lat: fixture.config.home.lat + 0.007, height: 180 } },
    { id: 'P-002', name: 'Riverside school', permitNumber: 'JZ-2026-002', status: 'under-review', submittedDate: '2026-05-12', parcelId: 'HC-02' },
  ];
  const statics: Array<[string, string]> = [['/tiles/', 'tiles'], ['/terrain/', 'terrain'], ['/imagery/', 'imagery'], ['/replays/', 'replays']];

  async function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string): Promise<void> {
    let size: number;
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      size = s.size;
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    const headers: Record<string, string | number> = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes' };
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
    if (range) {
      const start = Number(range[1]), end = Math.min(size - 1, range[2] ? Number(range[2]) : size - 1);
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': size });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  const json = (res: http.ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };

  function sensorThings(url: URL, res: http.ServerResponse): void {
    const history = /^\/v1\.1\/Datastreams\((\d+)\)\/Observations$/.exec(url.pathname);
    if (history) {
      const t0 = Date.now();
      return json(res, { value: Array.from({ length: 30 }, (_, k) => ({ phenomenonTime: new Date(t0 - k * 60_000).toISOString(), result: 0.3 + 0.2 * Math.sin(k / 4) })) });
    }
    if (url.pathname === '/v1.1/Datastreams') {
      return json(res, {
        value: fixture.sensors.map((s) => ({
          '@iot.id': s.datastream, name: `${s.name} water level`, unitOfMeasurement: { symbol: 'm' },
          Thing: { name: s.name, Locations: [{ location: { type: 'Point', coordinates: [s.lon, s.lat, s.height] } }] },
        })),
      });
    }
    json(res, { message: 'not found' }, 404);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = decodeURIComponent(url.pathname);
    if (p === '/api/config') return faults.configDown ? json(res, { message: 'down' }, 503) : json(res, fixture.config);
    if (p === '/api/health') return json(res, { ok: true, version: 'fixture' });
    if (p === '/api/scenarios' && req.method === 'GET') return json(res, scenarios);
    if (p === '/api/projects') {
      const status = url.searchParams.get('status');
      return json(res, status ? projects.filter((x) => x.status === status) : projects);
    }
    const status = /^\/api\/projects\/([^/]+)\/status$/.exec(p);
    if (status && req.method === 'POST') {
      if (req.headers.authorization !== `Bearer ${BUREAU_TOKEN}`) return json(res, { message: 'unknown token' }, 401);
      const project = projects.find((x) => x.id === status[1]);
      if (!project) return json(res, { message: 'no such project' }, 404);
      let body = '';
      req.on('data', (c: Buffer) => { body += String(c); });
      req.on('end', () => {
        const change = JSON.parse(body) as { status: BimProjectSummary['status']; reason: string };
        if (!change.reason) return json(res, { message: 'reason required' }, 400);
        project.status = change.status;
        json(res, project);
      });
      return;
    }
    if (p.startsWith('/v1.1/')) return sensorThings(url, res);
    for (const [prefix, folder] of statics) {
      if (!p.startsWith(prefix)) continue;
      if (faults.tilesetMissing && prefix === '/tiles/') return void res.writeHead(404).end('not found');
      const rel = path.normalize(p.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
      return void sendFile(req, res, path.join(fixture.dir, folder, rel));
    }
    const rel = path.normalize(p === '/' ? 'index.html' : p.slice(1)).replace(/^(\.\.[/\\])+/, '');
    void sendFile(req, res, path.join(viewerDir, rel));
  });

  const live = new WebSocketServer({ noServer: true });
  const scenarioWs = new WebSocketServer({ noServer: true });
  const seqOf = new Map<WebSocket, number>();
  const send = (ws: WebSocket, body: Record<string, unknown>) => {
    const seq = (seqOf.get(ws) ?? 0) + 1;
    seqOf.set(ws, seq);
    ws.send(JSON.stringify({ ...body, seq }));
  };
  live.on('connection', (ws) => {
    send(ws, { type: 'hello', serverTime: new Date().toISOString() });
    const latest = fixture.sensors.map((s, k) => ({ datastream: s.datastream, time: new Date().toISOString(), value: 0.1 * k, alarm: k === 3 ? 'alarm' : 'normal' }));
    send(ws, { type: 'snapshot', latest });
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string };
      if (msg.type === 'resync') send(ws, { type: 'snapshot', latest });
    });
    ws.on('close', () => seqOf.delete(ws));
  });
  server.on('upgrade', (req, socket, head) => {
    const p = new URL(req.url ?? '/', 'http://localhost').pathname;
    const target = p === '/ws/live' ? live : p === '/ws/scenarios' ? scenarioWs : undefined;
    if (!target) return socket.destroy();
    target.handleUpgrade(req, socket, head, (ws) => target.emit('connection', ws, req));
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    faults, scenarios, projects,
    publish(items) {
      for (const ws of live.clients) send(ws, { type: 'observations', items });
    },
    sendRaw(text) {
      for (const ws of live.clients) ws.send(text);
    },
    liveClients: () => live.clients.size,
    async close() {
      for (const ws of [...live.clients, ...scenarioWs.clients]) ws.terminate();
      live.close();
      scenarioWs.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
