/**
 * Flood scenarios: create, queue, run (at most `concurrency` at once, each on its own flood worker
 * threads so the server's event loop stays free), cancel, and keep for comparison. A run writes
 * `<replaysDir>/<id>/replay.cfr` + `replay.cfi` (flood-sim replay) and `summary.json`; the summary row holds
 * the results. Progress goes to listeners (the /ws/scenarios socket). Runs cut off by a stop or a crash
 * are marked failed on the next start; queued ones run again.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  drainageFromScenario, fileReplaySink, loadScenario, nodeWorkerFactory, parseInp, parseScenario, ReplayWriter, simulate, simulateCoupled,
  type CoupledFrame, type FloodFrame,
} from '../../flood-sim/index.ts';
import type { ScenarioProbe, ScenarioProgress, ScenarioRequest, ScenarioSummary } from '../contracts.ts';
import { ApiError, notFound } from '../http/api-error.ts';
import { affectedBuildings, floodedArea } from './flood-impact.ts';
import { loadReplayDepths, type ReplayDepths } from './replay-probe.ts';
import { toFloodScenario, type FloodInputs } from './scenario-request.ts';
import type { ScenarioStore } from './scenario-store.ts';

export interface ScenarioServiceOptions {
  store: ScenarioStore;
  /** What scenarios run on; without it a create is refused (409). */
  inputs?: FloodInputs;
  /** Folder of the per-scenario result folders (served at /replays). */
  replaysDir: string;
  /** Scenarios run at once; others wait in order. */
  concurrency?: number;
  /** Flood worker threads per run (≥ 1: the solver never runs on the server's event loop). */
  floodWorkers?: number;
  /** Seconds between replay frames (default: flood-sim's, min(duration, 300)). */
  outputInterval?: number;
  log?: { info(msg: string): void; error(msg: string): void };
}

export const SCENARIO_SERVICE_DEFAULTS = {
  concurrency: 1,
  /** All cores but one (kept for the server), at most 4; at least 1. */
  floodWorkers: Math.max(1, Math.min(4, os.availableParallelism() - 1)),
} as const;

export const REPLAY_NAME = 'replay';

export interface ScenarioService {
  create(request: ScenarioRequest): Promise<ScenarioSummary>;
  cancel(id: string): Promise<ScenarioSummary>;
  get(id: string): Promise<ScenarioSummary>;
  list(): Promise<ScenarioSummary[]>;
  /** Subscribes to progress; returns the unsubscribe function. */
  onProgress(listener: (p: ScenarioProgress) => void): () => void;
  /** Depths of the latest finished scenario, for the demo sensor feed. */
  readonly probe: ScenarioProbe;
  /** Resolves when nothing is queued or running (tests). */
  idle(): Promise<void>;
  /** Aborts running scenarios (marked failed) and stops taking new ones. */
  stop(): Promise<void>;
}

export async function createScenarioService(options: ScenarioServiceOptions): Promise<ScenarioService> {
  const { store, inputs, replaysDir } = options;
  const concurrency = options.concurrency ?? SCENARIO_SERVICE_DEFAULTS.concurrency;
  const floodWorkers = Math.max(1, options.floodWorkers ?? SCENARIO_SERVICE_DEFAULTS.floodWorkers);
  const log = options.log ?? { info: () => {}, error: () => {} };
  const listeners = new Set<(p: ScenarioProgress) => void>();
  const queue: string[] = [];
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  let idleWaiters: Array<() => void> = [];
  let stopped = false;
  let active: { id: string; depths: ReplayDepths } | undefined;

  const emit = (s: ScenarioSummary, simTime?: number, message?: string) => {
    const p: ScenarioProgress = { type: 'scenario', id: s.id, state: s.state, progress: s.progress, ...(simTime !== undefined ? { simTime } : {}), ...(message ? { message } : {}) };
    for (const l of listeners) l(p);
  };
  const save = async (s: ScenarioSummary, simTime?: number, message?: string) => {
    await store.put(s);
    emit(s, simTime, message);
  };

  const activate = async (s: ScenarioSummary) => {
    try {
      active = { id: s.id, depths: await loadReplayDepths(path.join(replaysDir, s.id), REPLAY_NAME) };
    } catch (e) {
      log.error(`scenario ${s.id}: cannot read its replay for the probe: ${(e as Error).message}`);
    }
  };

  async function execute(s: ScenarioSummary, signal: AbortSignal): Promise<void> {
    if (!inputs) throw new Error('no flood inputs');
    const dir = path.join(replaysDir, s.id);
    const scenario = parseScenario(toFloodScenario(s.request, inputs, options.outputInterval), `scenario ${s.id}`);
    const model = await loadScenario(scenario, inputs.dir);
    let coupled: ReturnType<typeof drainageFromScenario> | undefined;
    if (scenario.drainage) {
      const file = path.resolve(inputs.dir, scenario.drainage.inp);
      coupled = drainageFromScenario(scenario.drainage, parseInp(await readFile(file, 'utf8'), { file }), model.duration);
    }
    await mkdir(dir, { recursive: true });
    const sink = (await fileReplaySink(dir, REPLAY_NAME)) as Awaited<ReturnType<typeof fileReplaySink>> & { close(): Promise<void> };
    let last: FloodFrame | undefined;
    let drainage: CoupledFrame['drainage'] | undefined;
    let frames = 0;
    try {
      const writer = new ReplayWriter(sink);
      await writer.writeHeader({
        name: model.name, crs: model.crs ?? 'EPSG:4544', nx: model.nx, ny: model.ny, cellSize: model.dx, originX: model.x0, originY: model.y0,
        outputInterval: model.outputInterval, duration: model.duration, scenario: JSON.stringify(scenario),
      });
      const run = { workers: Math.min(floodWorkers, model.ny), workerFactory: nodeWorkerFactory };
      // Coupled runs route the network and the exchange on this thread between the workers' chunks (~1 % of a run).
      const frameSource = coupled ? simulateCoupled(model, coupled.network, { ...run, drainage: coupled.options }) : simulate(model, run);
      for await (const f of frameSource) {
        await writer.writeFrame(f);
        frames++;
        last = f;
        if ('drainage' in f) drainage = f.drainage;
        s.progress = model.duration > 0 ? f.time / model.duration : 1;
        await save(s, f.time);
        if (signal.aborted) break;
      }
      if (signal.aborted || !last) return;
      await writer.writeMaxima({ time: last.time, ...last.maxima });
    } finally {
      await sink.close();
    }
    const grid = { nx: model.nx, ny: model.ny, dx: model.dx, x0: model.x0, y0: model.y0 };
    const maxDepth = last.maxima.depth;
    let deepest = 0;
    for (let c = 0; c < maxDepth.length; c++) if (maxDepth[c] > deepest) deepest = maxDepth[c];
    const buildingsFile = inputs.buildings ? path.resolve(inputs.dir, inputs.buildings) : undefined;
    s.results = {
      replay: `/replays/${s.id}/${REPLAY_NAME}.cfr`,
      frames,
      maxDepth: +deepest.toFixed(3),
      balance: { ...last.balance },
      affectedBuildings: buildingsFile ? await affectedBuildings(buildingsFile, maxDepth, grid) : [],
      floodedAreaM2: floodedArea(maxDepth, grid),
    };
    await writeFile(path.join(dir, 'summary.json'), `${JSON.stringify({ ...s.results, grid, steps: last.steps, wallSeconds: last.wallSeconds, ...(drainage ? { drainage } : {}), scenario }, null, 2)}\n`);
  }

  async function run(id: string, abort: AbortController): Promise<void> {
    const s = await store.get(id);
    if (!s || s.state !== 'queued' || abort.signal.aborted) return;
    s.state = 'running';
    s.startedAt = new Date().toISOString();
    await save(s, 0);
    try {
      await execute(s, abort.signal);
      if (abort.signal.aborted) {
        s.state = stopped ? 'failed' : 'cancelled';
        if (stopped) s.error = 'interrupted: the server stopped';
        await rm(path.join(replaysDir, s.id), { recursive: true, force: true });
      } else {
        s.state = 'done';
        s.progress = 1;
      }
    } catch (e) {
      s.state = 'failed';
      s.error = (e as Error).message;
      log.error(`scenario ${s.id} failed: ${s.error}`);
    }
    s.finishedAt = new Date().toISOString();
    // The probe moves to the new replay before anyone can see the scenario done.
    if (s.state === 'done') await activate(s);
    await save(s, undefined, s.error);
  }

  const pump = () => {
    while (!stopped && running.size < concurrency && queue.length > 0) {
      const id = queue.shift()!;
      const abort = new AbortController();
      // Registered before the first await, so stop() and cancel() always see it.
      const done = run(id, abort)
        .catch((e: Error) => log.error(`scenario ${id}: ${e.message}`))
        .finally(() => {
          running.delete(id);
          pump();
        });
      running.set(id, { abort, done });
    }
    if (running.size === 0 && queue.length === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      for (const f of w) f();
    }
  };

  // A previous process may have died mid-run: its running scenarios failed, its queued ones run now.
  for (const s of await store.withState('running')) {
    await store.put({ ...s, state: 'failed', error: 'interrupted: the server stopped during the run', finishedAt: new Date().toISOString() });
  }
  for (const s of await store.withState('queued')) queue.push(s.id);
  const latest = (await store.withState('done')).sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''))[0];
  if (latest) await activate(latest);
  pump();

  const get = async (id: string) => {
    const s = await store.get(id);
    if (!s) throw notFound('scenario', id);
    return s;
  };

  return {
    async create(request) {
      if (!inputs) throw new ApiError(409, 'no-flood-inputs', 'scenarios: this server has no DEM to simulate on (no city.json with a terrain layer in the data folder)');
      if (stopped) throw new ApiError(503, 'stopping', 'scenarios: the server is stopping');
      const s: ScenarioSummary = { id: randomUUID(), name: request.name, request, state: 'queued', progress: 0, createdAt: new Date().toISOString() };
      await save(s);
      queue.push(s.id);
      log.info(`scenario ${s.id} '${s.name}' queued (${queue.length} waiting, ${running.size} running)`);
      pump();
      return s;
    },
    async cancel(id) {
      const s = await get(id);
      if (s.state === 'queued') {
        queue.splice(queue.indexOf(id), 1);
        const cancelled: ScenarioSummary = { ...s, state: 'cancelled', finishedAt: new Date().toISOString() };
        await save(cancelled);
        pump();
        return cancelled;
      }
      const r = running.get(id);
      if (s.state !== 'running' || !r) throw new ApiError(409, 'not-cancellable', `scenario '${id}' is ${s.state}; only queued or running scenarios can be cancelled`);
      r.abort.abort();
      await r.done;
      return get(id);
    },
    get,
    list: () => store.list(),
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    probe: {
      activeScenario: () => active?.id,
      depthAt: (x, y, t) => active?.depths.depthAt(x, y, t),
      duration: () => active?.depths.duration,
    },
    idle: () => new Promise<void>((resolve) => {
      if (running.size === 0 && queue.length === 0) resolve();
      else idleWaiters.push(resolve);
    }),
    async stop() {
      stopped = true;
      queue.length = 0;
      for (const r of running.values()) r.abort.abort();
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}
