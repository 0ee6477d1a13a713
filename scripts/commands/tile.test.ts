import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../data/index.ts';
import { validateTilesetJson } from '../../tiling/index.ts';

function cimflow(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/cimflow.mjs'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 600_000 });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, stderr: r.stderr, json: JSON.parse(lines[lines.length - 1]) };
}

describe('cimflow demo-data → cimflow tile (a small town, end to end)', () => {
  it('tiles every layer the city manifest names, and skips them when run again', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tile-cli-'));
    const city = path.join(dir, 'city');
    const gen = cimflow('demo-data', '-o', city, '--size', '800', '--json');
    expect(gen.code, gen.stderr).toBe(0);
    const out = path.join(dir, 'model');
    const r = cimflow('tile', city, '-o', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.failures).toEqual([]);
    const kinds = new Set(r.json.layers.map((l: { kind: string }) => l.kind));
    expect([...kinds].sort()).toEqual(['bim', 'buildings', 'pipes', 'reality-mesh']);
    const buildings = r.json.layers.find((l: { kind: string }) => l.kind === 'buildings');
    expect(buildings.features.building).toBe(gen.json.counts.buildings);
    expect(r.json.terrain.tiles).toBeGreaterThan(10);
    expect(r.json.imagery.tiles).toBeGreaterThan(0);
    const root = JSON.parse(readFileSync(path.join(out, 'tiles', 'tileset.json'), 'utf8'));
    expect(validateTilesetJson(root).issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(existsSync(path.join(out, 'terrain', 'layer.json'))).toBe(true);
    expect(existsSync(path.join(out, 'tile-config.json'))).toBe(true);
    const again = cimflow('tile', city, '-o', out, '--json');
    expect(again.code).toBe(0);
    expect(again.json.terrain.reused).toBe(true);
    expect(again.json.layers.every((l: { reused: number }) => l.reused > 0)).toBe(true);
  }, 900_000);

  it('fails with a one-line reason for a missing input', () => {
    const missing = cimflow('tile', '/no/such/dir', '-o', '/tmp/x', '--json');
    expect(missing.code).toBe(1);
    expect(missing.json.error).toMatch(/no such file or folder/);
  });
});
