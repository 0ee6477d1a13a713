import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../data/index.ts';
import { COMMANDS } from '../commands/index.ts';

/** Run the real `cimflow` entry point (what `npx cimflow` runs after `npm ci`). */
function cimflow(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/cimflow.mjs'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: lines[lines.length - 1] };
}

describe('cimflow CLI', () => {
  it('is declared as the package bin', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { bin: Record<string, string> };
    expect(pkg.bin.cimflow).toBe('scripts/cimflow.mjs');
  });

  it('transforms the issue test vector with --json as the last line', () => {
    const r = cimflow('crs', 'EPSG:4490', 'EPSG:4547', '114.0575', '22.5431', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.last);
    expect(j.ok).toBe(true);
    expect(Math.abs(j.x - 505914.7)).toBeLessThan(0.001);
    expect(Math.abs(j.y - 2493941.23)).toBeLessThan(0.001);
    expect(j.z).toBe(0);
  });

  it('accepts negative coordinates and official axis order', () => {
    const r = cimflow('crs', 'EPSG:4547', 'EPSG:4490', '2493941.23', '505914.70', '--official-axis-order', '--json');
    const j = JSON.parse(r.last);
    expect(j.x).toBeCloseTo(22.5431, 6); // latitude first: EPSG:4490's official order
    expect(j.y).toBeCloseTo(114.0575, 6);
    const neg = cimflow('crs', 'EPSG:4326', 'EPSG:4978', '-70.5', '-33.4', '--json');
    expect(neg.code).toBe(0);
    expect(JSON.parse(neg.last).x).toBeGreaterThan(0);
  });

  it('fails with a one-line reason and a non-zero exit code', () => {
    const r = cimflow('crs', 'EPSG:1', 'EPSG:4326', '1', '2');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^cimflow crs: error: unknown CRS code 'EPSG:1'/);
    const j = cimflow('crs', 'EPSG:4544+5737', 'EPSG:4978', '622000', '3319000', '200', '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.last)).toMatchObject({ ok: false, command: 'crs' });
    expect(JSON.parse(j.last).error).toMatch(/geoid/);
    expect(cimflow('crs', 'a').code).toBe(2);
    expect(cimflow('crs', 'EPSG:4326', 'EPSG:4978', '1', '2', '--bogus').code).toBe(2);
    expect(cimflow('no-such-command').code).toBe(2);
  });

  it('has --help for every command', () => {
    for (const c of COMMANDS) {
      const r = cimflow(c.name, '--help');
      expect(r.code, c.name).toBe(0);
      expect(r.stdout).toContain(`Usage: cimflow ${c.name}`);
      expect(r.stdout).toContain('--json');
    }
    const top = cimflow('--help');
    for (const c of COMMANDS) expect(top.stdout).toContain(c.name);
  });
});
