import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryReplay, ReplayReader, ReplayWriter } from './replay.ts';
import { fileReplaySink, fileReplaySource } from '../io/files.ts';
import { modelFrom, syntheticRaster } from '../testing.ts';
import { simulate } from '../simulate.ts';

const dem = syntheticRaster('dem', 40, 30, 2, (x, y) => 10 + 0.01 * x + 0.2 * Math.sin(y / 5));
const model = modelFrom({ dem: 'dem', manning: 0.03, rain: { type: 'uniform', hyetograph: [[0, 100], [300, 0]] }, boundaries: { default: 'free' }, duration: 600, outputInterval: 150 }, { dem });
const header = { name: 'test', crs: 'EPSG:4544', nx: model.nx, ny: model.ny, cellSize: model.dx, originX: model.x0, originY: model.y0, outputInterval: 150, duration: 600, scenario: '{}' };

describe('replay format', () => {
  it('round-trips frames with depth to the millimetre, sparse and compressed, with random access', async () => {
    const mem = new MemoryReplay();
    const w = new ReplayWriter(mem);
    await w.writeHeader(header);
    const frames = [];
    let last;
    for await (const f of simulate(model)) {
      await w.writeFrame(f);
      frames.push({ depth: f.depth, u: f.u, time: f.time, wet: f.depth.filter((h) => h >= 0.0005).length });
      last = f;
    }
    await w.writeMaxima({ time: last!.time, ...last!.maxima });
    const r = await ReplayReader.open(mem);
    expect(r.header).toMatchObject(header);
    expect(r.frameCount).toBe(5);
    expect(r.times).toEqual([0, 150, 300, 450, 600]);
    for (const k of [3, 1, 4]) {
      const f = await r.frame(k);
      expect(f.time).toBe(frames[k].time);
      let err = 0, uErr = 0;
      for (let c = 0; c < f.depth.length; c++) {
        err = Math.max(err, Math.abs(f.depth[c] - frames[k].depth[c]));
        if (f.depth[c] > 0) uErr = Math.max(uErr, Math.abs(f.u[c] - frames[k].u[c]));
      }
      expect(err).toBeLessThanOrEqual(0.0005 + 1e-7); // millimetre quantization
      expect(uErr).toBeLessThanOrEqual(0.005 + 1e-6); // cm/s
    }
    const f2 = await r.frameRecord(2);
    expect(f2.depth.length).toBeGreaterThan(0);
    expect(f2.balance.rain).toBeGreaterThan(0);
    // Sparse and compressed: far smaller than the dense Float32 grids it stands for.
    expect(mem.bytes('data').length).toBeLessThan(0.25 * 5 * 3 * 4 * model.nx * model.ny);
    const mx = await r.maxima();
    expect(mx).not.toBeNull();
    let e = 0;
    for (let c = 0; c < mx!.depth.length; c++) e = Math.max(e, Math.abs(mx!.depth[c] - last!.maxima.depth[c]));
    expect(e).toBeLessThanOrEqual(0.0005 + 1e-7);
  });

  it('is readable from files while the run is still writing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cimflow-replay-'));
    try {
      const sink = await fileReplaySink(dir, 'run');
      const w = new ReplayWriter(sink);
      await w.writeHeader(header);
      let reader: ReplayReader | null = null;
      const seen: number[] = [];
      for await (const f of simulate(model)) {
        await w.writeFrame(f);
        reader ??= await ReplayReader.open(await fileReplaySource(dir, 'run'));
        seen.push(await reader.refresh());
        const latest = await reader.frame(reader.frameCount - 1);
        expect(latest.time).toBe(f.time);
      }
      await sink.close();
      expect(seen).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a file that is not a replay', async () => {
    const mem = new MemoryReplay();
    await mem.append('index', new TextEncoder().encode('NOTINDEX'));
    await mem.append('data', new TextEncoder().encode('CFRPLAY1'));
    await expect(ReplayReader.open(mem)).rejects.toThrow(/replay index: expected magic CFRINDX1 at byte 0, found 'NOTINDEX'/);
  });
});
