/**
 * Regenerates cim-model/crs/testdata/proj-reference.json: reference coordinates computed by the
 * PROJ command-line tools (Debian package proj-bin), an implementation independent of proj4js
 * and of cimflow's own geodesy. Run: `npx tsx scripts/tools/proj-reference.ts` (needs cs2cs, cct).
 */
import { execFileSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../data/index.ts';

function run(cmd: string, args: string[], input: string): number[][] {
  const out = execFileSync(cmd, args, { input: `${input}\n`, encoding: 'utf8' });
  return out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
}

const version = execFileSync('cs2cs', [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0] ||
  execFileSync('sh', ['-c', 'cs2cs 2>&1 | head -1'], { encoding: 'utf8' }).trim();

const zones: Array<{ code: number; points: number[][]; expected: number[][] }> = [];
const lats = [18.2, 25.5, 31.0, 39.9, 47.3, 53.0];
for (let code = 4491; code <= 4554; code++) {
  const sixDegree = code <= 4512;
  const i = sixDegree ? (code - 4491) % 11 : (code - 4513) % 21;
  const cm = sixDegree ? 75 + 6 * i : 75 + 3 * i;
  const half = sixDegree ? 2.95 : 1.45;
  const points = [-half, -half / 2, 0, 0.37, half].flatMap((d, k) => [[cm + d, lats[(k + i) % lats.length]], [cm + d / 3, lats[(k + i + 3) % lats.length]]]);
  // cs2cs speaks the official axis order: latitude, longitude in; northing, easting out.
  const res = run('cs2cs', ['-f', '%.6f', 'EPSG:4490', `EPSG:${code}`], points.map(([lon, lat]) => `${lat} ${lon}`).join('\n'));
  zones.push({ code, points, expected: res.map((r) => [r[1], r[0]]) });
}

// Points up to 5 km from a local origin in EPSG:4544 with ellipsoidal z, to ECEF (EPSG:4978).
const origin = [622555, 3319684, 230];
const offsets = [[0, 0, 0], [5000, 0, 0], [-5000, 0, 12], [0, 5000, -8], [0, -5000, 40], [3535.5, 3535.5, 0], [-3535.5, -3535.5, 95]];
const local = offsets.map(([dx, dy, dz]) => [origin[0] + dx, origin[1] + dy, origin[2] + dz]);
const ecef = run('cs2cs', ['-f', '%.6f', 'EPSG:4544', 'EPSG:4978'], local.map(([e, n, h]) => `${n} ${e} ${h}`).join('\n')).map((r) => r.slice(0, 3));

// ECEF → topocentric ENU at an origin (PROJ's +proj=topocentric), for EnuFrame.
const enuOrigin = [106.27, 29.99, 210];
const enu = run('cct', ['-d', '6', '+proj=pipeline', '+step', '+proj=topocentric', '+ellps=WGS84', `+lon_0=${enuOrigin[0]}`, `+lat_0=${enuOrigin[1]}`, `+h_0=${enuOrigin[2]}`],
  ecef.map((p) => p.join(' ')).join('\n')).map((r) => r.slice(0, 3));

const file = path.join(PROJECT_ROOT, 'cim-model/crs/testdata/proj-reference.json');
const body = { generator: 'scripts/tools/proj-reference.ts', proj: version.trim(), zones, ecef: { crs: 'EPSG:4544', points: local, expected: ecef }, enu: { origin: enuOrigin, ecef, expected: enu } };
writeFileSync(`${file}.tmp`, `${JSON.stringify(body)}\n`);
renameSync(`${file}.tmp`, file);
console.log(`wrote ${file}: ${zones.length} zones, ${zones.reduce((s, z) => s + z.points.length, 0)} points`);
