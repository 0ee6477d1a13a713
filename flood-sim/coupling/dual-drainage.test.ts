/**
 * Dual drainage on a small generated case: a pipe too small for its inflow surcharges at J1 onto a street
 * that falls towards a hollow, where the water drains back in at J2. Checks the exchange both ways, one
 * volume balance over both domains, and identical results on 0 and 2 workers.
 */
import { describe, expect, it } from 'vitest';
import { modelFrom, syntheticRaster } from '../testing.ts';
import { parseInp } from '../network/parse-inp.ts';
import { createCoupledNetwork, drainageFromScenario, simulateCoupled, type CoupledFrame } from './coupled-run.ts';
import { exchangeFlow } from './exchange-law.ts';
import { parseScenario } from '../scenario.ts';

const NX = 60, NY = 30, DX = 2;
/** A street falling 2 % towards a hollow at x = 91 m, with a 1 % cross fall to its centre line (y = 30 m). */
const ground = (x: number, y: number) => 8.6 + 0.02 * Math.abs(x - 91) + 0.01 * Math.abs(y - 30);
const dem = syntheticRaster('dem', NX, NY, DX, ground);
/** Ground at a node's cell centre (the DEM value), so that rims sit on the street. */
const cellGround = (x: number, y: number) => ground((Math.floor(x / DX) + 0.5) * DX, (Math.floor(y / DX) + 0.5) * DX);

function inp(): string {
  const g1 = cellGround(21, 31), g2 = cellGround(91, 31);
  return `[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
START_DATE 01/01/2020
START_TIME 00:00:00
END_DATE 01/01/2020
END_TIME 01:00:00
ROUTING_STEP 1
VARIABLE_STEP 0.75
[JUNCTIONS]
J1 ${(g1 - 2).toFixed(4)} 2 0 0 0
J2 ${(g2 - 2).toFixed(4)} 2 0 0 0
[OUTFALLS]
O1 ${(g2 - 3.5).toFixed(4)} FREE NO
[CONDUITS]
C1 J1 J2 70 0.013 0 0 0 0
C2 J2 O1 60 0.013 0 0 0 0
[XSECTIONS]
C1 CIRCULAR 0.4 0 0 0 1
C2 CIRCULAR 1.0 0 0 0 1
[INFLOWS]
J1 FLOW HYD
[TIMESERIES]
HYD 0 0
HYD 0.25 1.0
HYD 0.67 0
HYD 1 0
[COORDINATES]
J1 21 31
J2 91 31
`;
}

async function run(workers: number): Promise<CoupledFrame[]> {
  const model = modelFrom({
    dem: 'dem', manning: 0.02, rain: { type: 'uniform', hyetograph: [[0, 30], [1200, 0]] }, duration: 3600, outputInterval: 300,
  }, { dem });
  const nw = createCoupledNetwork(parseInp(inp(), { file: 'generated.inp' }), { duration: 3600 });
  const frames: CoupledFrame[] = [];
  for await (const f of simulateCoupled(model, nw, { workers })) frames.push(f);
  return frames;
}

describe('exchange law', () => {
  it('is a free weir, then an orifice, continuous where the lower side crosses the crest', () => {
    const c = { weir: 0.5, orifice: 0.6 };
    // free weir: 0.5 · π · 0.05 · √(2g·0.05)
    expect(exchangeFlow(10.05, 9, 10, Math.PI, Math.PI / 4, c)).toBeCloseTo(0.5 * Math.PI * 0.05 * Math.sqrt(2 * 9.81 * 0.05), 9);
    // orifice once deep: 0.6 · π/4 · √(2g·1)
    expect(exchangeFlow(11, 9, 10, Math.PI, Math.PI / 4, c)).toBeCloseTo(0.6 * (Math.PI / 4) * Math.sqrt(2 * 9.81), 9);
    expect(exchangeFlow(10.3, 10 - 1e-9, 10, 3, 1, c)).toBeCloseTo(exchangeFlow(10.3, 10 + 1e-9, 10, 3, 1, c), 6);
    // surcharge: the sign follows the heads; nothing below the crest
    expect(exchangeFlow(10.1, 10.5, 10, 3, 1, c)).toBeLessThan(0);
    expect(exchangeFlow(9.9, 9.5, 10, 3, 1, c)).toBe(0);
  });
});

describe('scenario drainage field', () => {
  it('fills the defaults and names a bad field', () => {
    const s = parseScenario({ dem: 'dem.tif', duration: 60, drainage: { inp: 'storm.inp' } });
    expect(s.drainage).toEqual({ inp: 'storm.inp', links: 'auto', diameter: 1, outfalls: 'surface', rims: 'surface', interval: 1, subcatchments: 'ignore', surcharge: 'slot' });
    expect(() => parseScenario({ dem: 'dem.tif', duration: 60, drainage: { inp: 'storm.inp', interval: 0 } }, 'town.json')).toThrow(/^town\.json: drainage\.interval: /);
    expect(() => parseScenario({ dem: 'dem.tif', duration: 60, drainage: { inp: 'storm.inp', links: [{ x: 1 }] } }, 'town.json')).toThrow(/^town\.json: drainage\.links: /);
  });

  it('runs the network with SURCHARGE_METHOD SLOT unless the scenario asks for EXTRAN, whatever the file says', () => {
    const model = parseInp(inp().replace('[OPTIONS]', '[OPTIONS]\nSURCHARGE_METHOD EXTRAN'), { file: 'generated.inp' });
    const method = (surcharge?: 'slot' | 'extran') =>
      drainageFromScenario(parseScenario({ dem: 'dem.tif', duration: 60, drainage: { inp: 'storm.inp', surcharge } }).drainage!, model, 60)
        .network.net.options.surchargeMethod;
    expect(method()).toBe('SLOT');
    expect(method('extran')).toBe('EXTRAN');
    expect(createCoupledNetwork(model).options.accounting).toBe('continuity');
  });
});

describe('dual drainage on a generated street', () => {
  it('surcharges upstream, drains back in at the hollow, closes one balance, and is the same on 0 and 2 workers', async () => {
    const inline = await run(0);
    const last = inline[inline.length - 1];
    const d = last.drainage;
    // both ways: the surcharge at J1 and the drainage at J2 (m³)
    expect(d.exchange.toSurface).toBeGreaterThan(100);
    expect(d.exchange.toNetwork).toBeGreaterThan(100);
    // the 2D balance closes by itself with the exchange terms, the network's by itself, and both together
    expect(Math.abs(last.balance.relativeError)).toBeLessThan(1e-5);
    expect(Math.abs(d.network.relativeError)).toBeLessThan(0.005);
    expect(Math.abs(d.balance.relativeError)).toBeLessThan(0.005);
    expect(last.balance.fromNetwork).toBeCloseTo(d.exchange.toSurface, 6);
    const two = await run(2);
    const l2 = two[two.length - 1];
    expect(l2.steps).toBe(last.steps);
    expect(l2.drainage.exchange).toEqual(d.exchange);
    expect(Array.from(l2.depth)).toEqual(Array.from(last.depth));
  }, 60_000);
});
