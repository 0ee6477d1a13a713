/** Helpers for tests and benchmarks: synthetic rasters and a run-to-the-end loop. */
import type { Raster } from './raster.ts';
import { buildModel, type FloodModel } from './model.ts';
import { parseScenario, type ScenarioInput } from './scenario.ts';
import { simulate, type FloodFrame, type SimulateOptions } from './simulate.ts';

/** A raster on a local metric grid with its north-west corner at (0, ny·dx): z = f(x, y) at cell centres. */
export function syntheticRaster(name: string, nx: number, ny: number, dx: number, f: (x: number, y: number, i: number, j: number) => number): Raster {
  const data = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[i + j * nx] = f((i + 0.5) * dx, ny * dx - (j + 0.5) * dx, i, j);
  return { name, nx, ny, dx, dy: dx, x0: 0, y0: ny * dx, data };
}

/** Builds a model from a scenario whose raster references are keys of `rasters`. */
export function modelFrom(scenario: ScenarioInput, rasters: Record<string, Raster>): FloodModel {
  return buildModel(parseScenario(scenario), (ref) => {
    const r = rasters[ref];
    if (!r) throw new Error(`test raster '${ref}' missing`);
    return r;
  });
}

/** Runs to the end; returns every frame (depth copies) and the last one. */
export async function runAll(model: FloodModel, options: SimulateOptions = {}): Promise<{ frames: FloodFrame[]; last: FloodFrame }> {
  const frames: FloodFrame[] = [];
  for await (const f of simulate(model, options)) frames.push(f);
  return { frames, last: frames[frames.length - 1] };
}
