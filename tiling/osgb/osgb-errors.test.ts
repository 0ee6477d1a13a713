import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { OsgbError } from './osgb-error.ts';
import { readOsgb } from './read-osgb.ts';
import { makeSampleScene } from './sample-scene.test-support.ts';
import { summarizeOsgb } from './summarize-osgb.ts';
import { writeOsgb } from './write-osgb.ts';

function catchError(fn: () => unknown): unknown {
  try { fn(); } catch (e) { return e; }
  return undefined;
}

/** Reads and summarises; anything but success or an OsgbError fails the test. */
function readOrOsgbError(bytes: Uint8Array, file: string): 'ok' | OsgbError {
  const e = catchError(() => summarizeOsgb(readOsgb(bytes, { file })));
  if (e === undefined) return 'ok';
  if (!(e instanceof OsgbError)) throw new Error(`not an OsgbError: ${String(e)}`);
  return e;
}

/** Deterministic PRNG (mulberry32) so fuzz failures can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sample = writeOsgb(makeSampleScene(), { version: 161 });
const sampleOld = writeOsgb(makeSampleScene(), { version: 91, brackets: false });

describe('OSGB bad input', () => {
  it('names file, offset, expected and found for a corrupted magic', () => {
    const bad = sample.slice();
    bad[0] = 0x00;
    const e = catchError(() => readOsgb(bad, { file: 'Tile_bad.osgb' })) as OsgbError;
    expect(e).toBeInstanceOf(OsgbError);
    expect(e.file).toBe('Tile_bad.osgb');
    expect(e.offset).toBe(0);
    expect(e.expected).toMatch(/0x6C910EA1/);
    expect(e.message).toMatch(/^Tile_bad\.osgb: at byte 0: expected OSGB magic/);
  });

  it('reports truncation at every cut point with the file name and an offset inside the file', () => {
    for (const src of [sample, sampleOld]) {
      for (let cut = 0; cut < src.length; cut += Math.max(1, Math.floor(src.length / 97))) {
        const e = catchError(() => readOsgb(src.subarray(0, cut), { file: 'cut.osgb' }));
        expect(e, `cut at ${cut}`).toBeInstanceOf(OsgbError);
        expect((e as OsgbError).file).toBe('cut.osgb');
        expect((e as OsgbError).offset).toBeLessThanOrEqual(cut);
      }
    }
  });

  it('refuses unknown classes without brackets, skips them with brackets', () => {
    const text = new TextDecoder('latin1');
    const patch = (src: Uint8Array) => {
      const out = src.slice();
      const at = text.decode(out).indexOf('osg::Geode');
      out.set(new TextEncoder().encode('osg::Gxode'), at);
      return out;
    };
    const e = catchError(() => readOsgb(patch(sampleOld), { file: 'old.osgb' })) as OsgbError;
    expect(e).toBeInstanceOf(OsgbError);
    expect(e.found).toBe('osg::Gxode');
    expect(e.expected).toMatch(/supported OSG class/);
    const scene = readOsgb(patch(sample));
    expect(scene.root!.children[0]).toMatchObject({ kind: 'Unknown', className: 'osg::Gxode' });
  });

  it('rejects absurd array sizes before allocating', () => {
    const out = sample.slice();
    const text = new TextDecoder('latin1').decode(out);
    // The Vec3Array element count is the uint32 right after its 'vector' field starts; find it
    // through the known vertex count (36 vertices) following the class name.
    const at = text.indexOf('osg::Vec3Array');
    const view = new DataView(out.buffer);
    let hit = -1;
    for (let p = at; p < out.length - 4; p++) if (view.getUint32(p, true) === 36) { hit = p; break; }
    view.setUint32(hit, 0x7fffffff, true);
    const t0 = performance.now();
    const e = catchError(() => readOsgb(out, { file: 'huge.osgb' })) as OsgbError;
    expect(e).toBeInstanceOf(OsgbError);
    expect(e.found).toBe(String(0x7fffffff));
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses unknown compressors and corrupt zlib payloads with clear messages', () => {
    const z = writeOsgb(makeSampleScene(), { compress: true });
    const other = z.slice();
    other.set(new TextEncoder().encode('lzma'), 24);
    expect((catchError(() => readOsgb(other, { file: 'x.osgb' })) as OsgbError).expected).toMatch(/compressor "0" or "zlib"/);
    const broken = z.slice(0, 40);
    const e = catchError(() => readOsgb(broken, { file: 'z.osgb' })) as OsgbError;
    expect(e).toBeInstanceOf(OsgbError);
    expect(e.message).toMatch(/^z\.osgb/);
  });

  it('reads a gzip payload but errors inside it with the inflated offset', () => {
    const plain = writeOsgb(makeSampleScene(), { version: 161 });
    const header = plain.subarray(0, 25);
    const payload = gzipSync(plain.subarray(25, 200));
    const out = new Uint8Array(24 + 4 + payload.length);
    out.set(header.subarray(0, 20));
    new DataView(out.buffer).setUint32(20, 4, true);
    out.set(new TextEncoder().encode('zlib'), 24);
    out.set(payload, 28);
    const e = catchError(() => readOsgb(out, { file: 'trunc-z.osgb' })) as OsgbError;
    expect(e).toBeInstanceOf(OsgbError);
    expect(e.file).toMatch(/inflated payload/);
  });

  it('survives random byte flips: every result is a scene or an OsgbError (fuzz, seeded)', () => {
    const random = rng(20261121);
    let errors = 0;
    for (const src of [sample, sampleOld]) {
      for (let round = 0; round < 150; round++) {
        const out = src.slice();
        const flips = 1 + Math.floor(random() * 4);
        for (let k = 0; k < flips; k++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
        if (readOrOsgbError(out, `fuzz-${round}.osgb`) !== 'ok') errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasSharedData())('bad input derived from the shared ContextCapture tile', () => {
  const bytes = new Uint8Array(readFileSync(sharedDataPath('cim', 'osgb', 'test.osgb')));

  it('truncated test.osgb gives OsgbError naming the file at several cut points', () => {
    for (const cut of [3, 8, 20, 30, 100, 400, 660, 1000, 12000, 23223]) {
      const e = catchError(() => readOsgb(bytes.subarray(0, cut), { file: 'test.osgb' })) as OsgbError;
      expect(e, `cut ${cut}`).toBeInstanceOf(OsgbError);
      expect(e.message.startsWith('test.osgb: at byte ')).toBe(true);
    }
  });

  it('fuzzed test.osgb never crashes with anything but OsgbError', () => {
    const random = rng(91);
    for (let round = 0; round < 150; round++) {
      const out = bytes.slice();
      // Concentrate flips in the scene-graph part before the JPEG (which tolerates anything).
      const span = random() < 0.7 ? 700 : out.length;
      for (let k = 0; k < 3; k++) out[Math.floor(random() * span)] ^= 1 << Math.floor(random() * 8);
      readOrOsgbError(out, 'test.osgb');
    }
  });
});
