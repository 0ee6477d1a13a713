/**
 * A city with a storm network (a `swmm` layer in city.json) runs its scenarios coupled to it: the bowl of
 * the server fixture drains through a manhole at its centre into a pipe that leaves the town. Checked against
 * the same storm on the same bowl without the network.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../contracts.ts';
import { GRID, makeDataDir, removeDir, startTestServer, type TestServer } from '../http/server-fixture.test-support.ts';

const STORM = { kind: 'design-storm', returnPeriod: 100, duration: 1800, simDuration: 1800 } as const;
const centre = { x: GRID.x0 + (GRID.nx * GRID.dx) / 2 + 2.5, y: GRID.y0 - (GRID.ny * GRID.dx) / 2 + 2.5 };

/** A manhole at the bowl centre (ground ≈ 200 m), a 0.6 m pipe 400 m east to an outfall outside the grid. */
const INP = `[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
START_DATE 01/01/2026
START_TIME 00:00:00
END_DATE 01/01/2026
END_TIME 00:30:00
ROUTING_STEP 1
[JUNCTIONS]
J1 197.5 2.5 0 0 0
[OUTFALLS]
O1 195.5 FREE NO
[CONDUITS]
C1 J1 O1 400 0.013 0 0 0 0
[XSECTIONS]
C1 CIRCULAR 0.6 0 0 0 1
[COORDINATES]
J1 ${centre.x} ${centre.y}
O1 ${centre.x + 400} ${centre.y}
`;

async function runStorm(t: TestServer, name: string): Promise<ScenarioSummary> {
  const created = await t.call('/api/scenarios', { method: 'POST', role: 'flood-command', json: { name, ...STORM } });
  expect(created.status).toBe(202);
  const { id } = (await created.json()) as ScenarioSummary;
  const until = Date.now() + 120_000;
  for (;;) {
    const s: ScenarioSummary = await (await t.call(`/api/scenarios/${id}`, { role: 'planner' })).json();
    if (s.state === 'done' || s.state === 'failed') return s;
    if (Date.now() > until) throw new Error(`scenario ${id} still ${s.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('coupled scenarios (the city has a storm network)', () => {
  const dirs: string[] = [];
  const servers: TestServer[] = [];
  let plain: ScenarioSummary, coupled: ScenarioSummary, coupledDir: string;
  beforeAll(async () => {
    const bare = await makeDataDir();
    coupledDir = await makeDataDir();
    dirs.push(bare, coupledDir);
    const manifestFile = path.join(coupledDir, 'city.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    manifest.layers.push({ id: 'swmm', kind: 'swmm', path: 'city/storm.inp' });
    await writeFile(manifestFile, JSON.stringify(manifest));
    await writeFile(path.join(coupledDir, 'city/storm.inp'), INP);
    for (const d of dirs) servers.push(await startTestServer(d));
    plain = await runStorm(servers[0], 'without drains');
    coupled = await runStorm(servers[1], 'with drains');
  }, 240_000);
  afterAll(async () => {
    for (const s of servers) await s.server.stop();
    for (const d of dirs) await removeDir(d);
  });

  it('drains the bowl through the manhole: less water at the centre, one closed balance over both domains', async () => {
    expect(plain.state).toBe('done');
    expect(coupled.error).toBeUndefined();
    expect(coupled.state).toBe('done');
    const summary = JSON.parse(await readFile(path.join(coupledDir, 'replays', coupled.id, 'summary.json'), 'utf8'));
    const d = summary.drainage;
    expect(d.exchange.toNetwork).toBeGreaterThan(100);
    // The pipe runs surcharged and the manhole ponds: the network's own balance closes too (SURCHARGE_METHOD SLOT
    // and its continuity accounting, coupled-run.ts; with EXTRAN and SWMM's accounting it was −4.6 %).
    expect(Math.abs(d.network.relativeError)).toBeLessThan(0.005);
    expect(Math.abs(d.balance.relativeError)).toBeLessThan(0.005);
    expect(Math.abs(coupled.results!.balance.relativeError)).toBeLessThan(0.005);
    // The drained volume leaves through the outfall, so the ponded bowl is shallower than without drains.
    expect(coupled.results!.maxDepth).toBeLessThan(plain.results!.maxDepth - 0.02);
  });
});
