/** Text tables of a `SwmmReport`, laid out as SWMM 5's status report (.rpt) sections. */
import type { SwmmReport } from './run-swmm.ts';

/** "days hh:mm" of a time in seconds, rounded to the minute as SWMM prints it. */
export function formatDaysClock(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `${String(d).padStart(4)}  ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const f = (v: number, w: number, d: number): string => v.toFixed(d).padStart(w);

function banner(title: string): string[] {
  const stars = '*'.repeat(title.length);
  return ['', `  ${stars}`, `  ${title}`, `  ${stars}`];
}

export function formatReport(r: SwmmReport): string {
  const si = ['CMS', 'LPS', 'MLD'].includes(r.flowUnits);
  const len = si ? 'Meters' : 'Feet';
  const big = si ? 'hectare-m' : 'acre-feet';
  const mega = si ? '10^6 ltr' : '10^6 gal';
  const out: string[] = [];
  if (r.runoffContinuity) {
    const c = r.runoffContinuity;
    out.push(...banner('Runoff Quantity Continuity'), `  ${''.padEnd(28)}${big.padStart(10)}`);
    out.push(`  Total Precipitation ......${f(c.precipitation, 14, 3)}`, `  Evaporation Loss .........${f(c.evaporation, 14, 3)}`,
      `  Infiltration Loss ........${f(c.infiltration, 14, 3)}`, `  Surface Runoff ...........${f(c.runoff, 14, 3)}`,
      `  Final Storage ............${f(c.finalStorage, 14, 3)}`, `  Continuity Error (%) .....${f(c.errorPct, 14, 3)}`);
  }
  const c = r.routingContinuity;
  out.push(...banner('Flow Routing Continuity'), `  ${''.padEnd(28)}${big.padStart(10)}`);
  out.push(`  Dry Weather Inflow .......${f(c.dryWeatherInflow, 14, 3)}`, `  Wet Weather Inflow .......${f(c.wetWeatherInflow, 14, 3)}`, `  External Inflow ..........${f(c.externalInflow, 14, 3)}`,
    `  External Outflow .........${f(c.externalOutflow, 14, 3)}`, `  Flooding Loss ............${f(c.flooding, 14, 3)}`,
    `  Initial Stored Volume ....${f(c.initialStorage, 14, 3)}`, `  Final Stored Volume ......${f(c.finalStorage, 14, 3)}`,
    `  Continuity Error (%) .....${f(c.errorPct, 14, 3)}`);
  const t = r.timeSteps;
  out.push(...banner('Routing Time Step Summary'), `  Minimum Time Step           : ${f(t.min, 8, 2)} sec`,
    `  Average Time Step           : ${f(t.avg, 8, 2)} sec`, `  Maximum Time Step           : ${f(t.max, 8, 2)} sec`,
    `  Average Iterations per Step : ${f(t.iterationsPerStep, 8, 2)}`, `  % of Steps Not Converging   : ${f(t.pctNotConverging, 8, 2)}`);
  out.push(...banner('Node Depth Summary'), '',
    `  ${''.padEnd(31)}Average  Maximum  Maximum  Time of Max`,
    `  ${''.padEnd(31)}  Depth    Depth      HGL   Occurrence`,
    `  ${'Node'.padEnd(20)} ${'Type'.padEnd(10)}${len.padStart(7)}${len.padStart(9)}${len.padStart(9)}  days hr:min`);
  for (const n of r.nodeDepth) {
    out.push(`  ${n.node.padEnd(20)} ${n.type.padEnd(10)}${f(n.avgDepth, 7, 2)}${f(n.maxDepth, 9, 2)}${f(n.maxHgl, 9, 2)}  ${formatDaysClock(n.timeOfMax)}`);
  }
  out.push(...banner('Node Flooding Summary'));
  if (r.nodeFlooding.length === 0) out.push('', '  No nodes were flooded.');
  else {
    out.push('', `  ${''.padEnd(20)}${'Hours'.padStart(8)}${'Maximum'.padStart(11)}  Time of Max${'Total Flood'.padStart(14)}`,
      `  ${'Node'.padEnd(20)}${'Flooded'.padStart(8)}${`Rate ${r.flowUnits}`.padStart(11)}  days hr:min${mega.padStart(14)}`);
    for (const n of r.nodeFlooding) {
      out.push(`  ${n.node.padEnd(20)}${f(n.hoursFlooded, 8, 2)}${f(n.maxRate, 11, 3)}  ${formatDaysClock(n.timeOfMax)}${f(n.totalVolume, 14, 3)}`);
    }
  }
  out.push(...banner('Outfall Loading Summary'), '',
    `  ${'Outfall Node'.padEnd(20)}${'Flow Freq'.padStart(10)}${'Avg Flow'.padStart(10)}${'Max Flow'.padStart(10)}${'Total Vol'.padStart(12)}`);
  for (const o of r.outfalls) {
    out.push(`  ${o.node.padEnd(20)}${f(o.flowFreqPct, 10, 2)}${f(o.avgFlow, 10, 3)}${f(o.maxFlow, 10, 3)}${f(o.totalVolume, 12, 3)}`);
  }
  out.push(...banner('Link Flow Summary'), '',
    `  ${''.padEnd(31)}Maximum  Time of Max   Maximum    Max/    Max/`,
    `  ${'Link'.padEnd(20)} ${'Type'.padEnd(10)}${`|Flow| ${r.flowUnits}`.padStart(10)}  days hr:min   |Veloc|    Full    Full`,
    `  ${''.padEnd(58)}Flow   Depth`);
  for (const l of r.linkFlow) {
    out.push(`  ${l.link.padEnd(20)} ${l.type.padEnd(10)}${f(l.maxFlow, 10, 3)}  ${formatDaysClock(l.timeOfMax)}${f(l.maxVelocity, 10, 2)}${f(l.maxOverFullFlow, 8, 2)}${f(l.maxOverFullDepth, 8, 2)}`);
  }
  return out.join('\n');
}
