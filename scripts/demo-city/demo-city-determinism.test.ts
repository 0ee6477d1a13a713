/**
 * Same seed → byte-identical folder; another seed → a different town. On a small extent to stay fast.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDemoCityOptions } from './demo-city-options.ts';
import { generateDemoCity } from './generate-demo-city.ts';

let dir: string;

function listFiles(root: string, rel = ''): string[] {
  return readdirSync(path.join(root, rel)).sort().flatMap((name) => {
    const p = path.join(rel, name);
    return statSync(path.join(root, p)).isDirectory() ? listFiles(root, p) : [p];
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'demo-city-det-'));
  for (const [name, seed] of [['a', 1], ['b', 1], ['c', 2]] as const) {
    await generateDemoCity(parseDemoCityOptions({ output: path.join(dir, name), size: 800, seed }));
  }
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('demo city determinism', () => {
  it('writes byte-identical files for the same seed', () => {
    const a = listFiles(path.join(dir, 'a'));
    expect(listFiles(path.join(dir, 'b'))).toEqual(a);
    expect(a.length).toBeGreaterThan(20);
    for (const f of a) expect(readFileSync(path.join(dir, 'b', f)).equals(readFileSync(path.join(dir, 'a', f))), f).toBe(true);
  });

  it('writes a different town for another seed', () => {
    for (const f of ['terrain/dem.tif', 'vector/drainage.geojson', 'drainage/storm.inp']) {
      expect(readFileSync(path.join(dir, 'c', f)).equals(readFileSync(path.join(dir, 'a', f))), f).toBe(false);
    }
  });

  it('leaves no temporary folder behind', () => {
    expect(readdirSync(dir).sort()).toEqual(['a', 'b', 'c']);
  });
});
