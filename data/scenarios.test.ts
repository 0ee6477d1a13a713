import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../flood-sim/index.ts';

const dir = path.join(import.meta.dirname, 'scenarios');

describe('sample scenarios (data/scenarios)', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it('has scenarios, each with a provenance entry', () => {
    expect(files.length).toBeGreaterThan(0);
    const note = readFileSync(path.join(dir, 'PROVENANCE.md'), 'utf8');
    for (const f of files) expect(note).toContain(f);
  });
  it.each(files)('%s is a valid scenario', (f) => {
    const s = parseScenario(JSON.parse(readFileSync(path.join(dir, f), 'utf8')), f);
    expect(s.duration).toBeGreaterThan(0);
  });
});
