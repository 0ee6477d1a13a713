/**
 * Benchmark: 1D-only run of SWMM's user4 network (24 h, 209 conduits, 5 s dynamic-wave step, runoff from
 * 112 subcatchments), wall time next to EPA SWMM 5.2.4's 4.4 s on the reference 2-core machine.
 * Run: npx tsx flood-sim/network/user4.bench.ts
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { parseInp } from './parse-inp.ts';
import { runSwmm } from './run-swmm.ts';

const REFERENCE_SECONDS = 4.4;

if (!hasSharedData()) {
  console.log('user4 benchmark skipped: shared reference data not found');
} else {
  const file = sharedDataPath('flood', 'swmm-networks', 'user4.inp');
  const model = parseInp(readFileSync(file, 'utf8'), { file });
  const cpu0 = process.cpuUsage();
  const report = runSwmm(model);
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const cpus = os.cpus();
  console.log(`user4.inp 1D only, 24 h: ${report.wallSeconds.toFixed(2)} s wall (EPA SWMM 5.2.4: ${REFERENCE_SECONDS} s)`);
  console.log(`  ${cpuSeconds.toFixed(2)} s CPU (wall time exceeds it when other processes share the cores)`);
  console.log(`  ${report.timeSteps.avg.toFixed(2)} s average step, ${report.timeSteps.iterationsPerStep.toFixed(2)} iterations per step`);
  console.log(`  machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
}
