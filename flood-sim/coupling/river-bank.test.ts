/**
 * A river reach (1D open channel) overtops its banks into a closed floodplain (2D) over lateral bank weirs,
 * and the floodplain drains back as the flood passes. Also: bad drainage input names the field.
 */
import { describe, expect, it } from 'vitest';
import { modelFrom, syntheticRaster } from '../testing.ts';
import { parseInp } from '../network/parse-inp.ts';
import { createCoupledNetwork, simulateCoupled, type CoupledFrame } from './coupled-run.ts';
import { DUAL_DRAINAGE_DEFAULTS, DualDrainage } from './dual-drainage.ts';

const NX = 40, NY = 20, DX = 2;
/** Bank top 10 m at the river (y = 21 m) falling 0.2 % downstream, floodplain rising 1 % away from it. */
const bank = (x: number) => 10 - 0.002 * x;
const dem = syntheticRaster('dem', NX, NY, DX, (x, y) => bank(x) + 0.01 * Math.abs(y - 21));
const cellBank = (x: number) => bank((Math.floor(x / DX) + 0.5) * DX);

const INP = `[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
START_DATE 01/01/2020
START_TIME 00:00:00
END_DATE 01/01/2020
END_TIME 02:00:00
ROUTING_STEP 1
VARIABLE_STEP 0.75
[JUNCTIONS]
R1 ${(cellBank(5) - 1.5).toFixed(4)} 1.5 0 0 0
R2 ${(cellBank(41) - 1.5).toFixed(4)} 1.5 0 0 0
R3 ${(cellBank(75) - 1.5).toFixed(4)} 1.5 0 0 0
[OUTFALLS]
R4 ${(cellBank(75) - 1.6).toFixed(4)} FREE NO
[CONDUITS]
K1 R1 R2 36 0.03 0 0 0 0
K2 R2 R3 34 0.03 0 0 0 0
K3 R3 R4 40 0.03 0 0 0 0
[XSECTIONS]
K1 RECT_OPEN 1.5 4 0 0 1
K2 RECT_OPEN 1.5 4 0 0 1
K3 RECT_OPEN 1.5 4 0 0 1
[INFLOWS]
R1 FLOW FLOOD
[TIMESERIES]
FLOOD 0 1
FLOOD 0.5 20
FLOOD 1 1
FLOOD 2 1
[COORDINATES]
R1 5 21
R2 41 21
R3 75 21
`;

describe('river banks as lateral weirs', () => {
  it('spills a flood onto the floodplain and takes it back, closing one balance', async () => {
    const model = modelFrom({ dem: 'dem', manning: 0.05, duration: 7200, outputInterval: 600 }, { dem });
    const nw = createCoupledNetwork(parseInp(INP, { file: 'river.inp' }), { duration: 7200 });
    const frames: CoupledFrame[] = [];
    for await (const f of simulateCoupled(model, nw, { workers: 0 })) frames.push(f);
    const last = frames[frames.length - 1];
    const x = last.drainage.exchange;
    const peakStored = Math.max(...frames.map((f) => f.balance.stored));
    console.log(JSON.stringify({ exchange: x, peakStored, endStored: last.balance.stored, balance: last.drainage.balance.relativeError }));
    expect(x.toSurface).toBeGreaterThan(500);
    expect(x.toNetwork).toBeGreaterThan(0.5 * x.toSurface);
    expect(last.balance.stored).toBeLessThan(0.5 * peakStored);
    expect(Math.abs(last.balance.relativeError)).toBeLessThan(1e-5);
    expect(Math.abs(last.drainage.balance.relativeError)).toBeLessThan(0.005);
  }, 60_000);

  it('links river nodes as banks and names bad links by field', () => {
    const model = modelFrom({ dem: 'dem', duration: 60 }, { dem });
    const d = new DualDrainage(createCoupledNetwork(parseInp(INP, { file: 'river.inp' })), model, DUAL_DRAINAGE_DEFAULTS);
    // the three river nodes' cells, then the cells between them along K1 (columns 3–19) and K2 (21–36)
    expect(d.links.node.length).toBe(3 + 17 + 16);
    expect(Array.from(d.links.bank).every((b) => b === 1)).toBe(true);
    expect(d.links.area[0]).toBe(Infinity);
    expect(Array.from(d.links.node2.slice(0, 3))).toEqual([-1, -1, -1]);
    expect(d.links.share2[3]).toBeGreaterThan(0);
    expect(d.links.share2[3 + 16]).toBeLessThan(1);
    const bad = (links: { node: string; x?: number; y?: number }[]) => () => new DualDrainage(createCoupledNetwork(parseInp(INP, { file: 'river.inp' })), model, { ...DUAL_DRAINAGE_DEFAULTS, links });
    expect(bad([{ node: 'NOPE' }])).toThrow("drainage.links.0.node: no node 'NOPE' in river.inp");
    expect(bad([{ node: 'R4' }])).toThrow('drainage.links.0.node: \'R4\' is an outfall');
    expect(bad([{ node: 'R1', x: -500, y: 0 }])).toThrow('drainage.links.0: point (-500, 0)');
    const kinwave = createCoupledNetwork(parseInp(INP.replace('FLOW_ROUTING DYNWAVE', 'FLOW_ROUTING KINWAVE'), { file: 'river.inp' }));
    expect(() => new DualDrainage(kinwave, model, DUAL_DRAINAGE_DEFAULTS)).toThrow('river.inp:3 [OPTIONS] FLOW_ROUTING: coupling to a surface needs DYNWAVE');
  });
});
