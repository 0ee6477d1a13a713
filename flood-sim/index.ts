/**
 * flood-sim: DEM, rain, 2D overland solver, 1D pipe/river network, coupling, replay format.
 * Pure core; thin worker and file adapters.
 */
export * from './network/index.ts';

// 2D overland flow: inputs, model, solver, simulation.
export * from './raster.ts';
export { scenarioSchema, parseScenario, type Scenario, type ScenarioInput } from './scenario.ts';
export { buildModel, rasterizeFootprints, SOLVER_DEFAULTS, type FloodModel, type RasterSource } from './model.ts';
export {
  simulate, FloodInstabilityError, type SimulateOptions, type SurfaceCoupling, type FloodFrame, type FloodMaxima, type VolumeBalance,
} from './simulate.ts';
export { computeTimeStep, updateFluxes, updateDepths, type SolverParams, type StepForcing, type CellSources } from './solver/local-inertial.ts';
export { seriesValue, type SeriesData, type ForcingModel } from './solver/forcing.ts';

// 1D–2D coupling (dual drainage).
export * from './coupling/index.ts';

// Rain.
export {
  chicagoHyetograph, stormIntensity, stormPreset, STORM_PRESETS, CHICAGO_DEFAULTS, LPS_PER_HA_TO_M_PER_S,
  type StormFormula, type ChicagoOptions,
} from './rain/design-storm.ts';
export { inverseDistanceWeights } from './rain/idw.ts';

// Workers.
export { nodeWorkerFactory, browserWorkerFactory, defaultWorkerFactory } from './worker/spawn.ts';
export type { WorkerFactory, WorkerLike, ToWorker, FromWorker } from './worker/protocol.ts';

// Replay format.
export {
  ReplayWriter, ReplayReader, MemoryReplay, httpReplaySource, quantizeFrame, densify,
  type ReplaySink, type ReplaySource, type ReplayFile, type ReplayFrame,
} from './replay/replay.ts';
export type { ReplayHeader, ReplayFrameRecord, ReplayMaximaRecord } from './replay/schema.ts';

// File adapters (Node; they import node:fs lazily).
export { parseGeoTiff } from './io/geotiff.ts';
export { readRasterFile, loadScenarioFile, loadScenario, fileReplaySink, fileReplaySource } from './io/files.ts';
