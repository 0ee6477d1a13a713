import { readFileSync } from 'node:fs';
import { createTransform, fromOfficialAxisOrder, parseGtx, toOfficialAxisOrder, type GeoidModel } from '../../cim-model/index.ts';
import type { CommandSpec } from '../cli/command.ts';
import { UsageError } from '../cli/errors.ts';

function parseNumber(name: string, s: string): number {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${name}: expected a number, found '${s}'`);
  return v;
}

function loadGeoid(spec: string | undefined): GeoidModel | undefined {
  if (spec === undefined) return undefined;
  if (/^[-+]?\d/.test(spec)) return { kind: 'constant', offset: parseNumber('--geoid', spec) };
  if (!spec.endsWith('.gtx')) throw new UsageError(`--geoid: expected a constant offset in metres or a .gtx grid file, found '${spec}'`);
  return parseGtx(new Uint8Array(readFileSync(spec)), spec);
}

export const crsCommand: CommandSpec = {
  name: 'crs',
  summary: 'transform one point between coordinate reference systems',
  usage: '<from> <to> <x> <y> [z]',
  description: [
    'CRSs: EPSG:n (WGS84 4326/4979/4978, CGCS2000 4490/4480/4479, Gauss-Kruger zones 4491-4554, ...),',
    'EPSG:h+v compound with a height datum (EPSG:4544+5737 = GK CM 105E + 1985 national height datum),',
    'ENU:<lat>,<lon>[,<h>], a PROJ string or WKT.',
    'Coordinates are easting/longitude first unless --official-axis-order is given.',
    'Heights cross between orthometric and ellipsoidal only with --geoid (h = H + N).',
    '',
    'Example: cimflow crs EPSG:4490 EPSG:4547 114.0575 22.5431',
  ].join('\n'),
  positionals: [4, 5],
  options: {
    geoid: { type: 'string', valueName: '<N|file.gtx>', description: 'geoid undulation N in metres, or a .gtx grid' },
    'official-axis-order': { type: 'boolean', description: "read and print coordinates in each CRS's official axis order (e.g. northing first for EPSG:4547)" },
  },
  async run(ctx) {
    const [from, to, xs, ys, zs] = ctx.args;
    let p = [parseNumber('x', xs), parseNumber('y', ys), zs === undefined ? 0 : parseNumber('z', zs)];
    const t = createTransform(from, to, { geoid: loadGeoid(ctx.options.geoid as string | undefined) });
    const official = Boolean(ctx.options['official-axis-order']);
    if (official) p = fromOfficialAxisOrder(t.from, p);
    let r = Array.from(t.forward(p));
    if (official) r = toOfficialAxisOrder(t.to, r);
    const angular = t.to.kind === 'geographic';
    const fmt = (v: number, i: number) => v.toFixed(angular && i < 2 ? 10 : 4);
    ctx.print(r.map(fmt).join(' '));
    return { x: r[0], y: r[1], z: r[2], from: t.from.id, to: t.to.id, axisOrder: official ? 'official' : 'easting-first' };
  },
};
