import { describe, expect, it } from 'vitest';
import { MemoryReplay, ReplayReader, ReplayWriter } from '../../flood-sim/index.ts';
import { browserReplaySource, frameAt, indexUrlFor } from './replay-source.ts';

describe('replay in the browser', () => {
  it('finds the frame shown at a time', () => {
    expect(frameAt([60, 120, 180], 0)).toBe(-1);
    expect(frameAt([60, 120, 180], 60)).toBe(0);
    expect(frameAt([60, 120, 180], 179.9)).toBe(1);
    expect(frameAt([60, 120, 180], 1e9)).toBe(2);
    expect(frameAt([], 5)).toBe(-1);
  });

  it('reads a replay through whole-index and ranged data requests', async () => {
    const mem = new MemoryReplay();
    const w = new ReplayWriter(mem);
    await w.writeHeader({ name: 't', crs: 'EPSG:4544', nx: 3, ny: 2, cellSize: 5, originX: 0, originY: 0, outputInterval: 60, duration: 120, scenario: '{}' });
    const zero = { initial: 0, rain: 0, inflow: 0, outflow: 0, losses: 0, stored: 0, error: 0 };
    for (let k = 0; k < 2; k++) {
      await w.writeFrame({ index: k, time: 60 * (k + 1), steps: 1, depth: new Float32Array([0, 0.5 * (k + 1), 0, 0, 0, 0.2]), u: new Float32Array(6), v: new Float32Array(6), balance: zero });
    }
    const files: Record<string, Uint8Array> = { '/r/replay.cfr': mem.bytes('data'), '/r/replay.cfi': mem.bytes('index') };
    const ranges: string[] = [];
    const fake = (async (url: string, init?: RequestInit) => {
      const body = files[url];
      const range = (init?.headers as Record<string, string> | undefined)?.Range;
      if (!range) return new Response(body.slice(), { status: 200 });
      ranges.push(url);
      const [a, b] = range.slice(6).split('-').map(Number);
      return new Response(body.slice(a, b + 1), { status: 206 });
    }) as typeof fetch;
    expect(indexUrlFor('/r/replay.cfr')).toBe('/r/replay.cfi');
    const reader = await ReplayReader.open(browserReplaySource('/r/replay.cfr', fake));
    expect(reader.times).toEqual([60, 120]);
    const depth = (await reader.frame(1)).depth;
    [0, 1, 0, 0, 0, 0.2].forEach((d, c) => expect(depth[c]).toBeCloseTo(d, 5));
    expect(ranges.every((u) => u.endsWith('.cfr'))).toBe(true);
  });
});
