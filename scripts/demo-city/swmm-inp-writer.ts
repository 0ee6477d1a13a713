/**
 * Writes the drainage network as an EPA SWMM 5.2 input file (SI: FLOW_UNITS CMS, lengths m, rainfall mm/h),
 * DYNWAVE routing with surface ponding, one subcatchment per manhole, the design storm as a rain-gauge time
 * series. Section layout and column order follow the SWMM 5.2 user manual, appendix D ("Input file format").
 * Node coordinates are EPSG:4544 [easting, northing] metres; elevations 1985 datum, metres.
 */
import type { DrainageNetwork } from './drainage-network.ts';
import type { Hyetograph } from './design-storm.ts';

export interface SwmmInpOptions {
  title: string;
  /** Simulation start (MM/DD/YYYY, HH:MM:SS) and duration, hours. A fixed date: no clock is read. */
  startDate: string;
  startTime: string;
  durationHours: number;
  routingStep: number;
  reportStep: number;
  /** Surface area over which surcharge ponds at a junction, m². */
  pondedArea: number;
  /** Horton infiltration for pervious areas: max and min rate (mm/h), decay (1/h), drying time (days). */
  horton: [number, number, number, number];
  /** Manning n and depression storage (mm) of impervious and pervious surfaces. */
  nImperv: number;
  nPerv: number;
  sImperv: number;
  sPerv: number;
  /** Mean overland flow length, m (subcatchment width = area / length). */
  overlandFlowLength: number;
}

export const SWMM_INP_DEFAULTS: SwmmInpOptions = {
  title: 'cimflow demo city storm drainage',
  startDate: '07/10/2024',
  startTime: '00:00:00',
  durationHours: 6,
  routingStep: 2,
  reportStep: 300,
  pondedArea: 20,
  horton: [60, 6, 4, 7],
  nImperv: 0.013,
  nPerv: 0.15,
  sImperv: 2,
  sPerv: 5,
  overlandFlowLength: 40,
};

const RAIN_GAUGE = 'RG1';
const STORM_SERIES = 'DESIGN_STORM';

function hms(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const f3 = (v: number) => v.toFixed(3);

function table(header: string[], rows: Array<Array<string | number>>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)) + 1);
  const fmt = (r: Array<string | number>) => r.map((c, i) => String(c).padEnd(widths[i])).join(' ').trimEnd();
  return [`;;${fmt(header)}`, `;;${widths.map((w) => '-'.repeat(w)).join(' ')}`, ...rows.map(fmt)];
}

export function writeSwmmInp(net: DrainageNetwork, storm: Hyetograph, options: Partial<SwmmInpOptions> = {}): string {
  const o = { ...SWMM_INP_DEFAULTS, ...options };
  const manholes = net.nodes.filter((n) => n.kind === 'manhole');
  const outfalls = net.nodes.filter((n) => n.kind === 'outfall');
  const drained = manholes.filter((n) => n.catchmentArea > 0);
  const endHours = o.durationHours;
  const endDate = o.startDate;
  const L: string[] = [];
  const section = (name: string, lines: string[]) => L.push(`[${name}]`, ...lines, '');

  section('TITLE', [';;Project Title/Notes', o.title, `Design storm: Chicago hyetograph, P = ${storm.options.returnPeriod} a, ${storm.options.duration} min, peak ratio ${storm.options.peakRatio}, ${storm.depth.toFixed(1)} mm`]);
  section('OPTIONS', [
    ';;Option             Value',
    'FLOW_UNITS           CMS',
    'INFILTRATION         HORTON',
    'FLOW_ROUTING         DYNWAVE',
    'LINK_OFFSETS         DEPTH',
    'MIN_SLOPE            0',
    'ALLOW_PONDING        YES',
    'SKIP_STEADY_STATE    NO',
    '',
    `START_DATE           ${o.startDate}`,
    `START_TIME           ${o.startTime}`,
    `REPORT_START_DATE    ${o.startDate}`,
    `REPORT_START_TIME    ${o.startTime}`,
    `END_DATE             ${endDate}`,
    `END_TIME             ${hms(endHours * 3600)}`,
    'SWEEP_START          01/01',
    'SWEEP_END            12/31',
    'DRY_DAYS             5',
    `REPORT_STEP          ${hms(o.reportStep)}`,
    'WET_STEP             00:01:00',
    'DRY_STEP             00:05:00',
    `ROUTING_STEP         ${o.routingStep}`,
    '',
    'INERTIAL_DAMPING     PARTIAL',
    'NORMAL_FLOW_LIMITED  BOTH',
    'FORCE_MAIN_EQUATION  H-W',
    'VARIABLE_STEP        0.75',
    'LENGTHENING_STEP     0',
    'MIN_SURFAREA         1.167',
    'MAX_TRIALS           8',
    'HEAD_TOLERANCE       0.0015',
    'SYS_FLOW_TOL         5',
    'LAT_FLOW_TOL         5',
    'MINIMUM_STEP         0.5',
    'THREADS              1',
  ]);
  section('EVAPORATION', [';;Data Source    Parameters', 'CONSTANT         0.0', 'DRY_ONLY         NO']);
  const interval = hms(storm.options.step * 60).slice(0, 5);
  section('RAINGAGES', table(['Name', 'Format', 'Interval', 'SCF', 'Source'], [[RAIN_GAUGE, 'INTENSITY', interval, '1.0', `TIMESERIES ${STORM_SERIES}`]]));
  section('SUBCATCHMENTS', table(['Name', 'Rain Gage', 'Outlet', 'Area', '%Imperv', 'Width', '%Slope', 'CurbLen', 'SnowPack'],
    drained.map((n) => [`S${n.id}`, RAIN_GAUGE, n.id, (n.catchmentArea / 1e4).toFixed(4), (n.impervious * 100).toFixed(1),
      Math.max(1, n.catchmentArea / o.overlandFlowLength).toFixed(1), Math.min(30, Math.max(0.3, n.slope * 100)).toFixed(2), 0, ''])));
  section('SUBAREAS', table(['Subcatchment', 'N-Imperv', 'N-Perv', 'S-Imperv', 'S-Perv', 'PctZero', 'RouteTo', 'PctRouted'],
    drained.map((n) => [`S${n.id}`, o.nImperv, o.nPerv, o.sImperv, o.sPerv, 25, 'OUTLET', ''])));
  section('INFILTRATION', table(['Subcatchment', 'MaxRate', 'MinRate', 'Decay', 'DryTime', 'MaxInfil'],
    drained.map((n) => [`S${n.id}`, ...o.horton, 0])));
  section('JUNCTIONS', table(['Name', 'Elevation', 'MaxDepth', 'InitDepth', 'SurDepth', 'Aponded'],
    manholes.map((n) => [n.id, f3(n.invert), f3(n.rim - n.invert), 0, 0, o.pondedArea])));
  section('OUTFALLS', table(['Name', 'Elevation', 'Type', 'Stage Data', 'Gated', 'Route To'],
    outfalls.map((n) => {
      const fixed = n.waterLevel !== undefined && n.waterLevel > n.invert;
      return [n.id, f3(n.invert), fixed ? 'FIXED' : 'FREE', fixed ? f3(n.waterLevel as number) : '', 'NO', ''];
    })));
  section('CONDUITS', table(['Name', 'From Node', 'To Node', 'Length', 'Roughness', 'InOffset', 'OutOffset', 'InitFlow', 'MaxFlow'],
    net.pipes.map((p) => [p.id, net.nodes[p.from].id, net.nodes[p.to].id, f3(p.length), net.options.roughness, 0, 0, 0, 0])));
  section('XSECTIONS', table(['Link', 'Shape', 'Geom1', 'Geom2', 'Geom3', 'Geom4', 'Barrels', 'Culvert'],
    net.pipes.map((p) => [p.id, 'CIRCULAR', p.diameter, 0, 0, 0, 1, ''])));
  section('TIMESERIES', table(['Name', 'Date', 'Time', 'Value'], [
    ...storm.intensity.map((v, k) => [STORM_SERIES, '', hms(k * storm.options.step * 60).slice(0, 5), v.toFixed(3)]),
    [STORM_SERIES, '', hms(storm.options.duration * 60).slice(0, 5), '0.000'],
  ]));
  section('REPORT', [';;Reporting Options', 'INPUT      NO', 'CONTROLS   NO', 'SUBCATCHMENTS ALL', 'NODES ALL', 'LINKS ALL']);
  const xs = net.nodes.map((n) => n.x);
  const ys = net.nodes.map((n) => n.y);
  section('MAP', [`DIMENSIONS ${Math.min(...xs).toFixed(3)} ${Math.min(...ys).toFixed(3)} ${Math.max(...xs).toFixed(3)} ${Math.max(...ys).toFixed(3)}`, 'Units      Meters']);
  section('COORDINATES', table(['Node', 'X-Coord', 'Y-Coord'], net.nodes.map((n) => [n.id, f3(n.x), f3(n.y)])));
  section('VERTICES', table(['Link', 'X-Coord', 'Y-Coord'], []));
  section('Polygons', table(['Subcatchment', 'X-Coord', 'Y-Coord'],
    drained.flatMap((n) => n.outline.map((p) => [`S${n.id}`, f3(p[0]), f3(p[1])]))));
  section('SYMBOLS', table(['Gage', 'X-Coord', 'Y-Coord'], [[RAIN_GAUGE, f3((Math.min(...xs) + Math.max(...xs)) / 2), f3((Math.min(...ys) + Math.max(...ys)) / 2)]]));
  return L.join('\n');
}
