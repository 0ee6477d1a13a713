import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { InpError } from './inp-error.ts';
import { createNetwork } from './network.ts';
import { parseInp } from './parse-inp.ts';
import { writeInp } from './write-inp.ts';

const withoutLines = (m: unknown): string => JSON.stringify(m, (k, v) => (k === 'line' ? undefined : v));

const GOOD = `[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
[JUNCTIONS]
J1 10 2 0 0 0
J2 9 2 0 0 0
[OUTFALLS]
O1 8 FREE NO
[CONDUITS]
C1 J1 J2 100 0.013 0 0 0 0
C2 J2 O1 100 0.013 0 0 0 0
[XSECTIONS]
C1 CIRCULAR 0.5 0 0 0 1
C2 CIRCULAR 0.5 0 0 0 1
[INFLOWS]
J1 FLOW ts
[TIMESERIES]
ts 0 0.1
ts 1 0.2
`;

/** Build GOOD with one line replaced and return the error thrown by parse + createNetwork. */
function errorFor(find: string, replace: string): InpError {
  const text = GOOD.replace(find, replace);
  expect(text).not.toBe(GOOD);
  try {
    createNetwork(parseInp(text, { file: 'bad.inp' }));
  } catch (e) {
    expect(e).toBeInstanceOf(InpError);
    return e as InpError;
  }
  throw new Error('no error thrown');
}

describe('parseInp / writeInp', () => {
  it('accepts a small valid network', () => {
    expect(() => createNetwork(parseInp(GOOD))).not.toThrow();
  });

  it('round-trips a model through writeInp', () => {
    const m = parseInp(GOOD);
    expect(withoutLines(parseInp(writeInp(m)))).toBe(withoutLines(m));
  });

  it('names the line and field of bad input', () => {
    const cases: [string, string, number, string][] = [
      ['C1 CIRCULAR 0.5', 'C1 EGG_SHAPE 0.5', 13, 'Shape'], // unknown section shape
      ['C1 CIRCULAR 0.5', 'C1 CIRCULAR -0.5', 13, 'Geom1'], // negative diameter
      ['C1 CIRCULAR 0.5', 'C1 CIRCULAR 0', 13, 'Geom1'], // zero diameter
      ['C2 J2 O1 100', 'C2 J2 O1 0', 11, 'Length'], // zero length
      ['C2 J2 O1 100', 'C2 J2 O1 -5', 11, 'Length'], // negative length
      ['J2 9 2 0 0 0', 'J1 9 2 0 0 0', 6, 'Name'], // duplicate id
      ['J1 FLOW ts', 'J1 FLOW nots', 16, 'Time Series'], // missing time series
      ['C2 J2 O1 100 0.013 0 0 0 0', 'C2 J2 O1 abc 0.013 0 0 0 0', 11, 'Length'], // not a number
      ['C2 J2 O1 100 0.013 0 0 0 0', 'C2 J2 X9 100 0.013 0 0 0 0', 11, 'To Node'], // unknown node
      ['J2 9 2 0 0 0', 'J2 9 2 0 0 0\nJ3 7 2 0 0 0', 7, 'Name'], // disconnected node
    ];
    for (const [find, replace, line, field] of cases) {
      const e = errorFor(find, replace);
      expect(e.line, `${replace}: ${e.message}`).toBe(line);
      expect(e.field, e.message).toBe(field);
      expect(e.message).toContain(`bad.inp:${line}`);
    }
  });
});

describe.skipIf(!hasSharedData())('parseInp on the shared .inp files', () => {
  const files = hasSharedData()
    ? [
      ...['swmm-networks', 'ea-test8b-1d'].flatMap((d) => readdirSync(sharedDataPath('flood', d)).filter((f) => f.endsWith('.inp')).map((f) => sharedDataPath('flood', d, f))),
      ...readdirSync(sharedDataPath('cim', 'swmm-inp')).filter((f) => f.endsWith('.inp')).map((f) => sharedDataPath('cim', 'swmm-inp', f)),
    ]
    : [];
  it.each(files)('round-trips %s', (file) => {
    const m = parseInp(readFileSync(file, 'utf8'), { file });
    expect(m.conduits.length).toBeGreaterThan(0);
    expect(withoutLines(parseInp(writeInp(m), { file }))).toBe(withoutLines(m));
  });
});
